// What a stress run is asked to do, once its arguments are checked.
#pragma once

#include <csignal>
#include <cstdint>

#include "../scenarios/shape.hpp"
#include "policy.hpp"

namespace spancheck::stress {

// How far a run has come, for the progress line.
struct progress {
    std::uint64_t trials = 0, window_hits = 0;
    double seconds = 0;
};

struct plan {
    shape roles;
    policy perturbation;
    std::uint64_t seed = 0;
    std::uint64_t trials = 0;  // the budget: this many trials, or (if 0) ...
    double seconds = 0;        // ... trials until this much time has passed
    bool stop_at_first = false;
    bool trace = false;  // record every trial's steps, to tell the first violating one (--svg)
    const volatile std::sig_atomic_t* stop = nullptr;  // non-zero: stop after the current trial (Ctrl-C)
    void (*on_progress)(const progress&) = nullptr;    // once a second after the first 2 s
};

}  // namespace spancheck::stress
