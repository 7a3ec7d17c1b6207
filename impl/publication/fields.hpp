// The plain words of the publication model, by Go's names: the mspan fields
// of docs/publication-protocol.md §2, the bitmap bytes, the heapArena.spans
// entries and the GC phase. Steps and violations name them by this id.
#pragma once

#include <cstdint>

namespace spancheck::publication {

enum class field_id : std::uint8_t {
    startAddr,
    npages,
    limit,
    spanclass,
    elemsize,
    nelems,
    freeindex,
    freeIndexForScan,
    allocCount,
    allocBits,
    gcBits,   // a byte of the bitmap allocBits points to
    spans,    // heapArena.spans[i]
    gcphase,  // the GC phase (scenarios that model the mark-phase rule)
};

constexpr const char* field_name(field_id f) {
    switch (f) {
    case field_id::startAddr: return "startAddr";
    case field_id::npages: return "npages";
    case field_id::limit: return "limit";
    case field_id::spanclass: return "spanclass";
    case field_id::elemsize: return "elemsize";
    case field_id::nelems: return "nelems";
    case field_id::freeindex: return "freeindex";
    case field_id::freeIndexForScan: return "freeIndexForScan";
    case field_id::allocCount: return "allocCount";
    case field_id::allocBits: return "allocBits";
    case field_id::gcBits: return "gcBits";
    case field_id::spans: return "heapArena.spans";
    case field_id::gcphase: return "gcphase";
    }
    return "?";
}

}  // namespace spancheck::publication
