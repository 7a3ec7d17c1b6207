// Mutant M6 of docs/publication-protocol.md §11, seeded into 7de15e36:
// a word into a free slot of an in-use span marks a free object.
#pragma once

#include <string_view>

#include "../../violation.hpp"
#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct m6_no_isfree : v7de15e36 {
    static constexpr std::string_view name = "m6-no-isfree";
    static constexpr std::string_view upstream = "mutant M6";
    static constexpr std::string_view summary = "the conservative scan greys a word's object without isFree";
    static constexpr violation_kind expected[] = {violation_kind::free_object_marked};
    static constexpr bool scan_checks_isFree = false;
};

}  // namespace spancheck::publication::variants
