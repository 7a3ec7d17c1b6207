// Proposal: a reader checks the state, then the bounds, then the state again
// ("in case it changed"). Redundant but harmless: the checker must agree.
#pragma once

#include <optional>
#include <string_view>

#include "impl/publication/variants/v7de15e36.hpp"

struct reader_checks_state_twice : spancheck::publication::variants::v7de15e36 {
    static constexpr std::string_view name = "reader-checks-state-twice";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "readers load the state before and after the bounds check";

    template <class H>
    static std::optional<spancheck::publication::reject_reason> checkSpan(
        const H& h, spancheck::publication::span_view<typename H::span>& v, std::uintptr_t p) {
        using namespace spancheck::publication;
        if (const auto why = v7de15e36::checkSpan(h, v, p)) return why;
        if (loadState(h, v) != mSpanInUse) return reject_reason::not_in_use;
        return std::nullopt;
    }
};
