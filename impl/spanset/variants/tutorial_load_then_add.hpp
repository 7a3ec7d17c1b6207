// Variant `tutorial-load-then-add` — the README tutorial's example: a change to
// `popped` (Go 39380e8e) that looks like a saving and is wrong. Do not port it.
//
// The proposal: let the pop that claimed a block's last slot free it; then
// that pop need not count: it loads `popped` and frees the block if the other
// N−1 pops have counted. The other pops count as in `popped` and never free.
// The flaw: a load tells which pops have counted, not which are still to come.
// When the last-slot pop loads before another pop of its block has added, it
// returns without freeing, and the pop that adds last does not free either:
// the block leaks, as in d1798d5a (docs/spanset-protocol.md §9.1).
#pragma once

#include <string_view>

#include "popped.hpp"

namespace spancheck::spanset::variants {

// Same counter, same free and reset as `popped`; only the counter step differs.
struct tutorial_load_then_add : popped {
    static constexpr std::string_view name = "tutorial-load-then-add";
    static constexpr std::string_view upstream = "tutorial";
    static constexpr std::string_view summary =
        "the last slot's pop loads popped instead of adding, frees if the other pops counted (leaks)";

    // §6 step 8, after the span is taken and its slot cleared.
    template <class S>
    static bool countPop(S&, slotRef<S>& r) {
        constexpr auto N = S::spanSetBlockEntries;
        if (r.bottom == N - 1) {
            // The last slot: a read instead of a read-modify-write. A pop of
            // a lower slot may still be on its way to its add.
            return r.block->popped.load(mo<S>(site::popped_load)) == N - 1;
        }
        // Any other slot counts, as in `popped`, and leaves the free to the
        // last slot's pop.
        r.block->popped.fetch_add(1, mo<S>(site::popped_add));
        return false;
    }
};

}  // namespace spancheck::spanset::variants
