// The variation points of the publication protocol, with the values of Go's
// current protocol (7de15e36 and later). A variant derives from this (or from
// another variant) and overrides the few knobs it changes; the protocol code
// has an `if constexpr` at each line a knob moves, so every variant runs the
// same code. References are to docs/publication-protocol.md.
#pragma once

#include <atomic>
#include <string_view>

namespace spancheck::publication {

struct knobs {
    // --- the writer (§4) ---
    // Order of the state's atomic store and load. Go: atomic Load8/Store8,
    // sequentially consistent. Go 1.13's plain field is a relaxed atomic (§12.3).
    static constexpr std::memory_order state_order = std::memory_order_seq_cst;
    // initSpan stores state = InUse before the other heap-span fields (Go 1.13, M1).
    static constexpr bool state_set_before_fields = false;
    // initSpan sets limit before the state store. Go: no, the caller sets it
    // after publication, a plain write that readers race with (§10.1): limit
    // is then a racy word; set before publication it is race-checked data.
    static constexpr bool limit_set_in_initSpan = false;
    // publicationBarrier at the end of initSpan (c53b2bdb; M7 removes it).
    static constexpr bool publication_barrier = true;
    // Go 1.13: free pages are described by mspan structs, so an allocation of
    // exactly the pages a freed struct describes reuses it without mspan.init.
    static constexpr bool free_span_keeps_range = false;
    // heapArena.spans entries as Go's plain words, race-checked (M9), instead
    // of the relaxed atomics that make Go's benign race defined (§10.2).
    static constexpr bool plain_spans_entries = false;
    // freeSpanLocked clears the span's spans[] entries (M9).
    static constexpr bool clear_spans_on_free = false;
    // freeSpanLocked refuses a span that still has allocated objects (M8 skips it).
    static constexpr bool free_checks_allocCount = true;

    // --- the readers (§5) ---
    // Load the state before any other field (Go 1.13 and M3: bounds first).
    static constexpr bool reader_loads_state_first = true;
    static constexpr bool reader_checks_nil = true;     // M5
    static constexpr bool reader_checks_bounds = true;  // M4
    static constexpr bool scan_checks_isFree = true;    // M6
};

}  // namespace spancheck::publication
