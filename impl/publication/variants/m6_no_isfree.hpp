// Mutant M6 of docs/publication-protocol.md §11, seeded into 7de15e36:
// a word into a free slot of an in-use span marks a free object.
#pragma once

#include <string_view>

#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct m6_no_isfree : v7de15e36 {
    static constexpr std::string_view name = "m6-no-isfree";
    static constexpr std::string_view upstream = "mutant M6";
    static constexpr std::string_view summary = "the conservative scan greys a word's object without isFree";
    static constexpr violation_kind expected[] = {violation_kind::free_object_marked};

    // §5.5 without step 3's isFree.
    template <class H>
    static void scanConservativeWord(const H& h, std::uintptr_t val) {
        using V = typename H::Variant;
        const auto span = V::spanOfHeap(h, val);
        if (!span) return;
        const std::uintptr_t idx = V::objIndex(span, val);
        V::greyobject(span->startAddr.read(span.validated) + idx * span->elemsize.read(span.validated), span, idx);
    }
};

}  // namespace spancheck::publication::variants
