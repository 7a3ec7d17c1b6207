// Mutant M4 of docs/publication-protocol.md §11, seeded into 7de15e36: a
// stale spans[] entry leads to a struct reused for other pages, which passes
// the state check (§9).
#pragma once

#include <string_view>

#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct m4_no_bounds_check : v7de15e36 {
    static constexpr std::string_view name = "m4-no-bounds-check";
    static constexpr std::string_view upstream = "mutant M4";
    static constexpr std::string_view summary = "readers skip the [base, limit) check after the state check";
    static constexpr violation_kind expected[] = {violation_kind::object_out_of_span};

    template <class H>
    static bool inBounds(const H&, const span_view<typename H::span>&, std::uintptr_t) {
        return true;
    }
};

}  // namespace spancheck::publication::variants
