// Variant `hardened` — 7de15e36 with limit set inside initSpan, before the
// state store, instead of by the caller after publication: the soft spot of
// docs/publication-protocol.md §10.1 closed. limit is then race-checked data.
#pragma once

#include <string_view>

#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct hardened : v7de15e36 {
    static constexpr std::string_view name = "hardened";
    static constexpr std::string_view upstream = "proposal §10.1";
    static constexpr std::string_view summary = "7de15e36 with limit set before the state store (closes §10.1)";
    static constexpr bool limit_set_in_initSpan = true;

    // §4.2 step 4 with limit among the fields the state publishes.
    template <class H>
    static void initHeapSpan(H& h, typename H::span* s, spanClass spanclass, std::uintptr_t base,
                             std::uintptr_t npages) {
        H::Variant::setHeapFields(h, s, spanclass, base, npages);
        s->limit.set(base + s->elemsize.get() * s->nelems.get());
        s->setState(mSpanInUse);
    }

    // mcentral.grow no longer writes limit after publication.
    template <class H>
    static typename H::span* mcentralGrow(H& h, std::uintptr_t npages, spanClass spanclass) {
        return h.allocSpan(npages, spanAllocType::spanAllocHeap, spanclass);
    }
};

}  // namespace spancheck::publication::variants
