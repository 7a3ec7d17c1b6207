// Unit-test helpers for the real world: run a scenario's threads one after
// another (single-threaded semantics), and catch the violation an operation
// raises.
#pragma once

#include <gtest/gtest.h>

#include "impl/real_world.hpp"

namespace spancheck {

template <class S>
void run_sequentially() {
    S s;
    real_thread::number = setup_thread;
    s.setup();
    for (unsigned i = 0; i < S::default_shape.threads(); ++i) {
        real_thread::number = int(i);
        s.thread(i);
    }
    real_thread::number = checks_thread;
    s.check();
    real_thread::number = setup_thread;
}

inline violation thrown_by(auto&& f) {
    try {
        f();
    } catch (const violation_raised& e) {
        return e.what;
    }
    ADD_FAILURE() << "no violation raised";
    return violation{violation_kind::checker_error};
}

inline violation_kind kind_thrown_by(auto&& f) { return thrown_by(f).kind; }

}  // namespace spancheck
