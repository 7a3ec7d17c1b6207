// The named points of the publication protocol. Each is announced with
// World::step as the protocol passes it: the model world records them to
// tell a counterexample as a story. narrative.hpp gives each point its words.
#pragma once

#include <cstdint>
#include <string_view>

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
    count_
};

// Names used on the command line (--perturb delay:POINT) and in stress reports.
constexpr std::string_view point_name(point p) {
    switch (p) {
    case point::alloc_span: return "alloc-span";
    case point::keep_range: return "keep-range";
    case point::set_field: return "set-field";
    case point::set_state: return "set-state";
    case point::set_spans: return "set-spans";
    case point::publication_barrier: return "publication-barrier";
    case point::alloc_object: return "alloc-object";
    case point::sweep: return "sweep";
    case point::free_span: return "free-span";
    case point::clear_spans: return "clear-spans";
    case point::span_of: return "span-of";
    case point::load_state: return "load-state";
    case point::read_field: return "read-field";
    case point::reject: return "reject";
    case point::stack_pointer: return "stack-pointer";
    case point::grey_object: return "grey-object";
    case point::publish_pointer: return "publish-pointer";
    case point::load_pointer: return "load-pointer";
    case point::gc_phase: return "gc-phase";
    case point::count_: break;
    }
    return "?";
}

// Why a reader skipped an address (point::reject).
enum class reject_reason : std::uint8_t { nil_span, not_in_use, out_of_bounds, free_slot };

}  // namespace spancheck::publication
