// Proposal: the state is a message from the allocator to the readers:
// release on its store, acquire on its loads (docs/publication-protocol.md
// §12.1). Harmless: the checker must agree.
#pragma once

#include <atomic>
#include <string_view>

#include "impl/publication/variants/v7de15e36.hpp"

struct acquire_release_state : spancheck::publication::variants::v7de15e36 {
    static constexpr std::string_view name = "acquire-release-state";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "state store release, state loads acquire";
    static constexpr auto orders = v7de15e36::orders.with(spancheck::publication::site::state_store, std::memory_order_release)
                                       .with(spancheck::publication::site::state_load, std::memory_order_acquire)
                                       .with(spancheck::publication::site::state_load_free, std::memory_order_acquire);
};
