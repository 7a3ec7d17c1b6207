// The writer's side of span publication, a twin of Go's mheap (runtime/
// mheap.go) in Go's names and step order: allocSpan → initSpan (the fields,
// the state store, setSpans, publicationBarrier), the caller that sets limit
// after publication (mcentral.grow), and freeSpan → freeSpanLocked. Read it
// beside docs/publication-protocol.md §4 and §6.
//
// The heap is small and fake (layout.hpp): one arena whose spans[] entries
// map pages to mspan structs, a first-fit page allocator, fixalloc's list of
// free mspan structs (handed out again unzeroed: a recycled struct keeps its
// old fields), and a pool of allocation bitmaps. Lines marked "ghost" are
// verification, not Go.
#pragma once

#include <cstdint>
#include <mutex>

#include "../host_memory.hpp"
#include "../world.hpp"
#include "go_word.hpp"
#include "layout.hpp"
#include "mspan.hpp"
#include "points.hpp"

namespace spancheck::publication {

// heapArena.spans: the span of each page of the arena. Entries are written
// under the heap lock and read by lock-free readers; they are never cleared
// when a span is freed, so a reader may find a stale struct (§5.1).
template <class World, class Span, bool Plain>
struct heapArena {
    go_word<World, Span*, !Plain> spans[pagesPerArena];
};

template <class WorldT, class VariantT>
class mheap {
public:
    using World = WorldT;
    using Variant = VariantT;
    using span = mspan<World, Variant>;
    using arena_type = heapArena<World, span, Variant::plain_spans_entries>;
    static constexpr std::size_t maxSpans = 4;  // mspan structs the fake heap has

    mheap() {
        for (std::size_t i = 0; i < maxSpans; ++i) structs_.push_back(make_host<span>(std::int64_t(i)));
        for (std::size_t i = 0; i < 2 * maxSpans; ++i) bitmaps_.push_back(make_host<gcBits<World>>());
    }

    // Gets pages and an mspan struct under the heap lock, then initializes
    // and publishes the span without it (Go since a762221b).
    span* allocSpan(std::uintptr_t npages, spanAllocType typ, spanClass spanclass) {
        std::uintptr_t base;
        span* s;
        {
            locked<typename World::mutex> hold(lock);
            base = allocPagesLocked(npages);
            s = allocMSpanLocked();
        }
        World::step(point::alloc_span, s->ghost.id(), base, npages,
                    std::int64_t(s->ghost.life()) | std::int64_t(typ == spanAllocType::spanAllocStack) << 32);
        initSpan(s, typ, spanclass, base, npages);
        return s;
    }

    // A stack (Go's allocManual).
    span* allocManual(std::uintptr_t npages) { return allocSpan(npages, spanAllocType::spanAllocStack, 0); }

    // What mcentral.grow does with a new heap span: allocSpan, then the
    // span's limit. That write comes after publication (§4.3, §10.1).
    span* mcentralGrow(std::uintptr_t npages, spanClass spanclass) {
        span* s = allocSpan(npages, spanAllocType::spanAllocHeap, spanclass);
        if constexpr (!Variant::limit_set_in_initSpan) {
            s->limit.set(s->startAddr.get() + s->elemsize.get() * s->nelems.get());
        }
        return s;
    }

    // The span's owner allocates its next free slot (nextFreeFast) and
    // returns the object's address. mallocgc's own publication barrier
    // (§4.4) is not modelled: scenarios allocate objects before readers run.
    std::uintptr_t allocObject(span* s) {
        const std::uintptr_t index = s->freeindex.get();
        s->freeindex.set(index + 1);
        s->allocCount.set(s->allocCount.get() + 1);
        s->freeIndexForScan.set(index + 1);
        s->ghost.on_object_allocated(index);  // ghost
        const std::uintptr_t p = s->startAddr.get() + index * s->elemsize.get();
        World::step(point::alloc_object, s->ghost.id(), index, p);
        return p;
    }

    void freeSpan(span* s) {
        locked<typename World::mutex> hold(lock);
        freeSpanLocked(s);
    }

    const arena_type& arena() const { return arena_; }

private:
    void initSpan(span* s, spanAllocType typ, spanClass spanclass, std::uintptr_t base, std::uintptr_t npages) {
        bool keepsRange = false;
        if constexpr (Variant::free_span_keeps_range) keepsRange = s->describes(base, npages);
        if (keepsRange) {
            World::step(point::keep_range, s->ghost.id(), base, npages);
        } else {
            s->init(base, npages);
        }
        if (typ == spanAllocType::spanAllocStack) {
            s->nelems.set(0);
            s->limit.set(base + npages * pageSize);
            s->setState(mSpanManual);
        } else {
            if constexpr (Variant::state_set_before_fields) s->setState(mSpanInUse);
            s->spanclass.set(spanclass);
            const std::uintptr_t nbytes = npages * pageSize;
            const std::uint8_t sizeclass = sizeclassOf(spanclass);
            const std::uintptr_t size = sizeclass == 0 ? nbytes : class_to_size[sizeclass];
            const std::uintptr_t n = nbytes / size;
            s->elemsize.set(size);
            s->nelems.set(n);
            s->ghost.on_geometry(n);  // ghost
            s->freeindex.set(0);
            s->freeIndexForScan.set(0);
            s->allocBits.set(newAllocBits(n));
            if constexpr (Variant::limit_set_in_initSpan) s->limit.set(base + size * n);
            // The publication point: every field above is valid before this store.
            if constexpr (!Variant::state_set_before_fields) s->setState(mSpanInUse);
        }
        setSpans(base, npages, s);
        if constexpr (Variant::publication_barrier) {
            // No pointer into the span may reach the GC before the span does.
            World::fence(release);
            World::step(point::publication_barrier, s->ghost.id());
        }
    }

    void setSpans(std::uintptr_t base, std::uintptr_t npages, span* s) {
        const std::uintptr_t first = (base - arenaBase) / pageSize;
        for (std::uintptr_t i = 0; i < npages; ++i) arena_.spans[first + i].store(s, field_id::spans);
        if (s != nullptr) {
            World::step(point::set_spans, s->ghost.id(), first, npages);
        } else {
            World::step(point::clear_spans, first, npages);
        }
    }

    void freeSpanLocked(span* s) {
        switch (s->state.get(Variant::state_order)) {
        case mSpanManual:
            if (s->allocCount.get() != 0) invalidFree(s, mSpanManual);
            break;
        case mSpanInUse:
            if constexpr (Variant::free_checks_allocCount) {
                if (s->allocCount.get() != 0) invalidFree(s, mSpanInUse);
            }
            break;
        default: invalidFree(s, mSpanDead);
        }
        const std::uintptr_t base = s->startAddr.get(), npages = s->npages.get();
        World::step(point::free_span, s->ghost.id(), base, npages);
        freePagesLocked(base, npages);
        s->setState(mSpanDead);
        s->ghost.template on_freed<World>();  // ghost
        if constexpr (Variant::free_span_keeps_range) {
            s->startAddr.carry_over();  // ghost
            s->npages.carry_over();     // ghost
        }
        if constexpr (Variant::clear_spans_on_free) setSpans(base, npages, nullptr);
        freeMSpanLocked(s);
    }

    // Go's throw("mheap.freeSpanLocked - invalid free") and its kin.
    [[noreturn]] void invalidFree(const span* s, mSpanState st) {
        violation v{violation_kind::invalid_free, World::thread()};
        v.span = s->ghost.id();
        v.a = st;
        v.b = std::int64_t(s->allocCount.get());
        fail<World>(v);
    }

    // The page allocator and fixalloc: host bookkeeping under the heap lock.
    std::uintptr_t allocPagesLocked(std::uintptr_t npages) {
        for (std::uintptr_t first = 0; first + npages <= pagesPerArena; ++first) {
            bool free = true;
            for (std::uintptr_t i = first; i < first + npages; ++i) free = free && !pageInUse_[i];
            if (!free) continue;
            for (std::uintptr_t i = first; i < first + npages; ++i) pageInUse_[i] = true;
            return pageAddr(first);
        }
        fail<World>(violation{violation_kind::checker_error, World::thread()});  // the fake heap is full
    }
    void freePagesLocked(std::uintptr_t base, std::uintptr_t npages) {
        const std::uintptr_t first = (base - arenaBase) / pageSize;
        for (std::uintptr_t i = first; i < first + npages; ++i) pageInUse_[i] = false;
    }
    // fixalloc with zero = false: the last struct freed comes back first, unzeroed.
    span* allocMSpanLocked() {
        if (!freeStructs_.empty()) {
            span* s = freeStructs_.back();
            freeStructs_.pop_back();
            return s;
        }
        if (usedStructs_ == maxSpans) fail<World>(violation{violation_kind::checker_error, World::thread()});
        return structs_[usedStructs_++].get();
    }
    void freeMSpanLocked(span* s) { freeStructs_.push_back(s); }
    // Fresh, zeroed bitmaps (Go's gcBits arenas hand out zeroed memory). A
    // host mutex stands for gcBitsArenas.lock: bookkeeping, not the protocol.
    gcBits<World>* newAllocBits(std::uintptr_t nelems) {
        std::lock_guard<std::mutex> hold(bitmapsLock_);
        if (nelems > gcBits<World>::maxObjects || usedBitmaps_ == bitmaps_.size()) {
            fail<World>(violation{violation_kind::checker_error, World::thread()});
        }
        return bitmaps_[usedBitmaps_++].get();
    }

    typename World::mutex lock;  // mheap_.lock
    arena_type arena_;
    bool pageInUse_[pagesPerArena] = {};
    host_vector<host_ptr<span>> structs_;
    host_vector<span*> freeStructs_;
    std::size_t usedStructs_ = 0;
    std::mutex bitmapsLock_;
    host_vector<host_ptr<gcBits<World>>> bitmaps_;
    std::size_t usedBitmaps_ = 0;
};

}  // namespace spancheck::publication
