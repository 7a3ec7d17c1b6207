// Proposal: count the pop before clearing its slot (§6 steps 7 and 8
// swapped), so that the counter step comes as early as possible.
// Wrong: the pop that completes the count frees the block while the other
// pop may still be about to clear its slot, in a block that is now pooled.
#pragma once

#include <string_view>

#include "impl/spanset/variants/popped.hpp"

struct count_before_clear : spancheck::spanset::variants::popped {
    static constexpr std::string_view name = "count-before-clear";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "pop counts before it clears its slot";

    template <class S>
    static spancheck::spanset::mspan* pop(S& b) {
        const auto head = claimHead(b);
        if (!head) return nullptr;
        auto r = lookupBlock(b, *head);
        auto* s = waitForSpan(b, r);
        const bool frees = countPop(b, r);
        clearSlot(b, r);
        if (frees) freeBlock(b, r);
        return s;
    }
};
