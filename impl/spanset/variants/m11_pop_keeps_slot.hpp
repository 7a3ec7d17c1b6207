// A derived mutant (docs/spanset-protocol.md §6 step 7: the slot clearing is
// load-bearing), seeded into the fixed span set: a reused block still holds
// an old span pointer, which the next popper of that slot takes before its
// pusher stores: a span is popped twice.
#pragma once

#include <string_view>

#include "popped.hpp"

namespace spancheck::spanset::variants {

struct m11_pop_keeps_slot : popped {
    static constexpr std::string_view name = "m11-pop-keeps-slot";
    static constexpr std::string_view upstream = "mutant M11 (derived, §6 step 7)";
    static constexpr std::string_view summary = "pop does not clear its slot before the block can be pooled";
    static constexpr violation_kind expected[] = {violation_kind::pool_dirty, violation_kind::span_duplicated};

    // §6 step 7, skipped.
    template <class S>
    static void clearSlot(S&, slotRef<S>&) {}
};

}  // namespace spancheck::spanset::variants
