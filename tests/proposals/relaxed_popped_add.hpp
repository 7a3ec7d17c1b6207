// Proposal: popped is only a count, so its add can be relaxed. Wrong in C++:
// the add that makes it N must come after every other pop's accesses to the
// block; relaxed, the free races with them.
#pragma once

#include <atomic>
#include <string_view>

#include "impl/spanset/variants/popped.hpp"

struct relaxed_popped_add : spancheck::spanset::variants::popped {
    static constexpr std::string_view name = "relaxed-popped-add";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "popped's add is relaxed";
    static constexpr auto orders = popped::orders.with(spancheck::spanset::site::popped_add, std::memory_order_relaxed);
};
