// Proposal: readers load the state relaxed, "they only compare it". Wrong:
// an InUse that orders nothing lets the reader see the fields of before.
#pragma once

#include <atomic>
#include <string_view>

#include "impl/publication/variants/v7de15e36.hpp"

struct relaxed_state_load : spancheck::publication::variants::v7de15e36 {
    static constexpr std::string_view name = "relaxed-state-load";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "readers load the state relaxed";
    static constexpr auto orders = v7de15e36::orders.with(spancheck::publication::site::state_load, std::memory_order_relaxed);
};
