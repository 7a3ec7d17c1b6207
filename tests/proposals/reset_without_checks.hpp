// Proposal: reset skips its sanity checks of the head block (§7.3): they can
// never fire in a correct set (§7.4). Harmless.
#pragma once

#include <string_view>

#include "impl/spanset/variants/popped.hpp"

struct reset_without_checks : spancheck::spanset::variants::popped {
    static constexpr std::string_view name = "reset-without-checks";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "reset frees the head block without checking popped";

    template <class S, class B>
    static void resetCheck(S&, const B&) {}
};
