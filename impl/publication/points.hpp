// The named points of the publication protocol. Each is announced with
// World::step as the protocol passes it: the model world records them to
// tell a counterexample as a story. narrative.hpp gives each point its words.
#pragma once

#include <cstdint>

namespace spancheck::publication {

enum class point : std::uint16_t {
    // the writer: allocSpan, initSpan, its caller
    alloc_span,           // a=span b=base c=npages d=life | manual << 32
    keep_range,           // a=span b=base c=npages        go1.13: the free span already describes these pages
    set_field,            // a=span b=field c=value d=1: the life's value, 0: mspan.init's placeholder
    set_state,            // a=span b=state
    set_spans,            // a=span b=first page c=npages
    publication_barrier,  // a=span
    alloc_object,         // a=span b=object index c=address
    // the free side
    sweep,                // a=span                         the sweeper found no object marked
    free_span,            // a=span b=base c=npages
    clear_spans,          // a=first page b=npages
    // the readers
    span_of,              // a=address b=span (-1: nil) c=page
    load_state,           // a=span b=state
    read_field,           // a=span b=field c=value d=read_verdict
    reject,               // a=address b=reject_reason
    stack_pointer,        // a=address b=span              findObject: a pointer into a stack is no heap object
    grey_object,          // a=span b=object index c=address
    // the scenarios: pointers handed over, GC phases
    publish_pointer,      // a=address
    load_pointer,         // a=address (0: nothing published yet)
    gc_phase,             // a=1: the GC starts marking; a=0: the sweeper finds the GC off, b=1 if it found it marking
};

// Why a reader skipped an address (point::reject).
enum class reject_reason : std::uint8_t { nil_span, not_in_use, out_of_bounds, free_slot };

}  // namespace spancheck::publication
