// The span set variants shipped with spancheck, by name, in the order
// `spancheck list` shows them. Shipping a variant is one file in this folder
// and one line in the list below: CMake includes every file of the folder for
// you (generated/spanset_variant_files.hpp, written when it configures) and
// builds its model runner. A change under study needs neither: its file can
// be anywhere (README, "Checking a change to the protocol").
#pragma once

#include "../../type_list.hpp"
#include "generated/spanset_variant_files.hpp"

namespace spancheck::spanset::variants {

using all = type_list<
    // Historic and correct variants.
    used,
    popped,
    // Seeded bugs (mutants): they declare the violation kinds they must be
    // caught with (`expected`), and `spancheck mutants` counts them.
    m2_free_on_last_slot,
    m3_no_spinelen_check,
    m4_len_before_entry,
    m5_no_recheck,
    m6_claim_fetch_add,
    m7_plain_slots,
    m8_reset_keeps_head,
    m9_pool_no_aba_tag,
    m11_pop_keeps_slot>;

}  // namespace spancheck::spanset::variants
