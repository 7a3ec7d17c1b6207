// Mutant M2 of docs/spanset-protocol.md §14, seeded into the fixed span set:
// the pop that holds the last slot frees the block, whatever the counter says.
// Other poppers (or a late pusher) may still be inside the block: a premature
// free, then a use after free or a lost or duplicated span.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "popped.hpp"

namespace spancheck::spanset::variants {

struct m2_free_on_last_slot : popped {
    static constexpr std::string_view name = "m2-free-on-last-slot";
    static constexpr std::string_view upstream = "mutant M2";
    static constexpr std::string_view summary = "the pop that holds the last slot frees the block, ignoring the counter";
    static constexpr violation_kind expected[] = {violation_kind::premature_free, violation_kind::use_after_free, violation_kind::pool_dirty};

    template <class World, class Block>
    static bool onPop(Block& b, std::uintptr_t bottom) {
        const std::uint32_t old = b.popped.fetch_add(1, seq_cst);
        const bool frees = bottom == Block::entries - 1;
        World::step(point::pop_counter, b.ghost.id(), old, old + 1, std::int64_t(bottom) | std::int64_t(frees) << 32);
        return frees;
    }

    static std::string describePop(std::int64_t block, std::uint32_t old, std::uint32_t now, std::uintptr_t bottom,
                                   std::uintptr_t n, bool frees) {
        return "popped " + std::to_string(old) + "→" + std::to_string(now) + " on block " + std::to_string(block) +
               (frees ? ", holds the last slot: frees the block" : ", slot " + std::to_string(bottom) + " of " +
                                                                      std::to_string(n) + ": returns");
    }
};

}  // namespace spancheck::spanset::variants
