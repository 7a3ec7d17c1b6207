// The publication variants known to spancheck, by name. Adding a variant is
// one file in this folder and one entry in the list below.
#pragma once

#include "../../type_list.hpp"
#include "go1_13.hpp"
#include "hardened.hpp"
#include "m1_state_before_fields.hpp"
#include "m2_plain_state.hpp"
#include "m3_bounds_before_state.hpp"
#include "m4_no_bounds_check.hpp"
#include "m5_no_nil_check.hpp"
#include "m6_no_isfree.hpp"
#include "m7_no_barrier.hpp"
#include "m8_no_free_check.hpp"
#include "m9_plain_spans.hpp"
#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

// The historic and the current protocol, the hardening, then the seeded bugs
// (mutants), which declare the violation kinds they must be caught with.
using all = type_list<go1_13, v7de15e36, hardened, m1_state_before_fields, m2_plain_state, m3_bounds_before_state,
                      m4_no_bounds_check, m5_no_nil_check, m6_no_isfree, m7_no_barrier, m8_no_free_check,
                      m9_plain_spans>;

}  // namespace spancheck::publication::variants
