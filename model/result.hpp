// What a model-checking run found, in terms the command line and the JSON
// report use (no Relacy types).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "search.hpp"

namespace spancheck::model {

struct options {
    search how;
    std::string replay;  // a state printed by an earlier run; empty: search
    bool raw = false;    // keep Relacy's own history of the failing execution
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
};

// A result, or the one-line reason the request cannot be run (bad input or a
// configuration the scenario refuses).
using outcome = std::variant<result, std::string>;

}  // namespace spancheck::model
