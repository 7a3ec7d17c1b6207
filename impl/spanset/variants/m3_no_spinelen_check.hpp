// Mutant M3 of docs/spanset-protocol.md §14, seeded into the fixed span set:
// a popper claims an index whose block is not in the spine yet and finds no block there.
#pragma once

#include <string_view>

#include "popped.hpp"

namespace spancheck::spanset::variants {

struct m3_no_spinelen_check : popped {
    static constexpr std::string_view name = "m3-no-spinelen-check";
    static constexpr std::string_view upstream = "mutant M3";
    static constexpr std::string_view summary = "pop claims the head without checking that its block is published";
    static constexpr violation_kind expected[] = {violation_kind::nil_block};

    // §6 step 1.3, skipped: every head counts as published.
    template <class S>
    static bool headPublished(S&, std::uint32_t, std::uintptr_t) {
        return true;
    }
};

}  // namespace spancheck::spanset::variants
