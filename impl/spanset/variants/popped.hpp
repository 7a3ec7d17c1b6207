// Variant `popped` — Go 39380e8e "runtime: fix block leak due to race in span
// set", the fixed span set. docs/spanset-protocol.md §6 step 8 (fixed), §8.
//
// The block counts pops that have completed. It only grows while the block is
// in use, so the pop whose increment makes it N is the last of the N pops; each
// of those pops ran after the push of its slot (it waited for the span), so no
// pusher or popper can still be inside the block: that pop frees it (I3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "../../world.hpp"
#include "../points.hpp"

namespace spancheck::spanset::variants {

struct popped {
    static constexpr std::string_view name = "popped";
    static constexpr std::string_view upstream = "39380e8e";
    static constexpr std::string_view summary =
        "Go's fix: count completed pops; the pop that brings the count to N frees the block";

    template <class World>
    struct blockFields {
        typename World::template atomic<std::uint32_t> popped;
    };

    template <class World, class Block>
    static void onPush(Block&) {}

    template <class World, class Block>
    static bool onPop(Block& b, std::uintptr_t bottom) {
        const std::uint32_t old = b.popped.fetch_add(1, seq_cst);
        const bool last = old + 1 == Block::entries;
        World::step(point::pop_counter, b.ghost.id(), old, old + 1, std::int64_t(bottom) | std::int64_t(last) << 32);
        return last;
    }

    // The counter must restart from zero in the block's next life.
    template <class World, class Block>
    static void onFree(Block& b) {
        b.popped.store(0, seq_cst);
    }

    // At reset the head's block is partly popped: 0 < popped < N (§7.4).
    template <class World, class Block>
    static void resetCheck(Block& b) {
        const std::uint32_t n = b.popped.load(seq_cst);
        if (n == 0 || n == Block::entries) {
            violation v{n == 0 ? violation_kind::reset_unpopped : violation_kind::reset_full, World::thread()};
            v.block = b.ghost.id();
            v.a = n;
            fail<World>(v);
        }
    }

    template <class Block>
    static std::uint32_t counterValue(const Block& b) {
        return b.popped.load(seq_cst);
    }

    static std::string describePop(std::int64_t block, std::uint32_t old, std::uint32_t now, std::uintptr_t,
                                   std::uintptr_t n, bool frees) {
        std::string s = "popped " + std::to_string(old) + "→" + std::to_string(now) + " on block " + std::to_string(block);
        return frees ? s + " = " + std::to_string(n) + ", the last pop: frees the block"
                     : s + " of " + std::to_string(n) + ", not last, returns";
    }
};

}  // namespace spancheck::spanset::variants
