// The span set variants known to spancheck, by name. Adding a variant is one
// file in this folder and one entry in the list below.
#pragma once

#include "../../type_list.hpp"
#include "m11_pop_keeps_slot.hpp"
#include "m2_free_on_last_slot.hpp"
#include "m3_no_spinelen_check.hpp"
#include "m4_len_before_entry.hpp"
#include "m5_no_recheck.hpp"
#include "m6_claim_fetch_add.hpp"
#include "m7_plain_slots.hpp"
#include "m8_reset_keeps_head.hpp"
#include "m9_pool_no_aba_tag.hpp"
#include "popped.hpp"
#include "used.hpp"

namespace spancheck::spanset::variants {

// Correct and historic variants first, then the seeded bugs (mutants), which
// declare the violation kinds they must be caught with (`expected`).
using all = type_list<used, popped, m2_free_on_last_slot, m3_no_spinelen_check, m4_len_before_entry, m5_no_recheck,
                      m6_claim_fetch_add, m7_plain_slots, m8_reset_keeps_head, m9_pool_no_aba_tag, m11_pop_keeps_slot>;

}  // namespace spancheck::spanset::variants
