// Proposal: the slot is a message from pusher to popper: release on the
// store, acquire on the load are enough (docs/spanset-protocol.md §15.1).
// Harmless: the checker must agree.
#pragma once

#include <atomic>
#include <string_view>

#include "impl/spanset/variants/popped.hpp"

struct acquire_release_slots : spancheck::spanset::variants::popped {
    static constexpr std::string_view name = "acquire-release-slots";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "slot store release, slot load acquire";
    static constexpr auto orders = popped::orders.with(spancheck::spanset::site::slot_store, std::memory_order_release)
                                       .with(spancheck::spanset::site::slot_load, std::memory_order_acquire);
};
