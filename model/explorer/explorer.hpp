// The explorer: an exhaustive stateless model checker over sequentially
// consistent interleavings, with source-DPOR and sleep sets (Abdulla, Aronis,
// Jonsson, Sagonas, POPL'14, Algorithm 1), for programs written against
// explorer_world.
//
// Each execution makes a fresh program, runs setup, then runs the threads as
// fibers that stop before every visible operation (atomic access, lock; an
// unlock runs at once: nothing another thread can do depends on it while the
// lock is held); the search picks which thread goes next, replaying a prefix of
// choices from an earlier execution and continuing with the first enabled
// thread that is not asleep. It explores at least one execution of every
// Mazurkiewicz class (orders of dependent operations: same location, one of
// them a write); it stops at the first violation.
//
// Schedule strings (result::schedule, options::replay) list the scheduling
// choices of an execution, one thread per visible operation, run-length
// encoded: each run is the thread as a letter ('a' = thread 0, 'b' = 1, ...)
// followed by its length in decimal when that is more than 1, e.g. "a3bc2"
// is 0,0,0,1,2,2. The empty schedule (a violation in setup or before any
// choice) is "-". The string is one shell word.
#pragma once

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "impl/step.hpp"
#include "impl/violation.hpp"
#include "model/explorer/program.hpp"

namespace spancheck::explorer {

// A subtree of the search, for spreading one search over processes or
// machines: the executions that start with `prefix`, with the threads of
// `sleep` asleep at its end (bit i: thread i). enumerate_roots makes them.
struct root_task {
    std::vector<std::uint8_t> prefix;
    std::uint32_t sleep = 0;
    // What enumerate_roots' probe of the subtree saw: the executions it ran
    // there (cut short ones too), all of them if `work_known`, else the
    // probe's budget ran out first (a lower bound). Not part of the root's name.
    std::uint64_t work = 0;
    bool work_known = false;

    // "<schedule of the prefix>/<sleeping threads as letters>", e.g. "a2b/c".
    std::string str() const;
    static std::optional<root_task> parse(std::string_view);
    friend bool operator==(const root_task& a, const root_task& b) {
        return a.prefix == b.prefix && a.sleep == b.sleep;
    }
};

struct progress {
    std::uint64_t executions, blocked;
    double seconds;
    std::size_t depth;  // of the current execution's schedule prefix
};

struct options {
    std::uint64_t max_executions = 0;  // 0: no limit; reaching it ends the search as incomplete
    double seconds = 0;                // 0: no limit; ditto (this call's running time)
    std::string replay;                // a schedule string from an earlier result: run exactly that
                                       // execution (the options below do not apply then)
    std::function<void(const progress&)> on_progress;  // about once a second, after the search has run 2 s
    const volatile std::sig_atomic_t* stop = nullptr;  // non-zero: end the search as incomplete (Ctrl-C)
    std::string checkpoint_file;       // if set: the search state, written every checkpoint_seconds, and at
    double checkpoint_seconds = 10;    // the end if a budget or `stop` ended the search (not after a violation)
    std::string resume_file;           // if set: continue the search from a checkpoint of the same subject
    std::vector<root_task> roots;      // empty: the whole tree; else exactly the subtrees under these roots
    std::uint64_t max_runs = 0;        // 0: no limit; else like max_executions, counting cut-short ones too
};

struct race_pair {
    int thread, other;                // the later access's thread, the earlier one's
    std::uint32_t step, other_step;   // step records the execution had reached at each access
    bool write, other_write;
};

struct result {
    bool violated = false;
    violation v{};                     // the first violation found (the search stops there)
    std::vector<step_record> steps;    // the trace of the violating execution (setup, threads, checks)
    std::optional<race_pair> race;     // data races: both accesses
    std::string schedule;              // replay string of the violating execution
    // Counted over the whole search: a resumed search adds to the counts in
    // its checkpoint, so that they equal an uninterrupted search's.
    std::uint64_t executions = 0;      // executions run to their end (violating ones included)
    std::uint64_t blocked = 0;         // executions abandoned as sleep-set blocked
    std::uint64_t retried = 0;         // executions cut at a confirming cas that failed
    bool complete = false;             // the whole search space was explored (the property holds only then)
    std::string stopped_by;            // "", "max-executions", "seconds", "interrupted", or for bad input
                                       // "bad-replay", "bad-checkpoint", "bad-root", "bad-subject"
    std::string error;                 // one line, with a bad-… stopped_by
    double seconds = 0;                // this call's running time
    std::size_t max_depth = 0;         // most scheduling choices in one execution
};

result explore(const subject&, const options& = {});

// At least min_count nodes of the search tree that together cut it (fewer
// if the whole tree has fewer leaves), in search order: the tree split one
// node at a time, the node that holds the most work first, as a probe of
// probe_budget executions under each node tells (root_task::work). Above the
// cut every enabled thread that is not asleep is a branch (no partial-order
// reduction, sleep sets kept), so exploring every root (options::roots)
// covers every class that explore covers; some classes may be explored under
// two roots.
inline constexpr std::uint64_t probe_budget = 4;
std::vector<root_task> enumerate_roots(const subject&, std::size_t min_count);

std::string encode_schedule(const std::vector<std::uint8_t>& choices);
// Nothing if the string is malformed (thread numbers are not checked here).
std::optional<std::vector<std::uint8_t>> decode_schedule(std::string_view);

}  // namespace spancheck::explorer
