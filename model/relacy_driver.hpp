// Runs one scenario under Relacy and turns what Relacy found into a result:
// the violation in words (and the reason, if the scenario documents it), the
// interleaving as protocol steps, the replay state. Relacy runs a scenario in
// its default shape (its thread count is a template argument).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstring>
#include <functional>
#include <ostream>
#include <string>

#include "../impl/describe.hpp"
#include "../scenarios/documented.hpp"
#include "counterexample.hpp"
#include "relacy_world.hpp"
#include "replay_token.hpp"
#include "../report/model_result.hpp"

namespace spancheck::model {

// What the suite watches while Relacy searches: budgets, Ctrl-C, the
// progress line, and whether this is a one-execution replay.
struct relacy_watch {
    static inline const options* opt = nullptr;
    static inline std::chrono::steady_clock::time_point start, last_progress;
    static inline std::uint64_t executions_started = 0;  // this Relacy run
    static inline std::uint64_t executions_before = 0;   // earlier bounds of a deepening search
    static inline std::string where;                     // the bound being searched, for the progress line
    static inline const char* stopped_by = nullptr;      // set when the suite ends the search

    static double elapsed() { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); }

    // Before each execution: whether the search must end now, and why.
    static const char* must_stop() {
        if (!opt->replay.empty()) return executions_started > 0 ? "replay done" : nullptr;
        if (opt->stop && *opt->stop) return "interrupted";
        const std::uint64_t done = executions_before + executions_started;
        if (opt->max_executions && done >= opt->max_executions) return "max-executions";
        if ((done & 1023) != 0) return nullptr;
        const double t = elapsed();
        if (opt->seconds && t >= opt->seconds) return "seconds";
        if (opt->on_progress && t >= 2 &&
            std::chrono::steady_clock::now() - last_progress >= std::chrono::seconds(1)) {
            last_progress = std::chrono::steady_clock::now();
            opt->on_progress({done, t, where});
        }
        return nullptr;
    }
};

// One Relacy test per scenario type; Relacy builds a fresh suite (and so a
// fresh scenario, with its own set, pool and spans) for every execution.
template <class Scenario>
struct suite : rl::test_suite<suite<Scenario>, Scenario::default_shape.threads()> {
    Scenario scenario;

    void before() {
        // Ending the search from here is Relacy's "until" condition: the
        // execution in progress is not run, and the search ends.
        if (const char* why = relacy_watch::must_stop()) {
            relacy_watch::stopped_by = why;
            rl::ctx().rl_until(why, RL_INFO);
        }
        ++relacy_watch::executions_started;
        recorder::begin_execution();
        scenario.setup();
        recorder::phase = 0;
    }
    void thread(unsigned i) { scenario.thread(i); }
    void after() {
        recorder::phase = checks_thread;
        scenario.check();
    }
};

inline violation_kind kind_of(rl::test_result_e r) {
    switch (r) {
    case rl::test_result_data_race: return violation_kind::data_race;
    case rl::test_result_unitialized_access: return violation_kind::uninitialized_access;
    case rl::test_result_livelock: return violation_kind::livelock;
    case rl::test_result_deadlock: return violation_kind::deadlock;
    default: return violation_kind::checker_error;
    }
}

// One Relacy run of the search as given (a bound search at exactly that
// bound). opt.replay is Relacy's own state (decoded from the token).
template <class Scenario, class Variant>
result run_once(const options& opt, const narrator& narrate, const thread_namer& names) {
    rl::test_params p;
    switch (opt.how.k) {
    case search::kind::bound:
        p.search_type = rl::fair_context_bound_scheduler_type;
        p.context_bound = opt.how.bound;
        break;
    case search::kind::full: p.search_type = rl::fair_full_search_scheduler_type; break;
    case search::kind::random:
        p.search_type = rl::random_scheduler_type;
        // The random scheduler seeds execution i with i: seed S runs S .. S+N-1.
        p.iteration_count = opt.how.seed + opt.how.iterations - 1;  // the last one runs too
        p.initial_state = std::to_string(opt.how.seed);
        break;
    case search::kind::dpor: break;  // not Relacy's
    }
    if (!opt.replay.empty()) {
        // Straight to the recorded execution, with history: Relacy then runs
        // it once instead of finding it and running it again.
        p.initial_state = opt.replay.c_str();
        p.collect_history = true;
    }
    const std::uint64_t first = p.initial_state.empty() ? 0 : std::stoull(std::string(p.initial_state.c_str()));

    rl::ostringstream history;
    std::ostream discard(nullptr);
    p.output_stream = &history;
    p.progress_stream = &discard;

    relacy_watch::opt = &opt;
    relacy_watch::executions_started = 0;
    relacy_watch::stopped_by = nullptr;

    const auto t0 = std::chrono::steady_clock::now();
    rl::simulate<suite<Scenario>>(p);
    const auto t1 = std::chrono::steady_clock::now();

    result r;
    r.engine = "relacy";
    r.seconds = std::chrono::duration<double>(t1 - t0).count();
    r.checker_result = rl::test_result_str(p.test_result);
    r.executions = p.stop_iteration + 1 - first;
    if (p.test_result == rl::test_result_success) {
        r.exhaustive = opt.how.exhaustive() && opt.replay.empty();
        return r;
    }
    if (p.test_result == rl::test_result_until_condition_hit) {
        r.executions = relacy_watch::executions_started;
        if (opt.replay.empty()) {
            r.stopped_by = relacy_watch::stopped_by ? relacy_watch::stopped_by : "interrupted";
        } else {
            r.replay_missed = true;
        }
        return r;
    }
    violation v{kind_of(p.test_result)};
    if (p.test_result == rl::test_result_user_assert_failed && recorder::has_violation) v = recorder::reported;
    if (p.test_result == rl::test_result_data_race && recorder::accessing) {
        v.thread = recorder::accessing_thread;
        v.a = recorder::accessing_write;
        std::strncpy(v.field, recorder::accessing, sizeof v.field - 1);
        if (recorder::conflicting_thread >= 0) {
            v.other = recorder::conflicting_thread;
            v.step = recorder::accessing_step;
            v.other_step = recorder::conflicting_step;
        }
    }
    if (v.kind == violation_kind::livelock && recorder::spinning >= 0) v.thread = recorder::spinning;
    fill_counterexample<Scenario, Variant>(r, v, recorder::steps, recorder::count, narrate, names);
    if (v.kind == violation_kind::checker_error) r.message += ": " + r.checker_result;
    r.steps_truncated = recorder::truncated;
    r.replay_state = p.final_state.empty() ? opt.replay : std::string(p.final_state.c_str());
    r.replay_search = opt.how.text();
    if (opt.raw) r.raw = history.str().c_str();
    return r;
}

// bound:K deepens: it searches with bound 1, then 2, ... up to K, so that a
// violation comes with the fewest preemptions that show it (the simplest
// counterexample, found soonest) while a clean run still covers every
// schedule within K. Executions are the total over the bounds searched.
template <class Scenario, class Variant>
result run(const options& opt, const narrator& narrate, const thread_namer& names) {
    relacy_watch::start = relacy_watch::last_progress = std::chrono::steady_clock::now();
    relacy_watch::executions_before = 0;
    relacy_watch::where = opt.how.text();
    if (opt.how.k != search::kind::bound || !opt.replay.empty()) return run_once<Scenario, Variant>(opt, narrate, names);
    double seconds = 0;
    result r;
    for (unsigned bound = 1; bound <= opt.how.bound; ++bound) {
        options at = opt;
        at.how.bound = bound;
        relacy_watch::where = "bound " + std::to_string(bound) + " of " + std::to_string(opt.how.bound);
        r = run_once<Scenario, Variant>(at, narrate, names);
        relacy_watch::executions_before += r.executions;
        seconds += r.seconds;
        if (r.violated) {
            r.preemptions = bound;  // bounds below it were searched in full without a violation
            break;
        }
        if (!r.stopped_by.empty()) break;
    }
    r.executions = relacy_watch::executions_before;
    r.seconds = seconds;
    return r;
}

}  // namespace spancheck::model
