// Proposal: let the pop that claimed a block's last slot free it; then that
// pop need not count: it loads popped and frees the block if the other N−1
// pops have counted. Wrong: a load tells which pops have counted, not which
// are still to come; the block leaks, as in d1798d5a.
#pragma once

#include <string_view>

#include "impl/spanset/variants/popped.hpp"

struct last_slot_loads_popped : spancheck::spanset::variants::popped {
    static constexpr std::string_view name = "last-slot-loads-popped";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "the last slot's pop loads popped instead of adding";

    template <class S>
    static bool countPop(S&, spancheck::spanset::slotRef<S>& r) {
        using spancheck::spanset::site;
        constexpr auto N = S::spanSetBlockEntries;
        if (r.bottom == N - 1) return r.block->popped.load(mo<S>(site::popped_load)) == N - 1;
        r.block->popped.fetch_add(1, mo<S>(site::popped_add));
        return false;
    }
};
