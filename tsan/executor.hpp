// The stress executor: a scenario from scenarios/ run on real threads in the
// real world, trial after trial. Each trial gets a fresh scenario (its own
// set, pool and spans), runs setup, starts the thread bodies together, and
// ends with the scenario's final checks. A trial's outcome is "ok" or the
// first violation raised in it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "../impl/describe.hpp"
#include "../scenarios/documented.hpp"
#include "plan.hpp"
#include "../report/stress_result.hpp"
#include "trial_scenario.hpp"

namespace spancheck::stress {

#if defined(__SANITIZE_THREAD__)
inline constexpr const char* executor_name = "stress-tsan";
#else
inline constexpr const char* executor_name = "stress";
#endif

// A thread in a spin loop past this is hung: the trial ends with `hang`.
// Trials take micro- to milliseconds, so this is generous even under
// ThreadSanitizer.
inline constexpr std::chrono::seconds hang_budget{1};

// What the executor runs: the scenario, the protocol's points and window,
// the violations the scenario documents for the variant, and the protocol's
// narrator (impl/<protocol>/narrative.hpp), for the steps of a violating trial.
struct subject {
    scenario_factory make;
    thread_namer names;
    std::vector<std::string> points;  // by point code
    race_window& window;
    std::string_view (*documented)(violation_kind);  // why k is by design; empty: a finding
    std::string (*narrate)(const step_record&);       // a step in words; empty: not shown
};

// The subject's `documented` for scenario S running variant V.
template <class S, class V>
std::string_view documented_for(violation_kind k) {
    return documented_reason<S, V>(k);
}

result run_trials(const plan& p, const subject& s);

}  // namespace spancheck::stress
