// Proposal: free does not reset popped (§4.2 step 1 removed): "the next
// life's pops overwrite it anyway". Wrong: they add to it.
#pragma once

#include <string_view>

#include "impl/spanset/variants/popped.hpp"

struct free_keeps_counter : spancheck::spanset::variants::popped {
    static constexpr std::string_view name = "free-keeps-counter";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "free pools the block without zeroing popped";

    template <class P>
    static void free(P& pool, typename P::block* b) {
        pool.stack.push(b);
    }
};
