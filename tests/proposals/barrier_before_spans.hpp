// Proposal: issue the publication barrier before setSpans, "right after the
// state store that publishes the span". Wrong for trusted pointers: spans[]
// may then reach the GC after a pointer into the span (§10.3, golang/go#35541).
#pragma once

#include <string_view>

#include "impl/publication/variants/v7de15e36.hpp"

struct barrier_before_spans : spancheck::publication::variants::v7de15e36 {
    static constexpr std::string_view name = "barrier-before-spans";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "initSpan's publicationBarrier comes before setSpans";

    template <class H>
    static void initSpan(H& h, typename H::span* s, spancheck::publication::spanAllocType typ,
                         spancheck::publication::spanClass spanclass, std::uintptr_t base, std::uintptr_t npages) {
        using namespace spancheck::publication;
        mspan_init(h, s, base, npages);
        if (typ == spanAllocType::spanAllocStack) {
            initManualSpan(h, s, base, npages);
        } else {
            initHeapSpan(h, s, spanclass, base, npages);
        }
        publicationBarrier(h, s);
        setSpans(h, base, npages, s);
    }
};
