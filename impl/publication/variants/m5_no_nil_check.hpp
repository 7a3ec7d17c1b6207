// Mutant M5 of docs/publication-protocol.md §11, seeded into 7de15e36:
// a word into a page no span ever covered finds spans[] nil.
#pragma once

#include <string_view>

#include "../../violation.hpp"
#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct m5_no_nil_check : v7de15e36 {
    static constexpr std::string_view name = "m5-no-nil-check";
    static constexpr std::string_view upstream = "mutant M5";
    static constexpr std::string_view summary = "readers skip the nil check after spanOf";
    static constexpr violation_kind expected[] = {violation_kind::nil_dereference};
    static constexpr bool reader_checks_nil = false;
};

}  // namespace spancheck::publication::variants
