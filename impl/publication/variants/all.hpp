// The publication variants shipped with spancheck, by name, in the order
// `spancheck list` shows them. Shipping a variant is one file in this folder
// and one line in the list below (see ../../spanset/variants/all.hpp).
#pragma once

#include "../../type_list.hpp"
#include "generated/publication_variant_files.hpp"

namespace spancheck::publication::variants {

using all = type_list<
    // The historic and the current protocol, the hardening.
    go1_13,
    v7de15e36,
    hardened,
    // Seeded bugs (mutants): they declare the violation kinds they must be
    // caught with (`expected`), and `spancheck mutants` counts them.
    m1_state_before_fields,
    m2_plain_state,
    m3_bounds_before_state,
    m4_no_bounds_check,
    m5_no_nil_check,
    m6_no_isfree,
    m7_no_barrier,
    m8_no_free_check,
    m9_plain_spans>;

}  // namespace spancheck::publication::variants
