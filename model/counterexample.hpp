// A violation and the steps of its execution, as every model engine reports
// them: the violated invariant in words (and the reason, when the scenario
// documents it), the interleaving as protocol steps with the thread that took
// each, the step that broke the invariant, and a race's two accesses.
#pragma once

#include <cstring>
#include <functional>
#include <string>

#include "../impl/describe.hpp"
#include "../impl/step.hpp"
#include "../impl/violation.hpp"
#include "../scenarios/documented.hpp"
#include "../report/model_result.hpp"

namespace spancheck::model {

using narrator = std::function<std::string(const step_record&)>;

// The trace step of an access that `thread` made when the execution had
// recorded `count` steps: its own step at or after that point (a field's
// access tells its step right after it), else its last one before.
inline std::optional<std::size_t> step_of_access(const std::vector<std::size_t>& trace_of_record,
                                                 const step_record* records, std::size_t n, int thread,
                                                 std::uint32_t count) {
    std::optional<std::size_t> before;
    for (std::size_t i = 0; i < n; ++i) {
        if (records[i].thread != thread || trace_of_record[i] == std::size_t(-1)) continue;
        if (i >= count) return trace_of_record[i];
        before = trace_of_record[i];
    }
    return before;
}

// Fills r's violation, documented reason, trace and marks. Variant is the
// variant the scenario's harness runs.
template <class Scenario, class Variant>
void fill_counterexample(result& r, const violation& v, const step_record* records, std::size_t n,
                         const narrator& narrate, const thread_namer& names) {
    r.violated = true;
    r.kind = std::string(kind_name(v.kind));
    r.documented = std::string(documented_reason<Scenario, Variant>(v.kind));
    r.message = describe(v, names);
    std::vector<std::size_t> trace_of_record(n, std::size_t(-1));
    std::string last;     // the last step's words, before any count
    unsigned repeats = 1;
    for (std::size_t i = 0; i < n; ++i) {
        std::string what = narrate(records[i]);
        if (what.empty()) continue;
        // A thread that does the same again (a spin on a nil slot) is one line.
        if (!r.steps.empty() && r.steps.back().thread == records[i].thread && what == last) {
            r.steps.back().what = what + " (" + std::to_string(++repeats) + " times)";
            trace_of_record[i] = r.steps.size() - 1;
            continue;
        }
        last = what;
        repeats = 1;
        trace_of_record[i] = r.steps.size();
        r.steps.push_back({records[i].thread, names(records[i].thread), std::move(what)});
    }
    if (v.kind == violation_kind::data_race && v.field[0] != 0) {
        // The racing access is where the execution stopped: the story's last step.
        r.steps.push_back({v.thread, names(v.thread), std::string(v.a ? "writes " : "reads ") + v.field + ": data race"});
    }
    if (!r.steps.empty()) r.breaking = r.steps.size() - 1;
    if (v.other_step != 0 || v.step != 0) {
        const auto mine = v.kind == violation_kind::data_race ? r.breaking
                                                               : step_of_access(trace_of_record, records, n, v.thread, v.step);
        const auto other = step_of_access(trace_of_record, records, n, v.other, v.other_step);
        if (mine && other && *mine != *other) r.conflict = {std::min(*mine, *other), std::max(*mine, *other)};
    }
}

}  // namespace spancheck::model
