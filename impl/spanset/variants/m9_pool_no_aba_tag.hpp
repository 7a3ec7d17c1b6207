// Mutant M9 of docs/spanset-protocol.md §14, seeded into the fixed span set:
// a delayed pool pop installs a stale next pointer: a block in use is on the
// free stack again.
#pragma once

#include <string_view>

#include "popped.hpp"

namespace spancheck::spanset::variants {

struct m9_pool_no_aba_tag : popped {
    static constexpr std::string_view name = "m9-pool-no-aba-tag";
    static constexpr std::string_view upstream = "mutant M9";
    static constexpr std::string_view summary = "the block pool's stack head has no ABA tag";
    static constexpr violation_kind expected[] = {violation_kind::pool_corrupt};

    // §4.3: the head word carries the node only.
    template <class L>
    static std::uint64_t lfstackPack(L& stack, typename L::node* node, std::uint32_t) {
        return popped::lfstackPack(stack, node, 0);
    }
};

}  // namespace spancheck::spanset::variants
