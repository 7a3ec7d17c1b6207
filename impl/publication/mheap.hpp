// The heap that span publication runs on, a twin of the parts of Go's mheap
// (runtime/mheap.go) the protocol touches: the heap lock, the arena's spans[]
// entries, a first-fit page allocator, fixalloc's list of free mspan structs
// (handed out again unzeroed: a recycled struct keeps its old fields), and a
// pool of allocation bitmaps. This file holds the heap's data; the protocol's
// steps (allocSpan → initSpan, the caller that sets limit, freeSpan →
// freeSpanLocked, the readers) are in protocol.hpp, where a variant can
// redefine any of them, and the methods below are Go's call syntax for them.
//
// The heap is small and fake (layout.hpp). Lines marked "ghost" are
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
// when a span is freed, so a reader may find a stale struct (§5.1). Go's
// words are plain and raced on; here they are the variant's spansWord (a
// relaxed atomic, §10.2).
template <class World, class Variant, class Span>
struct heapArena {
    typename Variant::template spansWord<World, Variant, Span> spans[pagesPerArena];
};

template <class WorldT, class VariantT>
class mheap {
public:
    using World = WorldT;
    using Variant = VariantT;
    using span = mspan<World, Variant>;
    using arena_type = heapArena<World, Variant, span>;
    static constexpr std::size_t maxSpans = 4;  // mspan structs the fake heap has

    mheap() {
        for (std::size_t i = 0; i < maxSpans; ++i) structs_.push_back(make_host<span>(std::int64_t(i)));
        for (std::size_t i = 0; i < 2 * maxSpans; ++i) bitmaps_.push_back(make_host<gcBits<World>>());
    }
    mheap(const mheap&) = delete;
    mheap& operator=(const mheap&) = delete;

    // Go's methods; their definitions are the variant's (protocol.hpp).
    span* allocSpan(std::uintptr_t npages, spanAllocType typ, spanClass spanclass) {
        return Variant::allocSpan(*this, npages, typ, spanclass);
    }
    span* allocManual(std::uintptr_t npages) { return Variant::allocManual(*this, npages); }
    span* mcentralGrow(std::uintptr_t npages, spanClass spanclass) {
        return Variant::mcentralGrow(*this, npages, spanclass);
    }
    std::uintptr_t allocObject(span* s) { return Variant::allocObject(*this, s); }
    void freeSpan(span* s) { Variant::freeSpan(*this, s); }

    // The page allocator and fixalloc: host bookkeeping under the heap lock,
    // not steps of the protocol.
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
    arena_type arena;            // the one heapArena

private:
    bool pageInUse_[pagesPerArena] = {};
    host_vector<host_ptr<span>> structs_;
    host_vector<span*> freeStructs_;
    std::size_t usedStructs_ = 0;
    std::mutex bitmapsLock_;
    host_vector<host_ptr<gcBits<World>>> bitmaps_;
    std::size_t usedBitmaps_ = 0;
};

}  // namespace spancheck::publication
