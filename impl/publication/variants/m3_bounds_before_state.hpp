// Mutant M3 of docs/publication-protocol.md §11, seeded into 7de15e36: the
// Go 1.13 reader order: base and limit are read before the state says they
// are valid.
#pragma once

#include <optional>
#include <string_view>

#include "go1_13.hpp"
#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct m3_bounds_before_state : v7de15e36 {
    static constexpr std::string_view name = "m3-bounds-before-state";
    static constexpr std::string_view upstream = "mutant M3";
    static constexpr std::string_view summary = "readers check base and limit before they load the state";
    static constexpr violation_kind expected[] = {violation_kind::data_race, violation_kind::uninitialized_read};

    template <class H>
    static std::optional<reject_reason> checkSpan(const H& h, span_view<typename H::span>& v, std::uintptr_t p) {
        return go1_13::checkSpan(h, v, p);
    }
};

}  // namespace spancheck::publication::variants
