// The publication protocol's steps in words: one line per step of a
// counterexample, in the order the steps happened.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "../step.hpp"
#include "fields.hpp"
#include "ghost.hpp"
#include "layout.hpp"
#include "points.hpp"
#include "state.hpp"

namespace spancheck::publication {

namespace detail {

inline std::string hex(std::int64_t x) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(x));
    return buf;
}
inline std::string span_name(std::int64_t id) { return "s" + std::to_string(id); }
inline std::string range(std::int64_t base, std::int64_t npages) {
    return "[" + hex(base) + ", " + hex(base + npages * std::int64_t(pageSize)) + ")";
}
inline std::string pages(std::int64_t first, std::int64_t n) {
    return n == 1 ? "spans[" + std::to_string(first) + "]"
                  : "spans[" + std::to_string(first) + ".." + std::to_string(first + n - 1) + "]";
}
inline std::string field_value(field_id f, std::int64_t v) {
    switch (f) {
    case field_id::startAddr:
    case field_id::limit:
    case field_id::elemsize: return hex(v);
    case field_id::allocBits: return v ? "a fresh bitmap" : "nil";
    default: return std::to_string(v);
    }
}
inline const char* reason(reject_reason r) {
    switch (r) {
    case reject_reason::nil_span: return "no span";
    case reject_reason::not_in_use: return "span not in use";
    case reject_reason::out_of_bounds: return "outside the span's [base, limit)";
    case reject_reason::free_slot: return "a free slot";
    }
    return "?";
}

}  // namespace detail

// What the thread did at this step, without the thread's name (the caller
// puts it in its own column).
inline std::string narrate(const step_record& r) {
    using namespace detail;
    const std::string s = span_name(r.a);
    switch (point(r.point)) {
    case point::alloc_span:
        return "allocSpan: " + s + " (life " + std::to_string(r.d & 0xffffffff) + ") for " + range(r.b, r.c) +
               ((r.d >> 32) ? ", a stack" : "");
    case point::keep_range:
        return "takes free span " + s + ", which already describes " + range(r.b, r.c) + ": no mspan.init";
    case point::set_field: {
        const std::string f = s + "." + field_name(field_id(r.b));
        return r.d ? "sets " + f + " = " + field_value(field_id(r.b), r.c)
                   : "mspan.init resets " + f + " to " + field_value(field_id(r.b), r.c);
    }
    case point::set_state: return "sets " + s + " state " + std::string(stateName(std::uint8_t(r.b)));
    case point::set_spans: return "setSpans: " + pages(r.b, r.c) + " = " + s;
    case point::publication_barrier: return "publicationBarrier (release fence)";
    case point::alloc_object: return "allocates object " + std::to_string(r.b) + " of " + s + " at " + hex(r.c);
    case point::sweep: return "sweeps " + s + ": no object marked, allocCount = 0";
    case point::free_span: return "freeSpan: " + s + " " + range(r.b, r.c) + " back to the page allocator";
    case point::clear_spans: return "clears " + pages(r.a, r.b);
    case point::span_of:
        if (r.c < 0) return "spanOf(" + hex(r.a) + "): outside the arena";
        return "spanOf(" + hex(r.a) + "): " + pages(r.c, 1) + " = " + (r.b < 0 ? "nil" : span_name(r.b));
    case point::load_state: return "loads " + s + " state: " + std::string(stateName(std::uint8_t(r.b)));
    case point::read_field: {
        const std::string f = s + "." + field_name(field_id(r.b));
        switch (read_verdict(r.d)) {
        case read_verdict::ok: return "reads " + f + " = " + field_value(field_id(r.b), r.c);
        case read_verdict::uninitialized: return "reads " + f + ": not yet initialized";
        case read_verdict::foreign:
            return "reads " + f + ": " + s + " was freed and reused since its state was checked";
        }
        return {};
    }
    case point::reject: return "skips " + hex(r.a) + ": " + reason(reject_reason(r.b));
    case point::stack_pointer: return "findObject(" + hex(r.a) + "): " + span_name(r.b) + " is a stack, no heap object";
    case point::grey_object: return "greys object " + std::to_string(r.b) + " of " + s + " at " + hex(r.c);
    case point::publish_pointer: return "publishes a pointer to " + hex(r.a);
    case point::load_pointer:
        return r.a ? "loads the published pointer " + hex(r.a) : "finds no pointer published yet";
    case point::gc_phase:
        if (r.a) return "starts the mark phase (gcphase = _GCmark)";
        return r.b ? "finds the GC marking: must not free" : "finds the GC off: may free spans";
    case point::count_: break;
    }
    return {};
}

}  // namespace spancheck::publication
