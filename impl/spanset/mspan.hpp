// The span set moves span pointers and never looks inside a span. This
// stand-in for Go's mspan carries only a number, so that a counterexample can
// say which span went where ("span s1"). Scenarios own the spans.
#pragma once

#include <cstdint>

namespace spancheck::spanset {

struct mspan {
    std::int64_t id;
};

}  // namespace spancheck::spanset
