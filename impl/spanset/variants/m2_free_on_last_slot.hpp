// Mutant M2 of docs/spanset-protocol.md §14, seeded into the fixed span set:
// the pop that holds the last slot frees the block, whatever the counter says.
// Other poppers (or a late pusher) may still be inside the block: a premature
// free, then a use after free or a lost or duplicated span.
#pragma once

#include <string_view>

#include "popped.hpp"

namespace spancheck::spanset::variants {

struct m2_free_on_last_slot : popped {
    static constexpr std::string_view name = "m2-free-on-last-slot";
    static constexpr std::string_view upstream = "mutant M2";
    static constexpr std::string_view summary = "the pop that holds the last slot frees the block, ignoring the counter";
    static constexpr violation_kind expected[] = {violation_kind::premature_free, violation_kind::use_after_free,
                                                  violation_kind::pool_dirty};

    // §6 step 8: still counts, but the last slot decides.
    template <class S>
    static bool countPop(S& b, slotRef<S>& r) {
        popped::countPop(b, r);
        return r.bottom == S::spanSetBlockEntries - 1;
    }
};

}  // namespace spancheck::spanset::variants
