// Variant `go1.13` — span publication before 7de15e36 (§7): the state is a
// plain field (a relaxed atomic here, §12.3) stored InUse before the heap
// span's other fields; readers check the bounds first and the state last.
// A freed span's struct goes on describing its pages (the treap's free
// spans), so allocating those pages again reuses it without mspan.init.
//
// The model reports the scanner's read of elemsize as a data race; on real
// threads the ghost may instead catch it before the write (uninitialized-read).
//
// Not modelled: in Go 1.13 before a9b37ae0 nelems and allocBits were set even
// later, by the caller after the heap lock was released; the heap lock's
// unlock served as the publication barrier (hence publication_barrier stays on).
#pragma once

#include <atomic>
#include <string_view>

#include "../../violation.hpp"
#include "../knobs.hpp"

namespace spancheck::publication::variants {

struct go1_13 : knobs {
    static constexpr std::string_view name = "go1.13";
    static constexpr std::string_view upstream = "Go 1.13";
    static constexpr std::string_view summary =
        "historic race: plain state set InUse before the fields; readers check bounds first, state last";
    static constexpr violation_kind expected[] = {violation_kind::data_race, violation_kind::uninitialized_read};

    static constexpr std::memory_order state_order = std::memory_order_relaxed;
    static constexpr bool state_set_before_fields = true;
    static constexpr bool free_span_keeps_range = true;
    static constexpr bool reader_loads_state_first = false;
};

}  // namespace spancheck::publication::variants
