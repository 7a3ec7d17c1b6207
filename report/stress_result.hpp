// What a stress run found, in terms the report (report/report.hpp) uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spancheck::stress {

// How often trials ended one way: "ok", or a violation kind ("leak", ...).
struct outcome_count {
    std::string outcome;
    std::uint64_t trials = 0;
    bool acceptable = false;
    std::string example;     // a violation: the message of its first trial
    std::string documented;  // a violation the scenario shows by design: why (scenarios/documented.hpp)
};

// One delay injected in the trial that first violated.
struct injected_delay {
    std::string thread;  // "popper A"
    std::string point;   // "before-counter", or "start"
    std::string action;  // "stall", "sleep", ...
    std::int64_t requested_nanoseconds = 0;  // as the seed decided (0: yield, wait)
    std::int64_t nanoseconds = 0;            // as it took
};

// One protocol step of the first violating trial (--svg), in the order of
// the threads' clocks.
struct trace_step {
    int thread;                     // scenario thread number, or setup_thread / checks_thread
    std::string who, what;          // "popper B", "claims slot 1 of block 0"
    std::int64_t nanoseconds = 0;   // since the first step shown
};

struct result {
    std::string executor;  // "stress" or "stress-tsan"
    std::string policy;    // as on the command line, e.g. "pct:3"
    std::string policy_note;  // what the policy learnt, e.g. pct's calibrated step count
    std::uint64_t seed = 0;
    std::vector<std::string> threads;  // by thread number: "popper A", "allocator", ...
    std::uint64_t trials = 0;  // trials run
    double seconds = 0;
    std::vector<outcome_count> outcomes;
    std::string window;        // what a window hit is
    std::uint64_t window_hits = 0;  // trials in which the window was hit

    bool violated = false;
    std::string kind, message;      // of the first violation
    // Non-empty if every violation of the run is one the scenario shows by
    // design: the first one's reason. Still a violation (exit 1).
    std::string documented;
    std::uint64_t trial = 0;        // the trial it happened in, from 0
    double seconds_to_violation = 0;
    std::vector<injected_delay> delays;  // in that trial, up to delay_log::kept per thread
    std::uint64_t delays_in_trial = 0;   // all of them, also those not listed
    std::string rerun_command;
    // --svg: that trial's steps; the earlier ones a thread's log had no room
    // for; and the step that broke the invariant (the violation's thread's last).
    std::vector<trace_step> steps;
    std::uint64_t steps_left_out = 0;
    std::optional<std::size_t> breaking;

    std::string window_inapplicable;  // why the scenario cannot open the window; empty if it can
    std::string stopped_by;           // "interrupted": Ctrl-C or SIGTERM ended the run before its budget
    std::string budget;               // the budget it was given, in words: "10000 trials", "60 s"

    bool window_applies() const { return window_inapplicable.empty(); }
    // No violation, and no window hit or the budget not run: the run did not
    // test what it was for.
    bool inconclusive() const {
        return !violated && (!stopped_by.empty() || (window_applies() && window_hits == 0));
    }
};

}  // namespace spancheck::stress
