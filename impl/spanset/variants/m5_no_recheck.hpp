// Mutant M5 of docs/spanset-protocol.md §14, seeded into the fixed span set:
// two pushers each install a block at the same spine entry; the first block's spans are lost and the block leaks.
#pragma once

#include <string_view>

#include "../mutation.hpp"
#include "popped.hpp"

namespace spancheck::spanset::variants {

struct m5_no_recheck : popped {
    static constexpr std::string_view name = "m5-no-recheck";
    static constexpr std::string_view upstream = "mutant M5";
    static constexpr std::string_view summary = "push does not re-check spineLen after taking the spine lock";
    static constexpr mutation mutant = mutation::push_skips_recheck;
    static constexpr violation_kind expected[] = {violation_kind::livelock, violation_kind::hang, violation_kind::span_lost, violation_kind::block_leak};
};

}  // namespace spancheck::spanset::variants
