// Proposal: the pool's pop compares the node only, not the tag, when it
// swings the head ("the tag only matters to push"). Wrong: it is the ABA
// defence of pop (§4.3).
#pragma once

#include <cstdint>
#include <string_view>

#include "impl/spanset/variants/popped.hpp"

struct pool_pop_untagged_cas : spancheck::spanset::variants::popped {
    static constexpr std::string_view name = "pool-pop-untagged-cas";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "lfstack pop installs next when the head's node matches, whatever its tag";

    template <class L>
    static typename L::node* lfstack_pop(L& stack) {
        using spancheck::spanset::site;
        for (;;) {
            const std::uint64_t old = stack.head.load(mo<L>(site::lfstack_pop_load));
            if (old == 0) return nullptr;
            typename L::node* node = lfstackUnpack(stack, old);
            const std::uint64_t next = node->lfnode.next.load(mo<L>(site::lfnode_next_load));
            std::uint64_t seen = stack.head.load(mo<L>(site::lfstack_pop_load));
            if (std::uint32_t(seen) != std::uint32_t(old)) continue;  // another node on top: retry
            if (stack.head.compare_exchange_strong(seen, next, mo<L>(site::lfstack_pop_cas))) return node;
        }
    }
};
