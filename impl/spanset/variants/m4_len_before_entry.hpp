// Mutant M4 of docs/spanset-protocol.md §14, seeded into the fixed span set:
// a reader sees spineLen cover an entry that is still nil.
#pragma once

#include <string_view>

#include "popped.hpp"

namespace spancheck::spanset::variants {

struct m4_len_before_entry : popped {
    static constexpr std::string_view name = "m4-len-before-entry";
    static constexpr std::string_view upstream = "mutant M4";
    static constexpr std::string_view summary = "push publishes spineLen before the spine entry";
    static constexpr violation_kind expected[] = {violation_kind::nil_block};

    // §5 step 7, its two stores swapped.
    template <class S>
    static void publishBlock(S& b, std::uintptr_t top, std::uintptr_t len, typename S::block* block) {
        b.spineLen.store(len + 1, mo<S>(site::spineLen_store));
        b.spine.load(mo<S>(site::spine_load)).lookup(top).store(block, mo<S>(site::entry_store));
    }
};

}  // namespace spancheck::spanset::variants
