// Mutant M5 of docs/publication-protocol.md §11, seeded into 7de15e36:
// a word into a page no span ever covered finds spans[] nil.
#pragma once

#include <string_view>

#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct m5_no_nil_check : v7de15e36 {
    static constexpr std::string_view name = "m5-no-nil-check";
    static constexpr std::string_view upstream = "mutant M5";
    static constexpr std::string_view summary = "readers skip the nil check after spanOf";
    static constexpr violation_kind expected[] = {violation_kind::nil_dereference};

    // §5.3 without step 1's nil check.
    template <class H>
    static span_view<typename H::span> spanOfHeap(const H& h, std::uintptr_t p) {
        span_view<typename H::span> v{H::Variant::spanOf(h, p), p};
        if (const auto why = H::Variant::checkSpan(h, v, p)) {
            reject<H>(p, *why);
            return {};
        }
        return v;
    }
};

}  // namespace spancheck::publication::variants
