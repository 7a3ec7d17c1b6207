// Proposal: do not unlink a freed block from its spine entry (§6 step 8.1
// removed): the entry lies below the head and no lookup reads it again in
// this cycle; after reset, spineLen covers it only once it is overwritten.
// Harmless: the checker must agree.
#pragma once

#include <string_view>

#include "impl/spanset/variants/popped.hpp"

struct keep_entry_on_free : spancheck::spanset::variants::popped {
    static constexpr std::string_view name = "keep-entry-on-free";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "the freeing pop leaves the spine entry as it is";

    template <class S>
    static void freeBlock(S& b, spancheck::spanset::slotRef<S>& r) {
        b.spanSetBlockPool.free(r.block);
    }
};
