#include "mutants.hpp"

#include <algorithm>
#include <cstdio>

#include "subprocess.hpp"

namespace spancheck::cli {

namespace {

const char* verdict_name(kill::verdict v) {
    switch (v) {
    case kill::verdict::killed: return "killed";
    case kill::verdict::wrong_kind: return "wrong kind";
    case kill::verdict::survived: return "SURVIVED";
    case kill::verdict::unreachable: return "unreachable in Go";
    case kill::verdict::interrupted: return "not checked (interrupted)";
    }
    return "?";
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

}  // namespace

kill hunt(const protocol& p, const entry& v, const model::search& how) {
    kill k{p.name, v.name, v.summary, v.upstream, v.expected, kill::verdict::survived, {}, {}, {}, 0, 0, {}};
    model::options opt;
    opt.how = how;
    const unsigned slots = p.model_slots.empty() ? 0 : p.model_slots.front();
    for (const entry& s : p.scenarios) {
        model::outcome out = p.model(v.name, s.name, slots, opt);
        const auto* r = std::get_if<model::result>(&out);
        if (!r && interrupted()) {
            k.outcome = kill::verdict::interrupted;
            return k;
        }
        if (!r) continue;  // the scenario refuses this configuration
        k.executions += r->executions;
        k.seconds += r->seconds;
        if (!r->violated) continue;
        // A violation the scenario documents for this variant is the
        // scenario failing by design (Go's throw, Go's race), whatever the
        // mutation: it shows nothing about the seeded bug, so it is not a
        // kill, not even with a declared kind. The hunt goes on.
        if (!r->documented.empty()) {
            k.documented_seen.push_back(r->kind + " on " + s.name);
            continue;
        }
        const bool declared = std::find(v.expected.begin(), v.expected.end(), r->kind) != v.expected.end();
        k.outcome = declared ? kill::verdict::killed : kill::verdict::wrong_kind;
        k.kind = r->kind;
        k.executor = "model " + how.text();
        k.scenario = s.name;
        return k;
    }
    return k;
}

std::vector<kill> run_mutants(const model::search& how) {
    std::vector<kill> kills;
    for (const protocol& p : protocols()) {
        for (const entry& v : p.variants) {
            if (!v.expected.empty()) kills.push_back(hunt(p, v, how));
        }
        for (const entry& u : p.unreachable) {
            kill k{p.name, u.name, u.summary, u.upstream, {}, kill::verdict::unreachable, {}, {}, {}, 0, 0, {}};
            kills.push_back(k);
        }
    }
    return kills;
}

bool print_mutants(std::ostream& out, const std::vector<kill>& kills) {
    std::size_t width = 0;
    for (const kill& k : kills) width = std::max(width, k.variant.size());
    int counted = 0, killed = 0, unreachable = 0;
    for (const kill& k : kills) {
        out << k.variant << std::string(width + 2 - k.variant.size(), ' ') << verdict_name(k.outcome);
        switch (k.outcome) {
        case kill::verdict::killed:
        case kill::verdict::wrong_kind: {
            char cost[96];
            std::snprintf(cost, sizeof cost, "after %llu executions in %.1f ms", (unsigned long long)k.executions,
                          k.seconds * 1e3);
            out << ": " << k.kind << " (expected " << joined(k.expected, " or ") << ") by " << k.executor << " on "
                << k.scenario << ", " << cost;
            break;
        }
        case kill::verdict::survived:
            out << ": no scenario caught it (expected " << joined(k.expected, " or ") << ")";
            if (!k.documented_seen.empty()) out << "; only documented violations: " << joined(k.documented_seen, ", ");
            break;
        case kill::verdict::unreachable: out << ", not counted"; break;
        case kill::verdict::interrupted: break;
        }
        out << "\n" << std::string(width + 2, ' ') << k.upstream << ": " << k.summary << "\n";
        if (k.outcome == kill::verdict::unreachable) {
            ++unreachable;
            continue;
        }
        ++counted;
        killed += k.outcome == kill::verdict::killed;
    }
    char score[160];
    std::snprintf(score, sizeof score, "\nmutation score: %d of %d killed with a declared kind (%.0f%%); %d unreachable in Go, not counted\n",
                  killed, counted, counted ? 100.0 * killed / counted : 100.0, unreachable);
    out << score;
    return killed == counted;
}

nlohmann::json mutants_json(const std::vector<kill>& kills, const model::search& how) {
    nlohmann::json j;
    j["schema"] = "spancheck-report/1";
    j["command"] = "mutants";
    j["search"] = how.text();
    auto& rows = j["mutants"] = nlohmann::json::array();
    int counted = 0, killed = 0;
    for (const kill& k : kills) {
        nlohmann::json row = {{"protocol", k.protocol}, {"variant", k.variant}, {"upstream", k.upstream},
                              {"summary", k.summary},   {"expected", k.expected}, {"verdict", verdict_name(k.outcome)}};
        if (k.outcome == kill::verdict::killed || k.outcome == kill::verdict::wrong_kind) {
            row["kind"] = k.kind;
            row["executor"] = k.executor;
            row["scenario"] = k.scenario;
        }
        row["documented_seen"] = k.documented_seen;
        row["executions"] = k.executions;
        row["seconds"] = k.seconds;
        rows.push_back(row);
        if (k.outcome != kill::verdict::unreachable) {
            ++counted;
            killed += k.outcome == kill::verdict::killed;
        }
    }
    j["score"] = {{"killed", killed}, {"counted", counted}};
    j["verdict"] = killed == counted ? "holds" : "violated";
    return j;
}

}  // namespace spancheck::cli
