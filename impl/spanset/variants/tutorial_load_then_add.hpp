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

#include <cstdint>
#include <string>
#include <string_view>

#include "popped.hpp"

namespace spancheck::spanset::variants {

// Same counter, same free and reset as `popped`; only the pop's step differs.
struct tutorial_load_then_add : popped {
    static constexpr std::string_view name = "tutorial-load-then-add";
    static constexpr std::string_view upstream = "tutorial";
    static constexpr std::string_view summary =
        "the last slot's pop loads popped instead of adding, frees if the other pops counted (leaks)";

    // §6 step 8, the counter step, after the span is taken and its slot cleared.
    template <class World, class Block>
    static bool onPop(Block& b, std::uintptr_t bottom) {
        if (bottom == Block::entries - 1) {
            // The last slot: read instead of a read-modify-write. A pop of a
            // lower slot may still be on its way to its add.
            const std::uint32_t seen = b.popped.load(seq_cst);
            const bool frees = seen == Block::entries - 1;
            World::step(point::pop_counter, b.ghost.id(), seen, seen, std::int64_t(bottom) | std::int64_t(frees) << 32);
            return frees;
        }
        // Any other slot: count, as `popped` does, and leave the free to the
        // last slot's pop.
        const std::uint32_t old = b.popped.fetch_add(1, seq_cst);
        World::step(point::pop_counter, b.ghost.id(), old, old + 1, std::int64_t(bottom));
        return false;
    }

    static std::string describePop(std::int64_t block, std::uint32_t old, std::uint32_t now, std::uintptr_t bottom,
                                   std::uintptr_t n, bool frees) {
        const std::string on = " on block " + std::to_string(block);
        if (bottom != n - 1) {
            return "popped " + std::to_string(old) + "→" + std::to_string(now) + on + " (slot " +
                   std::to_string(bottom) + ", not the last): returns";
        }
        return "loads popped = " + std::to_string(now) + on + " (holds the last slot): " +
               (frees ? "the other " + std::to_string(n - 1) + " pops counted, frees the block"
                      : std::to_string(now) + " of the other " + std::to_string(n - 1) +
                            " pops counted, returns without freeing");
    }
};

}  // namespace spancheck::spanset::variants
