// Mutant M9 of docs/publication-protocol.md §11, seeded into 7de15e36: Go's
// plain spans[] words kept plain in C++, and cleared when a span is freed
// (§10.2).
#pragma once

#include <string_view>

#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct m9_plain_spans : v7de15e36 {
    static constexpr std::string_view name = "m9-plain-spans";
    static constexpr std::string_view upstream = "mutant M9";
    static constexpr std::string_view summary = "spans[] entries are plain words, cleared on free";
    static constexpr violation_kind expected[] = {violation_kind::data_race};

    template <class World, class Variant, class Span>
    using spansWord = go_word<World, Variant, Span*, false>;

    template <class H>
    static void freeSpanLocked(H& h, typename H::span* s) {
        const std::uintptr_t base = s->startAddr.get(), npages = s->npages.get();
        v7de15e36::freeSpanLocked(h, s);
        H::Variant::setSpans(h, base, npages, nullptr);
    }
};

}  // namespace spancheck::publication::variants
