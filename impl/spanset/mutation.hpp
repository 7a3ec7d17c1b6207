// Seeded bugs: the one-line changes of docs/spanset-protocol.md §14 that a
// checker must catch. A mutant variant names one of these in its `mutant`
// member; the protocol code has an `if constexpr` at the line the mutation
// changes, so the correct variants compile to exactly Go's steps.
#pragma once

namespace spancheck::spanset {

enum class mutation {
    none,
    pop_skips_spinelen_check,  // M3: claim the head even if its block is not published
    push_publishes_len_first,  // M4: store spineLen before the spine entry
    push_skips_recheck,        // M5: no re-check of spineLen after taking the spine lock
    claim_with_fetch_add,      // M6: claim by an unconditional add to the head
    plain_slots,               // M7: slots are plain data, not atomics
    reset_keeps_head_block,    // M8: reset does not free the head block
    pool_without_aba_tag,      // M9: the pool's stack head carries no tag
    pop_keeps_slot,            // pop does not clear its slot (§6 step 7, "load-bearing")
};

// A variant's mutation, none unless it declares one.
template <class Variant>
constexpr mutation mutant_of() {
    if constexpr (requires { Variant::mutant; }) {
        return Variant::mutant;
    } else {
        return mutation::none;
    }
}

}  // namespace spancheck::spanset
