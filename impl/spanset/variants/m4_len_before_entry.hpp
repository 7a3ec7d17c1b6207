// Mutant M4 of docs/spanset-protocol.md §14, seeded into the fixed span set:
// a reader sees spineLen cover an entry that is still nil.
#pragma once

#include <string_view>

#include "../mutation.hpp"
#include "popped.hpp"

namespace spancheck::spanset::variants {

struct m4_len_before_entry : popped {
    static constexpr std::string_view name = "m4-len-before-entry";
    static constexpr std::string_view upstream = "mutant M4";
    static constexpr std::string_view summary = "push publishes spineLen before the spine entry";
    static constexpr mutation mutant = mutation::push_publishes_len_first;
    static constexpr violation_kind expected[] = {violation_kind::nil_block};
};

}  // namespace spancheck::spanset::variants
