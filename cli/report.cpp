#include "report.hpp"

#include <algorithm>
#include <cstdio>

namespace spancheck::cli {

namespace {

std::string duration(double seconds) {
    char buf[32];
    if (seconds < 1) {
        std::snprintf(buf, sizeof buf, "%.1f ms", seconds * 1e3);
    } else {
        std::snprintf(buf, sizeof buf, "%.2f s", seconds);
    }
    return buf;
}

std::string what_was_run(const run_info& run) {
    std::string s = run.variant + " on " + run.scenario + " (" + run.protocol;
    if (run.slots) s += ", " + std::to_string(run.slots) + " slots per block";
    return s + ")";
}

std::string coverage(const run_info& run, const model::result& r) {
    if (!r.exhaustive) {
        return run.search.rfind("random:", 0) == 0 ? "not exhaustive: random schedules (" + run.search + ")"
                                                   : "not exhaustive";
    }
    if (run.search == "full") return "exhaustive: every schedule";
    const std::string k = run.search.substr(6);
    return "exhaustive within context bound " + k + ": every schedule with at most " + k +
           (k == "1" ? " preemption" : " preemptions");
}

}  // namespace

std::string replay_command(const run_info& run, const model::result& r) {
    std::string cmd = run.program + " model --variant " + run.variant + " --scenario " + run.scenario;
    if (run.slots) cmd += " --slots " + std::to_string(run.slots);
    return cmd + " --search " + r.replay_search + " --replay " + r.replay_state;
}

void print_model(std::ostream& out, const run_info& run, const model::result& r) {
    if (!r.violated) {
        out << "HOLDS: " << what_was_run(run) << "\n"
            << "  " << r.executions << " executions in " << duration(r.seconds) << ", " << coverage(run, r) << "\n";
        return;
    }
    out << "VIOLATED: " << r.message << "  [" << r.kind << "]\n"
        << "  " << what_was_run(run) << "\n\n"
        << "Interleaving, one protocol step a line, in the order the steps happened:\n";
    std::size_t width = 0;
    for (const auto& s : r.steps) width = std::max(width, s.who.size());
    int n = 0;
    for (const auto& s : r.steps) {
        char num[16];
        std::snprintf(num, sizeof num, "%4d  ", ++n);
        out << num << s.who << std::string(width - s.who.size() + 2, ' ') << s.what << "\n";
    }
    if (r.steps_truncated) out << "      ... (trace truncated)\n";
    if (run.replay) {
        out << "\nReplayed the execution in " << duration(r.seconds) << ".\n";
    } else {
        out << "\nFound after " << r.executions << " executions in " << duration(r.seconds) << " (search "
            << run.search;
        if (r.preemptions > 1) {
            out << "; found at bound " << r.preemptions << ": no schedule with fewer preemptions shows it";
        } else if (r.preemptions == 1) {
            out << "; found at bound 1";
        }
        out << ").\n";
    }
    out << "Replay: " << replay_command(run, r) << "\n";
}

nlohmann::json model_json(const run_info& run, const model::result& r) {
    nlohmann::json j;
    j["schema"] = "spancheck-report/1";
    j["command"] = "model";
    j["executor"] = "model";
    j["protocol"] = run.protocol;
    j["variant"] = run.variant;
    j["scenario"] = run.scenario;
    if (run.slots) j["slots"] = run.slots;
    j["search"] = run.search;
    j["verdict"] = r.violated ? "violated" : "holds";
    j["exhaustive"] = r.exhaustive;
    j["executions"] = r.executions;
    j["seconds"] = r.seconds;
    if (r.violated) {
        j["violation"] = {{"kind", r.kind}, {"message", r.message}};
        auto& trace = j["trace"] = nlohmann::json::array();
        for (const auto& s : r.steps) trace.push_back({{"thread", s.who}, {"step", s.what}});
        if (r.preemptions) j["preemptions"] = r.preemptions;
        j["replay"] = r.replay_state;
        j["replay_command"] = replay_command(run, r);
    } else {
        j["violation"] = nullptr;
    }
    return j;
}

}  // namespace spancheck::cli
