// Runs one scenario under Relacy and turns what Relacy found into a result:
// the violation in words (and the reason, if the scenario documents it), the
// interleaving as protocol steps, the replay state.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstring>
#include <functional>
#include <ostream>
#include <string>

#include "../impl/describe.hpp"
#include "../scenarios/documented.hpp"
#include "relacy_world.hpp"
#include "result.hpp"

namespace spancheck::model {

// One Relacy test per scenario type; Relacy builds a fresh suite (and so a
// fresh scenario, with its own set, pool and spans) for every execution.
template <class Scenario>
struct suite : rl::test_suite<suite<Scenario>, Scenario::default_shape.threads()> {
    static inline bool replaying = false;
    static inline std::uint64_t executions_started = 0;

    Scenario scenario;

    void before() {
        // A replay runs one execution; anything after it is Relacy going on
        // with the search, which a replay does not want.
        if (replaying && executions_started > 0) rl::ctx().rl_until("replay done", RL_INFO);
        ++executions_started;
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

// Relacy's state is a line of numbers; a replay state is the same with
// commas, so that it is one shell word.
inline std::string to_replay(std::string state) {
    while (!state.empty() && state.back() == ' ') state.pop_back();
    std::replace(state.begin(), state.end(), ' ', ',');
    return state;
}
inline std::string from_replay(std::string state) {
    std::replace(state.begin(), state.end(), ',', ' ');
    return state;
}

// One Relacy run of the search as given (a bound search at exactly that bound).
// Variant is the variant the scenario's harness runs: a violation the
// scenario documents for it (scenarios/documented.hpp) comes back with the reason.
template <class Scenario, class Variant>
result run_once(const options& opt, const std::function<std::string(const step_record&)>& narrate,
                const thread_namer& names) {
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
    }
    if (!opt.replay.empty()) {
        // Straight to the recorded execution, with history: Relacy then runs
        // it once instead of finding it and running it again.
        p.initial_state = from_replay(opt.replay);
        p.collect_history = true;
    }
    const std::uint64_t first = p.initial_state.empty() ? 0 : std::stoull(std::string(p.initial_state.c_str()));

    rl::ostringstream history;
    std::ostream discard(nullptr);
    p.output_stream = &history;
    p.progress_stream = &discard;

    suite<Scenario>::replaying = !opt.replay.empty();
    suite<Scenario>::executions_started = 0;

    const auto t0 = std::chrono::steady_clock::now();
    rl::simulate<suite<Scenario>>(p);
    const auto t1 = std::chrono::steady_clock::now();

    result r;
    r.seconds = std::chrono::duration<double>(t1 - t0).count();
    r.checker_result = rl::test_result_str(p.test_result);
    r.executions = p.stop_iteration + 1 - first;
    if (p.test_result == rl::test_result_success) {
        r.exhaustive = opt.how.exhaustive() && opt.replay.empty();
        return r;
    }
    if (p.test_result == rl::test_result_until_condition_hit) {
        r.replay_missed = true;
        r.executions = 1;
        return r;
    }
    r.violated = true;
    violation v{kind_of(p.test_result)};
    if (p.test_result == rl::test_result_user_assert_failed && recorder::has_violation) v = recorder::reported;
    if (p.test_result == rl::test_result_data_race && recorder::accessing) {
        v.thread = recorder::accessing_thread;
        v.a = recorder::accessing_write;
        std::strncpy(v.field, recorder::accessing, sizeof v.field - 1);
    }
    r.kind = std::string(kind_name(v.kind));
    r.documented = std::string(documented_reason<Scenario, Variant>(v.kind));
    r.message = describe(v, names);
    if (v.kind == violation_kind::checker_error) r.message += ": " + r.checker_result;
    for (std::size_t i = 0; i < recorder::count; ++i) {
        const step_record& s = recorder::steps[i];
        std::string what = narrate(s);
        if (!what.empty()) r.steps.push_back({s.thread, names(s.thread), std::move(what)});
    }
    if (v.kind == violation_kind::data_race && v.field[0] != 0) {
        // The racing access is where the execution stopped: the story's last step.
        r.steps.push_back({v.thread, names(v.thread), std::string(v.a ? "writes " : "reads ") + v.field + ": data race"});
    }
    r.steps_truncated = recorder::truncated;
    r.replay_state = to_replay(p.final_state.empty() ? opt.replay : std::string(p.final_state.c_str()));
    r.replay_search = opt.how.text();
    if (opt.raw) r.raw = history.str().c_str();
    return r;
}

// bound:K deepens: it searches with bound 1, then 2, ... up to K, so that a
// violation comes with the fewest preemptions that show it (the simplest
// counterexample, found soonest) while a clean run still covers every
// schedule within K. Executions are the total over the bounds searched.
template <class Scenario, class Variant>
result run(const options& opt, const std::function<std::string(const step_record&)>& narrate,
           const thread_namer& names) {
    if (opt.how.k != search::kind::bound || !opt.replay.empty()) return run_once<Scenario, Variant>(opt, narrate, names);
    std::uint64_t executions = 0;
    double seconds = 0;
    result r;
    for (unsigned bound = 1; bound <= opt.how.bound; ++bound) {
        options at = opt;
        at.how.bound = bound;
        r = run_once<Scenario, Variant>(at, narrate, names);
        executions += r.executions;
        seconds += r.seconds;
        if (r.violated) {
            r.preemptions = bound;  // bounds below it were searched in full without a violation
            break;
        }
    }
    r.executions = executions;
    r.seconds = seconds;
    return r;
}

}  // namespace spancheck::model
