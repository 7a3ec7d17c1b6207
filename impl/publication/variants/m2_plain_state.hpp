// Mutant M2 of docs/publication-protocol.md §11, seeded into 7de15e36:
// the order of the writes is right, but a relaxed state synchronizes nothing (§9).
#pragma once

#include <atomic>
#include <string_view>

#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct m2_plain_state : v7de15e36 {
    static constexpr std::string_view name = "m2-plain-state";
    static constexpr std::string_view upstream = "mutant M2";
    static constexpr std::string_view summary = "the state store and load are plain (relaxed): InUse orders nothing";
    static constexpr violation_kind expected[] = {violation_kind::data_race};
    static constexpr site_orders<site> orders = v7de15e36::orders.with(site::state_store, std::memory_order_relaxed)
                                                    .with(site::state_load, std::memory_order_relaxed);
};

}  // namespace spancheck::publication::variants
