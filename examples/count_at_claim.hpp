// A proposal for Go's span set (runtime/mspanset.go, as of 39380e8e): count
// a pop as soon as it has claimed its slot, before it waits for the span and
// clears the slot, so that the pop that completes a block's count frees the
// block as soon as it has its own span. Two steps of pop change places; the
// rest is Go's. (The tutorial in README.md checks it.)
#pragma once

#include <string_view>

#include "impl/spanset/variants/popped.hpp"

struct count_at_claim : spancheck::spanset::variants::popped {
    static constexpr std::string_view name = "count-at-claim";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "pop counts itself at its claim, before it takes its span";

    // docs/spanset-protocol.md §6, with step 8's counter step before steps
    // 5-7 (wait for the span, clear the slot).
    template <class S>
    static spancheck::spanset::mspan* pop(S& b) {
        const auto head = claimHead(b);
        if (!head) return nullptr;
        auto r = lookupBlock(b, *head);
        const bool frees = countPop(b, r);
        auto* s = waitForSpan(b, r);
        clearSlot(b, r);
        if (frees) freeBlock(b, r);
        return s;
    }
};
