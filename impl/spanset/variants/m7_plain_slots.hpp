// Mutant M7 of docs/spanset-protocol.md §14, seeded into the fixed span set:
// the pusher's store and the popper's load of a slot race.
#pragma once

#include <string_view>

#include "popped.hpp"

namespace spancheck::spanset::variants {

struct m7_plain_slots : popped {
    static constexpr std::string_view name = "m7-plain-slots";
    static constexpr std::string_view upstream = "mutant M7";
    static constexpr std::string_view summary = "slots are read and written as plain data instead of atomics";
    static constexpr violation_kind expected[] = {violation_kind::data_race};

    template <class World>
    using slot = plainSlot<World>;
};

}  // namespace spancheck::spanset::variants
