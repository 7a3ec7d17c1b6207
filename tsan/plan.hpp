// What a stress run is asked to do, once its arguments are checked.
#pragma once

#include <cstdint>

#include "../scenarios/shape.hpp"
#include "policy.hpp"

namespace spancheck::stress {

struct plan {
    shape roles;
    policy perturbation;
    std::uint64_t seed = 0;
    std::uint64_t trials = 0;  // the budget: this many trials, or (if 0) ...
    double seconds = 0;        // ... trials until this much time has passed
    bool stop_at_first = false;
};

}  // namespace spancheck::stress
