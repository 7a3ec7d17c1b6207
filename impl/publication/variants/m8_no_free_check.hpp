// Mutant M8 of docs/publication-protocol.md §11, seeded into 7de15e36:
// a caller's bad free is no longer refused, and live objects die with their span.
#pragma once

#include <string_view>

#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct m8_no_free_check : v7de15e36 {
    static constexpr std::string_view name = "m8-no-free-check";
    static constexpr std::string_view upstream = "mutant M8";
    static constexpr std::string_view summary = "freeSpanLocked frees an in-use span without checking allocCount";
    static constexpr violation_kind expected[] = {violation_kind::live_span_freed};

    // §6 step 1 with only the state checked.
    template <class H>
    static void freeSpanCheck(H&, typename H::span* s) {
        const mSpanState st = s->state.get(mo<H>(site::state_load_free));
        if (st != mSpanInUse && st != mSpanManual) invalidFree<H>(s, st);
    }
};

}  // namespace spancheck::publication::variants
