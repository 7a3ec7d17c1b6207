// Mutant M5 of docs/spanset-protocol.md §14, seeded into the fixed span set:
// two pushers each install a block at the same spine entry; the first block's
// spans are lost and the block leaks.
#pragma once

#include <string_view>

#include "popped.hpp"

namespace spancheck::spanset::variants {

struct m5_no_recheck : popped {
    static constexpr std::string_view name = "m5-no-recheck";
    static constexpr std::string_view upstream = "mutant M5";
    static constexpr std::string_view summary = "push does not re-check spineLen after taking the spine lock";
    static constexpr violation_kind expected[] = {violation_kind::livelock, violation_kind::hang,
                                                  violation_kind::span_lost, violation_kind::block_leak};

    // §5 step 5, skipped: the length read before the lock is taken as current.
    template <class S>
    static bool blockAddedMeanwhile(S&, std::uintptr_t, std::uintptr_t&) {
        return false;
    }
};

}  // namespace spancheck::spanset::variants
