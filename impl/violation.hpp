// A broken invariant, as a value. Protocol code and final checks report one
// through World::fail; the executors (model, stress) turn it into a verdict.
//
// The record is plain data with no allocation so that it can be filled in
// inside a Relacy execution, where the global allocator belongs to Relacy.
#pragma once

#include <cstdint>
#include <string_view>

namespace spancheck {

enum class violation_kind : std::uint8_t {
    // spanSet invariants (docs/spanset-protocol.md §10)
    block_leak,          // I5: a block neither in the pool nor reachable
    use_after_free,      // a block used through a reference taken before it was freed
    premature_free,      // a block returned to the pool while a thread still uses it
    span_duplicated,     // I5: one pushed span popped twice
    span_lost,           // I5: a pushed span never popped
    pool_dirty,          // I4: a pooled block with a non-nil slot or a non-zero counter
    pool_corrupt,        // the pool handed out a block that is still in use
    nil_block,           // I6: spineLen covers an entry that holds no block
    reset_nonempty,      // reset: "attempt to clear non-empty span set"
    reset_used_block,    // reset (used): "found used block in empty span set"
    reset_unpopped,      // reset (popped): "span set block with unpopped elements found in reset"
    reset_full,          // reset (popped): "fully empty unfreed span set block found in reset"
    index_overflow,      // incTail: "headTailIndex overflow"
    // span publication invariants (docs/publication-protocol.md §9)
    uninitialized_read,  // a reader used a field the writer had not initialised yet
    foreign_field,       // a reader used a field of the struct's previous or next life
    object_out_of_span,  // an object index at or beyond nelems
    accepted_not_in_use, // a reader accepted a pointer into a span that is not in use
    nil_dereference,     // a reader used a nil span or bitmap (Go faults)
    bad_pointer,         // findObject: "found bad pointer in Go heap"
    free_object_marked,  // the GC marked a free slot ("marking free object")
    invalid_free,        // freeSpanLocked refused a span (Go throws "invalid free")
    live_span_freed,     // a span was freed while it held allocated objects
    // reported by the executor rather than by protocol code
    data_race,
    uninitialized_access,
    livelock,
    deadlock,
    hang,
    crash,
    checker_error,
};

// Stable names used in JSON reports and test assertions.
constexpr std::string_view kind_name(violation_kind k) {
    switch (k) {
    case violation_kind::block_leak: return "leak";
    case violation_kind::use_after_free: return "use-after-free";
    case violation_kind::premature_free: return "premature-free";
    case violation_kind::span_duplicated: return "span-duplicated";
    case violation_kind::span_lost: return "span-lost";
    case violation_kind::pool_dirty: return "pool-dirty";
    case violation_kind::pool_corrupt: return "pool-corrupt";
    case violation_kind::nil_block: return "nil-block";
    case violation_kind::reset_nonempty: return "reset-nonempty";
    case violation_kind::reset_used_block: return "reset-used-block";
    case violation_kind::reset_unpopped: return "reset-unpopped-block";
    case violation_kind::reset_full: return "reset-full-block";
    case violation_kind::index_overflow: return "index-overflow";
    case violation_kind::uninitialized_read: return "uninitialized-read";
    case violation_kind::foreign_field: return "foreign-field";
    case violation_kind::object_out_of_span: return "object-out-of-span";
    case violation_kind::accepted_not_in_use: return "accepted-not-in-use";
    case violation_kind::nil_dereference: return "nil-dereference";
    case violation_kind::bad_pointer: return "bad-pointer";
    case violation_kind::free_object_marked: return "free-object-marked";
    case violation_kind::invalid_free: return "invalid-free";
    case violation_kind::live_span_freed: return "live-span-freed";
    case violation_kind::data_race: return "data-race";
    case violation_kind::uninitialized_access: return "uninitialized-access";
    case violation_kind::livelock: return "livelock";
    case violation_kind::deadlock: return "deadlock";
    case violation_kind::hang: return "hang";
    case violation_kind::crash: return "crash";
    case violation_kind::checker_error: return "checker-error";
    }
    return "unknown";
}

// What is wrong with a pool_dirty block (violation::a).
inline constexpr std::int64_t pool_listing = 0;  // b = times on the free stack, against the block's state
inline constexpr std::int64_t pool_counter = 1;  // b = the counter's value
inline constexpr std::int64_t pool_slot = 2;     // b = the slot, span = the span still in it

// Thread numbers of the harness phases that run outside the scenario threads.
inline constexpr int setup_thread = -1;
inline constexpr int checks_thread = -2;

struct violation {
    violation_kind kind{};
    int thread = setup_thread;  // who detected it
    int other = setup_thread;   // second party, where there is one (e.g. the thread still using a block)
    std::int64_t block = -1;
    std::int64_t span = -1;
    std::int64_t a = 0, b = 0;  // kind-specific figures (counter values, slot numbers)
    char field[24] = {};        // kind-specific name (publication: the field read)
    // Where the two accesses of a race were, as the engine's count of step
    // records when each was made (0: not known). Engines turn them into the
    // steps of the counterexample that conflict.
    std::uint32_t step = 0, other_step = 0;
};

}  // namespace spancheck
