#include "args.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>
#include <random>

#include "../report/bad_input.hpp"
#include "../report/budgets.hpp"
#include "stress_protocol.hpp"

namespace spancheck::stress {

namespace {

std::string joined(const std::vector<std::string>& list) {
    std::string out;
    for (const std::string& n : list) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::string number(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return buf;
}

bool contains(const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

// The protocol the arguments name (--protocol, or the one that has the
// variant), or the one-line reason there is none.
std::variant<const stress_protocol*, std::string> protocol_of(const stress_args& a) {
    const std::vector<stress_protocol>& all = stress_protocols();
    std::vector<std::string> protocols, variants;
    for (const stress_protocol& p : all) {
        protocols.push_back(p.name);
        if (a.protocol.empty() || a.protocol == p.name) variants.insert(variants.end(), p.variants.begin(), p.variants.end());
    }
    if (!a.protocol.empty() && !contains(protocols, a.protocol)) {
        return "unknown protocol '" + a.protocol + "'; accepted: " + joined(protocols);
    }
    for (const stress_protocol& p : all) {
        if ((a.protocol.empty() || a.protocol == p.name) && contains(p.variants, a.variant)) return &p;
    }
    // A variant file's own executor runs that one variant, named by the file.
    const bool file = a.variant.find('/') != std::string::npos || a.variant.ends_with(".hpp");
    if (file && variants.size() == 1) {
        for (const stress_protocol& p : all) {
            if (!p.variants.empty()) return &p;
        }
    }
    return "unknown variant '" + a.variant + "'" + (a.protocol.empty() ? "" : " of protocol " + a.protocol) +
           "; accepted: " + joined(variants);
}

// A --seed: any 64-bit number, as runs print them; nothing otherwise.
std::optional<std::uint64_t> parse_seed(const std::string& text) {
    std::uint64_t seed = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, seed);
    if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
    return seed;
}

}  // namespace

void add_stress_options(CLI::App& app, stress_args& a) {
    app.add_option("--variant", a.variant, "protocol variant, e.g. used or go1.13 (see spancheck list)")->required();
    app.add_option("--scenario", a.scenario, "scenario, e.g. two-poppers (see spancheck list)")->required();
    app.add_option("--protocol", a.protocol, "protocol (default: the one that has the variant)");
    app.add_option("--slots", a.slots, "span set slots per block: 2 (default), 4 or 512 (Go's)");
    app.add_option("--threads", a.threads, "threads, shared among the scenario's roles (default: the scenario's)");
    CLI::Option* trials = app.add_option("--trials", a.trials, "run this many trials (default 10000)");
    CLI::Option* seconds = app.add_option("--seconds", a.seconds, "run trials for this many seconds instead");
    trials->excludes(seconds);
    app.add_option("--perturb", a.perturb, "schedule perturbation: " + std::string(policy_forms))
        ->capture_default_str();
    app.add_option("--seed", a.seed, "seed of the perturbation decisions (default: a random one, printed)");
    app.add_option("--json", a.json, "also write the report as JSON to this file");
    app.add_option("--svg", a.svg,
                   "record each trial's steps and draw the first violating trial's as an SVG picture in this file");
    app.add_flag("--stop-at-first", a.stop_at_first, "stop at the first violation");
    app.add_option("--orders", a.orders,
                   "run with these memory orders: SITE=ORDER,... or all=ORDER (at most ORDER everywhere); "
                   "spancheck list --sites VARIANT names the sites");
    app.footer(
        "Exit codes: 0 no violation, and the race window was hit; 1 a violation; 2 bad input; 3 inconclusive: "
        "no violation, but no trial hit the scenario's race window, so the run tested nothing (each report says "
        "what a window hit is).");
}

std::variant<stress_request, std::string> check_stress_args(const stress_args& a) {
    auto found = protocol_of(a);
    if (auto* why = std::get_if<std::string>(&found)) return *why;
    const stress_protocol& proto = *std::get<const stress_protocol*>(found);
    stress_request r;
    r.protocol = proto.name;
    r.variant = a.variant;
    r.name = contains(proto.variants, a.variant) ? a.variant : proto.variants.front();
    r.scenario = a.scenario;
    if (!contains(proto.scenarios, a.scenario)) {
        return "unknown scenario '" + a.scenario + "' for protocol " + proto.name + "; accepted: " +
               joined(proto.scenarios);
    }
    if (proto.slots.empty()) {
        if (a.slots) return "--slots applies to the span set only, not to protocol " + proto.name;
    } else {
        r.slots = a.slots.value_or(proto.slots.front());
        if (std::find(proto.slots.begin(), proto.slots.end(), r.slots) == proto.slots.end()) {
            std::vector<std::string> sizes;
            for (unsigned s : proto.slots) sizes.push_back(std::to_string(s));
            return "--slots " + std::to_string(r.slots) +
                   " is not a block size the stress executor is built for; accepted: " + joined(sizes);
        }
    }
    try {
        r.p.trials = a.seconds ? 0 : a.trials ? report::budget_executions(*a.trials, "--trials") : default_trials;
        r.p.seconds = a.seconds ? report::budget_seconds(*a.seconds) : 0;
    } catch (const report::bad_input& e) {
        return e.message;
    }
    r.p.stop_at_first = a.stop_at_first;
    if (a.seed) {
        const auto seed = parse_seed(*a.seed);
        if (!seed) {
            return "--seed " + *a.seed + " is not a seed; accepted: a whole number from 0 to " +
                   std::to_string(std::numeric_limits<std::uint64_t>::max());
        }
        r.p.seed = *seed;
    } else {
        r.p.seed = std::uint64_t(std::random_device{}()) << 32 | std::random_device{}();
    }

    if (!a.orders.empty()) {
        if (std::string why = proto.check_orders(a.orders); !why.empty()) return why;
        r.orders = a.orders;
    }

    auto parsed = parse_policy(a.perturb, proto.points);
    if (auto* why = std::get_if<std::string>(&parsed)) return *why;
    r.p.perturbation = std::get<policy>(parsed);

    auto threads = proto.threads(r.name, a.scenario, r.slots, a.threads);
    if (auto* why = std::get_if<std::string>(&threads)) return *why;
    r.p.roles = std::get<scenario_threads>(threads).roles;
    r.threads = std::get<scenario_threads>(threads).names;
    return r;
}

std::vector<std::string> stress_arguments(const stress_request& r) {
    std::vector<std::string> out = {"--variant", r.variant, "--scenario", r.scenario};
    if (r.slots) out.insert(out.end(), {"--slots", std::to_string(r.slots)});
    out.insert(out.end(), {"--threads", std::to_string(r.p.roles.threads()), "--perturb", r.p.perturbation.text,
                           "--seed", std::to_string(r.p.seed)});
    if (r.p.trials) {
        out.insert(out.end(), {"--trials", std::to_string(r.p.trials)});
    } else {
        out.insert(out.end(), {"--seconds", number(r.p.seconds)});
    }
    if (r.p.stop_at_first) out.push_back("--stop-at-first");
    if (!r.orders.empty()) out.insert(out.end(), {"--orders", r.orders});
    return out;
}

std::vector<std::string> given_arguments(const stress_args& a) {
    std::vector<std::string> out = {"--variant", a.variant, "--scenario", a.scenario, "--perturb", a.perturb};
    if (!a.protocol.empty()) out.insert(out.end(), {"--protocol", a.protocol});
    if (a.slots) out.insert(out.end(), {"--slots", std::to_string(*a.slots)});
    if (a.threads) out.insert(out.end(), {"--threads", std::to_string(*a.threads)});
    if (a.trials) out.insert(out.end(), {"--trials", *a.trials});
    if (a.seconds) out.insert(out.end(), {"--seconds", *a.seconds});
    if (a.seed) out.insert(out.end(), {"--seed", *a.seed});
    if (a.stop_at_first) out.push_back("--stop-at-first");
    if (!a.orders.empty()) out.insert(out.end(), {"--orders", a.orders});
    return out;
}


}  // namespace spancheck::stress
