// Proposal: alloc always takes fresh memory and leaves pooled blocks alone.
// It wastes memory but breaks nothing. Harmless.
#pragma once

#include <string_view>

#include "impl/spanset/variants/popped.hpp"

struct pool_never_reuses : spancheck::spanset::variants::popped {
    static constexpr std::string_view name = "pool-never-reuses";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "the pool allocates a fresh block every time";

    template <class P>
    static typename P::block* alloc(P& pool) {
        return pool.arena.allocBlock();
    }
};
