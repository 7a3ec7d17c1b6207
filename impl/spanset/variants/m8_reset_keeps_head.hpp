// Mutant M8 of docs/spanset-protocol.md §14, seeded into the fixed span set:
// one block leaks per reset cycle.
#pragma once

#include <string_view>

#include "popped.hpp"

namespace spancheck::spanset::variants {

struct m8_reset_keeps_head : popped {
    static constexpr std::string_view name = "m8-reset-keeps-head";
    static constexpr std::string_view upstream = "mutant M8";
    static constexpr std::string_view summary = "reset does not free the partly used head block";
    static constexpr violation_kind expected[] = {violation_kind::block_leak};

    // §7.2 step 2 without its free: checked and unlinked, never pooled.
    template <class S>
    static void resetHeadBlock(S& b, spineEntry<typename S::world, typename S::block>& blockp,
                               blockPtr<typename S::world, typename S::block> block) {
        resetCheck(b, block);
        blockp.store(nullptr, mo<S>(site::entry_clear));
    }
};

}  // namespace spancheck::spanset::variants
