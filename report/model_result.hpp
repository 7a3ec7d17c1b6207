// What a model-checking run found, in terms the command line and the JSON
// report use (no Relacy types).
#pragma once

#include <csignal>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "search.hpp"

namespace spancheck::model {

// How far a search has come, for the progress line (once a second).
struct progress {
    std::uint64_t executions = 0;
    double seconds = 0;
    std::string where;  // the bound being searched, or the explorer's depth
};

// A scenario's shape for one run, where it is not the scenario's default
// (the explorer takes any; Relacy only the default).
struct shape_request {
    std::optional<unsigned> pushers, poppers;  // span set: threads by role; publication: poppers = readers
    std::optional<std::size_t> spans;          // spans the scenario moves
    bool given() const { return pushers || poppers || spans; }
};

struct options {
    search how;
    std::string replay;  // a state printed by an earlier run; empty: search
    bool raw = false;    // keep Relacy's own history of the failing execution
    shape_request shape;
    // Budgets: a search that reaches one ends early as inconclusive, never as holds.
    std::uint64_t max_executions = 0;  // 0: none
    double seconds = 0;                // 0: none
    const volatile std::sig_atomic_t* stop = nullptr;  // non-zero: stop now (Ctrl-C), inconclusive
    std::function<void(const progress&)> on_progress;  // about once a second after the first 2 s
    // The explorer's: its search state written to / resumed from a file, and
    // the part of the search this run explores (I of N, 1-based; 0: all).
    std::string checkpoint, resume;
    unsigned shard = 0, shards = 0;
};

// One protocol step of a counterexample: who, and what they did.
struct trace_step {
    int thread;          // scenario thread number, or setup_thread / checks_thread
    std::string who;     // "popper B", "setup", "final checks"
    std::string what;    // "claims slot 1 of block 0"
};

struct result {
    bool violated = false;
    bool replay_missed = false;  // --replay given, but that execution holds
    std::string kind;            // violation_kind name, e.g. "leak"
    std::string message;         // the violated invariant in words
    std::string documented;      // non-empty: the scenario fails this way by design, and why
                                 // (scenarios/documented.hpp); still a violation
    std::vector<trace_step> steps;  // the interleaving, in the order it happened
    bool steps_truncated = false;
    std::uint64_t executions = 0;
    bool exhaustive = false;     // the search completed and covers all schedules within its bound
    double seconds = 0;
    std::string replay_state;    // pass to --replay to run the failing execution again
    std::string replay_search;   // ... together with this --search (the bound it was found at)
    unsigned preemptions = 0;    // bound searches: the fewest preemptions that show the violation
    std::string checker_result;  // Relacy's name for the outcome
    std::string raw;             // Relacy's history (--raw)
    std::string engine;          // "relacy" or "explorer"
    std::string stopped_by;      // non-empty: a budget or Ctrl-C ended the search early ("seconds", ...)
    std::uint64_t blocked = 0;   // explorer: executions abandoned as sleep-set blocked
    std::uint64_t retried = 0;   // explorer: executions cut where a confirming cas failed
    std::string shape;           // the threads and sizes run, in words
    std::optional<std::size_t> breaking;                        // the trace step that broke the invariant
    std::optional<std::pair<std::size_t, std::size_t>> conflict;  // a race's two accesses, as trace steps
    std::size_t roots = 0, roots_total = 0;  // explorer --shard: the subtrees this part explored, of all
    bool inconclusive() const { return !violated && !stopped_by.empty(); }
};

// A result, or the one-line reason the request cannot be run (bad input or a
// configuration the scenario refuses).
using outcome = std::variant<result, std::string>;

}  // namespace spancheck::model
