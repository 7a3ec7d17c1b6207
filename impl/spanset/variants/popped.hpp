// Variant `popped` — Go 39380e8e "runtime: fix block leak due to race in span
// set", the fixed span set. docs/spanset-protocol.md §6 step 8 (fixed), §8.
//
// The block counts pops that have completed. It only grows while the block is
// in use, so the pop whose increment makes it N is the last of the N pops; each
// of those pops ran after the push of its slot (it waited for the span), so no
// pusher or popper can still be inside the block: that pop frees it (I3).
#pragma once

#include <cstdint>
#include <string_view>

#include "../protocol.hpp"

namespace spancheck::spanset::variants {

struct popped : protocol {
    static constexpr std::string_view name = "popped";
    static constexpr std::string_view upstream = "39380e8e";
    static constexpr std::string_view summary =
        "Go's fix: count completed pops; the pop that brings the count to N frees the block";

    // spanSetBlock.popped (§2.3).
    static constexpr std::string_view counterName = "popped";
    template <class World>
    struct blockFields {
        blockCounter<World> popped;
        blockCounter<World>& counter() { return popped; }  // for the ghost and the final checks
    };

    // §5 step 8: push does not count.
    template <class S, class B>
    static void countPush(S&, const B&) {}

    // §6 step 8. Go's Add returns the new value: the pop that brings the
    // count to N is the last of the block's N pops, whichever slot it holds.
    template <class S>
    static bool countPop(S&, slotRef<S>& r) {
        return r.block->popped.fetch_add(1, mo<S>(site::popped_add)) + 1 == S::spanSetBlockEntries;
    }

    // §4.2: the counter must restart from zero in the block's next life.
    template <class P>
    static void free(P& pool, typename P::block* b) {
        b->popped.store(0, mo<P>(site::popped_zero));
        pool.stack.push(b);
    }

    // §7.3: at reset the head's block is partly popped: 0 < popped < N (§7.4).
    template <class S, class B>
    static void resetCheck(S&, const B& block) {
        using World = typename S::world;
        const std::uint32_t n = block->popped.load(mo<S>(site::popped_load));
        if (n == 0 || n == S::spanSetBlockEntries) {
            violation v{n == 0 ? violation_kind::reset_unpopped : violation_kind::reset_full, World::thread()};
            v.block = block->ghost.id();
            v.a = n;
            fail<World>(v);
        }
    }
};

}  // namespace spancheck::spanset::variants
