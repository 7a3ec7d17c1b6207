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
// unlock served as the publication barrier (hence publicationBarrier stays).
#pragma once

#include <optional>
#include <string_view>

#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct go1_13 : v7de15e36 {
    static constexpr std::string_view name = "go1.13";
    static constexpr std::string_view upstream = "Go 1.13";
    static constexpr std::string_view summary =
        "historic race: plain state set InUse before the fields; readers check bounds first, state last";
    static constexpr violation_kind expected[] = {violation_kind::data_race, violation_kind::uninitialized_read};

    // The state is a plain field: relaxed at every access.
    static constexpr site_orders<site> orders = v7de15e36::orders.with(site::state_store, std::memory_order_relaxed)
                                                    .with(site::state_load, std::memory_order_relaxed)
                                                    .with(site::state_load_free, std::memory_order_relaxed);

    // §7: the free span's struct already describes the pages: no mspan.init.
    template <class H>
    static void mspan_init(H& h, typename H::span* s, std::uintptr_t base, std::uintptr_t npages) {
        if (s->describes(base, npages)) {
            H::World::step(point::keep_range, s->ghost.id(), base, npages);
        } else {
            v7de15e36::mspan_init(h, s, base, npages);
        }
    }

    // §7, alloc_m: state = InUse, a plain store, before the other fields.
    template <class H>
    static void initHeapSpan(H& h, typename H::span* s, spanClass spanclass, std::uintptr_t base,
                             std::uintptr_t npages) {
        s->setState(mSpanInUse);
        H::Variant::setHeapFields(h, s, spanclass, base, npages);
    }

    // §7, spanOfHeap and findObject: bounds first, plain state last.
    template <class H>
    static std::optional<reject_reason> checkSpan(const H& h, span_view<typename H::span>& v, std::uintptr_t p) {
        using V = typename H::Variant;
        if (!V::inBounds(h, v, p)) return reject_reason::out_of_bounds;
        if (V::loadState(h, v) != mSpanInUse) return reject_reason::not_in_use;
        return std::nullopt;
    }

    // The freed struct goes on describing its pages, so its range is valid
    // in the struct's next life without a write (ghost).
    template <class H>
    static void freeSpanLocked(H& h, typename H::span* s) {
        v7de15e36::freeSpanLocked(h, s);
        s->startAddr.carry_over();  // ghost
        s->npages.carry_over();     // ghost
    }
};

}  // namespace spancheck::publication::variants
