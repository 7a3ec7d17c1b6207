// Proposal: a reader trusts any span that is not Dead, instead of InUse
// only ("Manual spans are alive too"). Wrong: a stack is no heap span; its
// geometry is not a heap span's (§9, "State compared to InUse").
#pragma once

#include <optional>
#include <string_view>

#include "impl/publication/variants/v7de15e36.hpp"

struct reader_accepts_not_dead : spancheck::publication::variants::v7de15e36 {
    static constexpr std::string_view name = "reader-accepts-not-dead";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "readers accept a span whose state is not Dead";

    template <class H>
    static std::optional<spancheck::publication::reject_reason> checkSpan(
        const H& h, spancheck::publication::span_view<typename H::span>& v, std::uintptr_t p) {
        using namespace spancheck::publication;
        if (loadState(h, v) == mSpanDead) return reject_reason::not_in_use;
        if (!inBounds(h, v, p)) return reject_reason::out_of_bounds;
        return std::nullopt;
    }
};
