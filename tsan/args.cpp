#include "args.hpp"

#include <algorithm>
#include <cstdio>
#include <random>

#include "../impl/spanset/ghost.hpp"
#include "spanset_window.hpp"
#include "spanset_dispatch.hpp"

namespace spancheck::stress {

namespace {

std::string names(const std::vector<std::string>& list) {
    std::string out;
    for (const std::string& n : list) out += (out.empty() ? "" : ", ") + n;
    return out;
}

std::vector<std::string> variant_names() {
    std::vector<std::string> out;
    spanset::variants::all::each([&](auto* tag) { out.emplace_back(std::remove_pointer_t<decltype(tag)>::name); });
    return out;
}

// Scenario names do not depend on the harness; any instance tells them.
using any_harness = spanset::harness<real_world, spanset::variants::popped, spanset::spanSetConfig<2, 1>>;

std::vector<std::string> scenario_names() {
    std::vector<std::string> out;
    spanset::all::for_harness<any_harness>::each(
        [&](auto* tag) { out.emplace_back(std::remove_pointer_t<decltype(tag)>::name); });
    return out;
}

std::string number(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return buf;
}

}  // namespace

void add_stress_options(CLI::App& app, stress_args& a) {
    app.add_option("--variant", a.variant, "span set variant: used or popped (see spancheck list)")->required();
    app.add_option("--scenario", a.scenario, "scenario, e.g. two-poppers (see spancheck list)")->required();
    app.add_option("--slots", a.slots, "slots per block: 2, 4 or 512 (Go's)")->capture_default_str();
    app.add_option("--threads", a.threads, "threads, shared among the scenario's roles (default: the scenario's)");
    CLI::Option* trials = app.add_option("--trials", a.trials, "run this many trials (default 10000)");
    CLI::Option* seconds = app.add_option("--seconds", a.seconds, "run trials for this many seconds instead");
    trials->excludes(seconds);
    app.add_option("--perturb", a.perturb, "schedule perturbation: " + std::string(policy_forms))
        ->capture_default_str();
    app.add_option("--seed", a.seed, "seed of the perturbation decisions (default: a random one, printed)");
    app.add_option("--json", a.json, "also write the report as JSON to this file");
    app.add_flag("--stop-at-first", a.stop_at_first, "stop at the first violation");
    app.footer(
        "Exit codes: 0 no violation, and the race window was hit; 1 a violation; 2 bad input; 3 inconclusive: "
        "no violation, but no trial hit the race window, so the run tested nothing (a window hit: " +
        std::string(spanset_window::hit_definition) + ").");
}

std::variant<stress_request, std::string> check_stress_args(const stress_args& a) {
    stress_request r;
    r.protocol = "spanset";
    r.variant = a.variant;
    r.scenario = a.scenario;
    r.slots = a.slots;
    const std::vector<std::string> variants = variant_names(), scenarios = scenario_names();
    if (std::find(variants.begin(), variants.end(), a.variant) == variants.end()) {
        return "unknown variant '" + a.variant + "'; accepted: " + names(variants) +
               " (the stress executor runs the span set protocol)";
    }
    if (std::find(scenarios.begin(), scenarios.end(), a.scenario) == scenarios.end()) {
        return "unknown scenario '" + a.scenario + "' for protocol spanset; accepted: " + names(scenarios);
    }
    if (std::find(std::begin(spanset_stress_slots), std::end(spanset_stress_slots), a.slots) ==
        std::end(spanset_stress_slots)) {
        std::vector<std::string> sizes;
        for (unsigned s : spanset_stress_slots) sizes.push_back(std::to_string(s));
        return "--slots " + std::to_string(a.slots) + " is not a block size the stress executor is built for; accepted: " +
               names(sizes);
    }
    if (a.trials && *a.trials < 1) {
        return "--trials " + std::to_string(*a.trials) + " is not a trial count; accepted: 1 or more";
    }
    if (a.seconds && !(*a.seconds > 0)) {
        return "--seconds " + number(*a.seconds) + " is not a duration; accepted: a number of seconds > 0";
    }
    r.p.trials = a.seconds ? 0 : a.trials ? std::uint64_t(*a.trials) : default_trials;
    r.p.seconds = a.seconds.value_or(0);
    r.p.stop_at_first = a.stop_at_first;
    r.p.seed = a.seed ? *a.seed : std::uint64_t(std::random_device{}()) << 32 | std::random_device{}();

    auto parsed = parse_policy(a.perturb, spanset_point_names());
    if (auto* why = std::get_if<std::string>(&parsed)) return *why;
    r.p.perturbation = std::get<policy>(parsed);

    std::string refusal;
    with_spanset_scenario(a.variant, a.scenario, a.slots, [&](auto* tag, auto) {
        using S = std::remove_pointer_t<decltype(tag)>;
        const shape base = S::default_shape;
        const long long most = spanset::max_threads;
        if (a.threads && (*a.threads < base.roles() || *a.threads > most)) {
            refusal = "--threads " + std::to_string(*a.threads) + " is out of range for scenario " + a.scenario +
                      "; accepted: " + std::to_string(base.roles()) + " to " + std::to_string(most);
            return;
        }
        r.p.roles = a.threads ? base.scaled_to(unsigned(*a.threads)) : base;
        refusal = S::refusal(r.p.roles);
    });
    if (!refusal.empty()) return refusal;
    return r;
}

std::vector<std::string> stress_arguments(const stress_request& r) {
    std::vector<std::string> out = {"--variant", r.variant, "--scenario", r.scenario,
                                    "--slots", std::to_string(r.slots), "--threads", std::to_string(r.p.roles.threads()),
                                    "--perturb", r.p.perturbation.text, "--seed", std::to_string(r.p.seed)};
    if (r.p.trials) {
        out.insert(out.end(), {"--trials", std::to_string(r.p.trials)});
    } else {
        out.insert(out.end(), {"--seconds", number(r.p.seconds)});
    }
    if (r.p.stop_at_first) out.push_back("--stop-at-first");
    return out;
}

}  // namespace spancheck::stress
