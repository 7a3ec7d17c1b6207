// Variant `used` — Go d1798d5a "runtime: manage a pool of spanSetBlocks and
// free them eagerly", the first pooled span set, with the block leak that
// 39380e8e fixed. docs/spanset-protocol.md §6 step 8 (buggy), §9.
//
// The block counts occupied slots: a push adds one, a pop takes one away, and
// the pop that sees zero while holding the last slot frees the block. Zero
// does not mean "last": two poppers of one block can finish in the other
// order, the holder of the last slot sees a non-zero count and the one that
// reaches zero does not hold the last slot, so nobody frees (the leak, §9.1).
// A pusher that adds one late can also see its block freed under it (§9.3).
#pragma once

#include <cstdint>
#include <string_view>

#include "../protocol.hpp"

namespace spancheck::spanset::variants {

struct used : protocol {
    static constexpr std::string_view name = "used";
    static constexpr std::string_view upstream = "d1798d5a";
    static constexpr std::string_view summary =
        "historic bug: count occupied slots; free when the count hits 0 on the last slot (leaks blocks)";
    static constexpr violation_kind expected[] = {violation_kind::block_leak, violation_kind::premature_free,
                                                  violation_kind::use_after_free};

    // spanSetBlock.used (§2.3).
    static constexpr std::string_view counterName = "used";
    template <class World>
    struct blockFields {
        blockCounter<World> used;
        blockCounter<World>& counter() { return used; }  // for the ghost and the final checks
    };

    // §5 step 8: the push counts its slot, before its span store.
    template <class S, class B>
    static void countPush(S&, const B& block) {
        block->used.fetch_add(1, mo<S>(site::used_add));
    }

    // §6 step 8 (buggy): Go's Add returns the new value.
    template <class S>
    static bool countPop(S&, slotRef<S>& r) {
        const std::uint32_t u = r.block->used.fetch_sub(1, mo<S>(site::used_sub)) - 1;
        return u == 0 && r.bottom == S::spanSetBlockEntries - 1;
    }

    // §4.2: the pops already brought the counter back to zero.
    template <class P>
    static void free(P& pool, typename P::block* b) {
        pool.stack.push(b);
    }

    // §7.3: "found used block in empty span set".
    template <class S, class B>
    static void resetCheck(S&, const B& block) {
        using World = typename S::world;
        const std::uint32_t n = block->used.load(mo<S>(site::used_load));
        if (n != 0) {
            violation v{violation_kind::reset_used_block, World::thread()};
            v.block = block->ghost.id();
            v.a = n;
            fail<World>(v);
        }
    }
};

}  // namespace spancheck::spanset::variants
