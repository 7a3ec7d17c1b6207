// Mutant M7 of docs/publication-protocol.md §11, seeded into 7de15e36: a
// pointer published after allocSpan reaches the GC before spans[] does
// (golang/go#35541).
#pragma once

#include <string_view>

#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct m7_no_barrier : v7de15e36 {
    static constexpr std::string_view name = "m7-no-barrier";
    static constexpr std::string_view upstream = "mutant M7";
    static constexpr std::string_view summary = "no publicationBarrier at the end of initSpan (before c53b2bdb)";
    static constexpr violation_kind expected[] = {violation_kind::bad_pointer};

    template <class H>
    static void publicationBarrier(H&, typename H::span*) {}
};

}  // namespace spancheck::publication::variants
