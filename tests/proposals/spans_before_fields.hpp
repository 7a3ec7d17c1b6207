// Proposal: initSpan runs setSpans first, then the fields and the state
// (docs/publication-protocol.md §10.3: for readers that check the state,
// setSpans may as well come before it). Harmless: the checker must agree.
#pragma once

#include <string_view>

#include "impl/publication/variants/v7de15e36.hpp"

struct spans_before_fields : spancheck::publication::variants::v7de15e36 {
    static constexpr std::string_view name = "spans-before-fields";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "initSpan stores spans[] before the fields and the state";

    template <class H>
    static void initSpan(H& h, typename H::span* s, spancheck::publication::spanAllocType typ,
                         spancheck::publication::spanClass spanclass, std::uintptr_t base, std::uintptr_t npages) {
        using namespace spancheck::publication;
        mspan_init(h, s, base, npages);
        setSpans(h, base, npages, s);
        if (typ == spanAllocType::spanAllocStack) {
            initManualSpan(h, s, base, npages);
        } else {
            initHeapSpan(h, s, spanclass, base, npages);
        }
        publicationBarrier(h, s);
    }
};
