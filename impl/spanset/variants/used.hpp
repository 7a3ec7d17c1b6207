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
#include <string>
#include <string_view>

#include "../../world.hpp"
#include "../points.hpp"

namespace spancheck::spanset::variants {

struct used {
    static constexpr std::string_view name = "used";
    static constexpr std::string_view upstream = "d1798d5a";
    static constexpr std::string_view summary =
        "historic bug: count occupied slots; free when the count hits 0 on the last slot (leaks blocks)";
    static constexpr violation_kind expected[] = {violation_kind::block_leak, violation_kind::premature_free};

    template <class World>
    struct blockFields {
        typename World::template atomic<std::uint32_t> used;
    };

    template <class World, class Block>
    static void onPush(Block& b) {
        const std::uint32_t old = b.used.fetch_add(1, seq_cst);
        World::step(point::push_counter, b.ghost.id(), old, old + 1);
    }

    template <class World, class Block>
    static bool onPop(Block& b, std::uintptr_t bottom) {
        const std::uint32_t old = b.used.fetch_sub(1, seq_cst);
        const bool frees = old - 1 == 0 && bottom == Block::entries - 1;
        World::step(point::pop_counter, b.ghost.id(), old, old - 1, std::int64_t(bottom) | std::int64_t(frees) << 32);
        return frees;
    }

    // The pops already brought the counter back to zero.
    template <class World, class Block>
    static void onFree(Block&) {}

    template <class World, class Block>
    static void resetCheck(Block& b) {
        const std::uint32_t n = b.used.load(seq_cst);
        if (n != 0) {
            violation v{violation_kind::reset_used_block, World::thread()};
            v.block = b.ghost.id();
            v.a = n;
            fail<World>(v);
        }
    }

    template <class Block>
    static std::uint32_t counterValue(const Block& b) {
        return b.used.load(seq_cst);
    }

    static std::string describePop(std::int64_t block, std::uint32_t old, std::uint32_t now, std::uintptr_t bottom,
                                   std::uintptr_t n, bool frees) {
        std::string s = "used " + std::to_string(old) + "→" + std::to_string(now) + " on block " + std::to_string(block);
        if (frees) return s + " on the last slot: frees the block";
        if (now != 0) {
            return s + ", not 0: returns without freeing" +
                   (bottom == n - 1 ? " (although it holds the last slot)" : "");
        }
        return s + ", but slot " + std::to_string(bottom) + " is not the last slot (" + std::to_string(n - 1) +
               "): returns without freeing";
    }
};

}  // namespace spancheck::spanset::variants
