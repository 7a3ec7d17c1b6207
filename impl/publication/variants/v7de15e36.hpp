// Variant `7de15e36` — Go's span publication as it is since 7de15e36 (with
// the publicationBarrier of c53b2bdb): the state is atomic and stored after
// every other field; readers load it before any other field.
// docs/publication-protocol.md §4, §5, §8.
//
// As in Go, the caller sets limit after publication (§10.1): the scenario
// late-limit shows where that leads.
#pragma once

#include <string_view>

#include "../protocol.hpp"

namespace spancheck::publication::variants {

struct v7de15e36 : protocol {
    static constexpr std::string_view name = "7de15e36";
    static constexpr std::string_view upstream = "7de15e36";
    static constexpr std::string_view summary =
        "Go's protocol: atomic state stored last, readers load it first; limit set after publication";
};

}  // namespace spancheck::publication::variants
