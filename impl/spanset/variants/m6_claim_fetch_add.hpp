// Mutant M6 of docs/spanset-protocol.md §14, seeded into the fixed span set:
// the head passes the tail and a popper waits forever on a slot nobody will
// push (livelock in the model, hang on real threads).
#pragma once

#include <optional>
#include <string_view>

#include "popped.hpp"

namespace spancheck::spanset::variants {

struct m6_claim_fetch_add : popped {
    static constexpr std::string_view name = "m6-claim-fetch-add";
    static constexpr std::string_view upstream = "mutant M6";
    static constexpr std::string_view summary =
        "pop claims by an unconditional add to the head instead of the full-word CAS";
    static constexpr violation_kind expected[] = {violation_kind::livelock, violation_kind::hang,
                                                  violation_kind::nil_block};

    // §6 step 1.4 as an add: it cannot fail, and it does not see the tail.
    template <class S>
    static std::optional<std::uint32_t> takeHead(S& b, headTailIndex) {
        return b.index.incHead().head() - 1;
    }
};

}  // namespace spancheck::spanset::variants
