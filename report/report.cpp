#include "report.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <iomanip>

#include "bad_input.hpp"

#include "../impl/violation.hpp"

namespace spancheck::report {

const char* const version = SPANCHECK_VERSION;

std::string pad(const std::string& s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 1, ' '); }

std::string duration(double seconds) {
    char buf[32];
    if (seconds < 1) {
        std::snprintf(buf, sizeof buf, "%.1f ms", seconds * 1e3);
    } else {
        std::snprintf(buf, sizeof buf, "%.2f s", seconds);
    }
    return buf;
}

namespace {

std::string what_was_run(const run_info& run, const std::string& shape = "") {
    std::string s = run.variant + " on " + run.scenario + " (" + run.protocol;
    if (run.slots) s += ", " + std::to_string(run.slots) + " slots per block";
    if (!shape.empty()) s += "; " + shape;
    if (!run.orders.empty()) s += "; orders " + run.orders;
    s += ")";
    if (run.parts) s += ", part " + std::to_string(run.part) + " of " + std::to_string(run.parts);
    return s;
}

std::string coverage(const run_info& run, const model::result& r) {
    if (!r.exhaustive) {
        if (!r.stopped_by.empty()) return "not exhaustive: the search was stopped (" + r.stopped_by + ")";
        return run.search.rfind("random:", 0) == 0 ? "not exhaustive: random schedules (" + run.search + ")"
                                                   : "not exhaustive";
    }
    if (run.parts) {
        return "exhaustive over this part's " + std::to_string(r.roots) + " of " + std::to_string(r.roots_total) +
               " subtrees; a proof needs every part: spancheck merge their --json reports";
    }
    if (r.engine == "explorer") {
        return "exhaustive: every interleaving up to equivalence (the explorer: sequentially consistent, "
               "partial-order reduction)";
    }
    if (run.search == "full") return "exhaustive: every schedule";
    const std::string k = run.search.substr(6);
    return "exhaustive within context bound " + k + ": every schedule with at most " + k +
           (k == "1" ? " preemption" : " preemptions");
}

std::string executions(const model::result& r) {
    std::string s = std::to_string(r.executions) + (r.executions == 1 ? " execution" : " executions");
    if (r.blocked || r.retried) {
        s += " (and " + std::to_string(r.blocked + r.retried) + " cut short: " + std::to_string(r.blocked) +
             " sleep-set blocked, " + std::to_string(r.retried) + " at a failed confirming CAS)";
    }
    return s;
}

std::string model_verdict(const model::result& r) {
    return r.violated ? "violated" : r.inconclusive() ? "inconclusive" : "holds";
}

// The fields every report starts with.
nlohmann::json report_head(const run_info& run, const std::string& command, const std::string& executor) {
    nlohmann::json j;
    j["schema"] = "spancheck-report/1";
    j["command"] = command;
    j["executor"] = executor;
    j["protocol"] = run.protocol;
    j["variant"] = run.variant;
    j["scenario"] = run.scenario;
    if (run.slots) j["slots"] = run.slots;
    if (!run.orders.empty()) j["orders_given"] = run.orders;
    j["version"] = version;
    return j;
}

// "1 trial", "2 trials"
std::string count(std::uint64_t n, const char* thing) {
    return std::to_string(n) + " " + thing + (n == 1 ? "" : "s");
}

// Threads by role, in the order the roles first appear: a thread's role is
// its name without the letter that tells threads of a role apart ("popper A").
std::vector<std::pair<std::string, std::uint64_t>> role_counts(const std::vector<std::string>& threads) {
    std::vector<std::pair<std::string, std::uint64_t>> out;
    for (const std::string& t : threads) {
        const bool lettered = t.size() > 2 && t[t.size() - 2] == ' ' && std::isupper(static_cast<unsigned char>(t.back()));
        const std::string role = lettered ? t.substr(0, t.size() - 2) : t;
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& r) { return r.first == role; });
        if (it == out.end()) {
            out.emplace_back(role, 1);
        } else {
            ++it->second;
        }
    }
    return out;
}

// "1 allocator, 2 scanners"
std::string roles(const std::vector<std::string>& threads) {
    std::string out;
    for (const auto& [role, n] : role_counts(threads)) out += (out.empty() ? "" : ", ") + count(n, role.c_str());
    return out;
}

std::string microseconds(std::int64_t ns) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f µs", double(ns) / 1e3);
    return buf;
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", whole ? 100.0 * double(part) / double(whole) : 0.0);
    return buf;
}

std::string per_second(std::uint64_t n, double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", seconds > 0 ? double(n) / seconds : 0.0);
    return buf;
}

// A violation the scenario shows by design is still one (exit 1); say so
// before the details, so that nobody debugs Go's own throw or race.
void print_documented(std::ostream& out, const run_info& run, const std::string& reason) {
    if (reason.empty()) return;
    out << "Documented: " << run.scenario << " fails this way by design (spancheck check does not count it): "
        << reason << "\n";
}

// What the outcome may be: ok is acceptable, a violation forbidden unless
// the scenario shows it by design.
const char* expectation(const stress::outcome_count& o) {
    return o.acceptable ? "acceptable" : o.documented.empty() ? "forbidden" : "documented";
}

std::string stress_verdict(const stress::result& r) {
    return r.violated ? "violated" : r.inconclusive() ? "inconclusive" : "holds";
}

}  // namespace

std::ofstream report_file_or_throw(const std::string& path, const char* option) {
    std::ofstream out;
    if (path.empty()) return out;
    out.open(path, std::ios::app);
    if (!out) throw bad_input{std::string("cannot write ") + option + " file '" + path + "': " + std::strerror(errno)};
    return out;
}

void write_report(const std::string& path, const std::string& content, const char* option) {
    if (path.empty()) return;
    errno = 0;
    std::ofstream out(path, std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
        throw bad_input{std::string("cannot write ") + option + " file '" + path + "': " +
                        (errno ? std::strerror(errno) : "write failed")};
    }
}

std::string replay_command(const run_info& run, const model::result& r) {
    std::string cmd = run.program + " model --variant " + run.variant + " --scenario " + run.scenario;
    if (run.slots) cmd += " --slots " + std::to_string(run.slots);
    for (const std::string& w : run.run_args) cmd += " " + w;
    return cmd + " --search " + r.replay_search + " --replay " + r.replay_state;
}

void print_model(std::ostream& out, const run_info& run, const model::result& r) {
    if (!r.violated) {
        out << (r.inconclusive() ? "INCONCLUSIVE: " : "HOLDS: ") << what_was_run(run, r.shape) << "\n"
            << "  " << executions(r) << " in " << duration(r.seconds) << ", " << coverage(run, r) << "\n";
        if (r.inconclusive()) {
            out << "  no violation in what was explored, but the search did not complete: this is no proof\n";
        }
        return;
    }
    out << "VIOLATED: " << r.message << "  [" << r.kind << "]\n";
    print_documented(out, run, r.documented);
    out << "  " << what_was_run(run, r.shape) << "\n\n"
        << "Interleaving, one protocol step a line, in the order the steps happened:\n";
    std::size_t width = 0;
    for (const auto& s : r.steps) width = std::max(width, s.who.size());
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
        const auto& s = r.steps[i];
        // Marks: the step that broke the invariant, and a race's two accesses.
        const bool raced = r.conflict && (r.conflict->first == i || r.conflict->second == i);
        const char* mark = r.breaking == i ? ">" : raced ? "*" : " ";
        char num[32];
        std::snprintf(num, sizeof num, "%s%4zu  ", mark, i + 1);
        out << num << s.who << std::string(width - s.who.size() + 2, ' ') << s.what << "\n";
    }
    out << "  (> the step that broke the invariant" << (r.conflict ? "; * the two accesses that race" : "") << ")\n";
    if (r.steps_truncated) out << "      ... (trace truncated)\n";
    if (run.replay) {
        out << "\nReplayed the execution in " << duration(r.seconds) << ".\n";
    } else {
        out << "\nFound after " << executions(r) << " in " << duration(r.seconds) << " (search " << run.search;
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
    nlohmann::json j = report_head(run, "model", "model");
    j["engine"] = r.engine;
    j["search"] = run.search;
    j["shape"] = r.shape;
    j["run_args"] = run.run_args;
    j["verdict"] = model_verdict(r);
    j["exhaustive"] = r.exhaustive;
    j["executions"] = r.executions;
    j["blocked"] = r.blocked;
    j["retried"] = r.retried;
    j["seconds"] = r.seconds;
    j["stopped_by"] = r.stopped_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.stopped_by);
    j["documented"] = r.documented.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.documented);
    if (run.parts) {
        j["shard"] = {{"part", run.part}, {"of", run.parts}, {"roots", r.roots}, {"roots_total", r.roots_total},
                      {"build", run.build}};
    }
    if (r.violated) {
        j["violation"] = {{"kind", r.kind}, {"message", r.message}};
        auto& trace = j["trace"] = nlohmann::json::array();
        for (const auto& s : r.steps) trace.push_back({{"thread", s.who}, {"step", s.what}});
        j["breaking_step"] = r.breaking ? nlohmann::json(*r.breaking) : nlohmann::json(nullptr);
        j["race_steps"] = r.conflict ? nlohmann::json::array({r.conflict->first, r.conflict->second})
                                     : nlohmann::json(nullptr);
        if (r.preemptions) j["preemptions"] = r.preemptions;
        j["replay"] = r.replay_state;
        j["replay_search"] = r.replay_search;
        j["replay_command"] = replay_command(run, r);
    } else {
        j["violation"] = nullptr;
    }
    return j;
}

run_info model_run_from_json(const nlohmann::json& j, const std::string& program) {
    run_info run;
    run.program = program;
    run.protocol = j.value("protocol", "");
    run.variant = j.value("variant", "");
    run.scenario = j.value("scenario", "");
    run.slots = j.value("slots", 0u);
    run.search = j.value("search", "");
    for (const auto& w : j.value("run_args", nlohmann::json::array())) run.run_args.push_back(w.get<std::string>());
    run.orders = j.value("orders_given", "");
    if (const auto s = j.find("shard"); s != j.end() && s->is_object()) {
        run.part = s->value("part", 0u);
        run.parts = s->value("of", 0u);
        run.build = s->value("build", "");
    }
    return run;
}

model::result model_result_from_json(const nlohmann::json& j) {
    model::result r;
    r.violated = j.value("verdict", "") == "violated";
    r.exhaustive = j.value("exhaustive", false);
    r.executions = j.value("executions", std::uint64_t(0));
    r.blocked = j.value("blocked", std::uint64_t(0));
    r.retried = j.value("retried", std::uint64_t(0));
    r.seconds = j.value("seconds", 0.0);
    r.engine = j.value("engine", "");
    r.shape = j.value("shape", "");
    if (const auto s = j.find("shard"); s != j.end() && s->is_object()) {
        r.roots = s->value("roots", std::size_t(0));
        r.roots_total = s->value("roots_total", std::size_t(0));
    }
    if (const auto s = j.find("stopped_by"); s != j.end() && s->is_string()) r.stopped_by = s->get<std::string>();
    if (const auto d = j.find("documented"); d != j.end() && d->is_string()) r.documented = d->get<std::string>();
    if (!r.violated) return r;
    r.kind = j["violation"].value("kind", "");
    r.message = j["violation"].value("message", "");
    for (const auto& s : j.value("trace", nlohmann::json::array())) {
        const std::string who = s.value("thread", "");
        const int thread = who == "setup" ? setup_thread : who == "final checks" ? checks_thread : 0;
        r.steps.push_back({thread, who, s.value("step", "")});
    }
    if (const auto b = j.find("breaking_step"); b != j.end() && b->is_number()) r.breaking = b->get<std::size_t>();
    if (const auto c = j.find("race_steps"); c != j.end() && c->is_array() && c->size() == 2) {
        r.conflict = {(*c)[0].get<std::size_t>(), (*c)[1].get<std::size_t>()};
    }
    r.preemptions = j.value("preemptions", 0u);
    r.replay_state = j.value("replay", "");
    r.replay_search = j.value("replay_search", "");
    return r;
}

void print_stress_start(std::ostream& out, const run_info& run, const stress_start& s) {
    out << "STRESS: " << what_was_run(run) << "\n"
        << "  " << count(s.threads.size(), "thread") << " (" << roles(s.threads) << ") on executor "
        << s.executor << "; perturb " << s.perturbation << "; seed " << s.seed << "; "
        << (s.trials ? count(s.trials, "trial") : "trials for " + duration(s.seconds))
        << (s.stop_at_first ? ", stopping at the first violation" : "") << "\n"
        << std::flush;
}

void print_stress(std::ostream& out, const run_info& run, const stress::result& r) {
    // Cut short by Ctrl-C: a headline of its own. Without a violation it
    // replaces the verdict (holds, or inconclusive for want of a window hit),
    // which the run has not earned; the outcomes below cover the trials run.
    if (!r.stopped_by.empty()) {
        out << "INTERRUPTED after " << count(r.trials, "trial") << (r.budget.empty() ? "" : " (of " + r.budget + ")")
            << ": "
            << (r.violated ? "the counts below cover those trials"
                           : "no violation in those, but a run cut short is no verdict")
            << "\n";
    }
    if (r.violated) {
        out << "VIOLATED: " << r.message << "  [" << r.kind << "]\n";
        print_documented(out, run, r.documented);
        out << "  first in trial " << r.trial << ", " << duration(r.seconds_to_violation) << " into the run\n"
            << "  delays injected in trial " << r.trial << ": " << r.delays_in_trial
            << (r.delays.size() < r.delays_in_trial ? " (the first of each thread listed)" : "") << "\n";
        std::size_t width = 0;
        for (const auto& d : r.delays) width = std::max(width, d.thread.size());
        for (const auto& d : r.delays) {
            out << "    " << d.thread << std::string(width - d.thread.size() + 2, ' ') << d.point << "  " << d.action
                << (d.requested_nanoseconds ? " " + microseconds(d.requested_nanoseconds) : "") << ", took "
                << microseconds(d.nanoseconds) << "\n";
        }
        out << "  Re-run: " << r.rerun_command << "\n";
    } else if (!r.stopped_by.empty()) {
    } else if (r.inconclusive()) {
        out << "INCONCLUSIVE: " << what_was_run(run) << ": no violation, but the window was never hit in "
            << count(r.trials, "trial") << ", so the race was not tested\n";
    } else {
        out << "HOLDS: " << what_was_run(run) << ": no violation in " << count(r.trials, "trial") << "\n";
    }
    out << "\nOutcomes of " << count(r.trials, "trial") << " in " << duration(r.seconds) << " ("
        << per_second(r.trials, r.seconds) << " trials/s, executor " << r.executor << ", perturb " << r.policy
        << (r.policy_note.empty() ? "" : ": " + r.policy_note) << ", seed " << r.seed << "):\n"
        << "  " << std::left << std::setw(20) << "outcome" << std::right << std::setw(10) << "trials"
        << std::setw(11) << "frequency" << "  expectation\n";
    for (const auto& o : r.outcomes) {
        out << "  " << std::left << std::setw(20) << o.outcome << std::right << std::setw(10) << o.trials
            << std::setw(11) << percent(o.trials, r.trials) << "  " << expectation(o) << "\n";
    }
    if (!r.window_applies()) {
        out << "Window: not applicable, " << r.window_inapplicable
            << (r.window.empty() ? "" : "; a hit would be: " + r.window) << ".\n";
        return;
    }
    out << "Window hit in " << count(r.window_hits, "trial") << " (" << percent(r.window_hits, r.trials) << ", "
        << per_second(r.window_hits, r.seconds) << "/s); a hit: " << r.window << ".\n";
}

nlohmann::json stress_json(const run_info& run, const stress::result& r) {
    nlohmann::json j = report_head(run, "stress", r.executor);
    auto& threads = j["threads"] = nlohmann::json::object();
    for (const auto& [role, n] : role_counts(r.threads)) threads[role] = n;
    j["policy"] = r.policy;
    if (!r.policy_note.empty()) j["policy_note"] = r.policy_note;
    j["seed"] = r.seed;
    j["verdict"] = stress_verdict(r);
    j["stopped_by"] = r.stopped_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.stopped_by);
    j["trials"] = r.trials;
    j["seconds"] = r.seconds;
    auto& outcomes = j["outcomes"] = nlohmann::json::array();
    for (const auto& o : r.outcomes) {
        outcomes.push_back({{"outcome", o.outcome},
                            {"trials", o.trials},
                            {"frequency", r.trials ? double(o.trials) / double(r.trials) : 0.0},
                            {"expectation", expectation(o)}});
        if (!o.example.empty()) outcomes.back()["example"] = o.example;
        if (!o.documented.empty()) outcomes.back()["documented"] = o.documented;
    }
    j["documented"] = r.documented.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.documented);
    j["window"] = r.window;
    j["window_hits"] = r.window_hits;
    j["window_applies"] = r.window_applies();
    if (!r.window_applies()) j["window_inapplicable"] = r.window_inapplicable;
    if (r.violated) {
        j["violation"] = {{"kind", r.kind}, {"message", r.message}};
        j["trial"] = r.trial;
        j["seconds_to_violation"] = r.seconds_to_violation;
        auto& delays = j["delays"] = nlohmann::json::array();
        for (const auto& d : r.delays) {
            delays.push_back(
                {{"thread", d.thread}, {"point", d.point}, {"action", d.action},
                 {"requested_nanoseconds", d.requested_nanoseconds}, {"nanoseconds", d.nanoseconds}});
        }
        j["delays_in_trial"] = r.delays_in_trial;
        j["rerun_command"] = r.rerun_command;
    } else {
        j["violation"] = nullptr;
    }
    return j;
}

}  // namespace spancheck::report
