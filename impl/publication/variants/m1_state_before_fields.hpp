// Mutant M1 of docs/publication-protocol.md §11, seeded into 7de15e36: the
// Go 1.13 writer order. A reader that sees InUse reads fields whose writes
// are not ordered before it (§9). The model reports the unordered read as a
// data race (it does not preempt between plain writes); on real threads the
// ghost may instead catch a field not set yet (uninitialized-read).
#pragma once

#include <string_view>

#include "go1_13.hpp"
#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct m1_state_before_fields : v7de15e36 {
    static constexpr std::string_view name = "m1-state-before-fields";
    static constexpr std::string_view upstream = "mutant M1";
    static constexpr std::string_view summary = "initSpan stores state InUse before the span's other fields";
    static constexpr violation_kind expected[] = {violation_kind::data_race, violation_kind::uninitialized_read};

    template <class H>
    static void initHeapSpan(H& h, typename H::span* s, spanClass spanclass, std::uintptr_t base,
                             std::uintptr_t npages) {
        go1_13::initHeapSpan(h, s, spanclass, base, npages);
    }
};

}  // namespace spancheck::publication::variants
