// Span publication's steps: a twin of Go's mheap.go, mbitmap.go and mgcmark.go
// as far as publication goes, in Go's names and step order. Read it beside
// docs/publication-protocol.md §4–§6 (the writer and the free side) and §5,
// §9 (the readers).
//
// Every Go function of the model is a static function template of
// `protocol`, taking the heap (or the span it is a method of) first; a
// variant derives from the variant it changes and redefines any of them by
// name, and the protocol calls each through the variant (`V::initSpan(h,
// …)`). The heap and the span keep Go's field names (mheap.hpp, mspan.hpp);
// the readers' free functions (readers.hpp) are Go's call syntax.
//
//   writer  allocSpan → initSpan (mspan_init, initManualSpan | initHeapSpan
//           (setHeapFields, then the state), setSpans, publicationBarrier);
//           mcentralGrow (allocSpan, then limit); allocManual; allocObject
//   free    freeSpan → freeSpanLocked (freeSpanCheck)
//   readers spanOf; spanOfHeap (checkSpan: loadState, inBounds); findObject;
//           objIndex; isFree; greyobject; scanConservative (scanConservativeWord)
//
// The state's accesses and the barrier take their orders from named sites
// (sites.hpp). The span's fields judge every read against the life the
// reader validated and tell the story themselves (span_field.hpp, ghost.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "../sites.hpp"
#include "../world.hpp"
#include "go_word.hpp"
#include "layout.hpp"
#include "mspan.hpp"
#include "points.hpp"
#include "sites.hpp"
#include "state.hpp"

namespace spancheck::publication {

// A reader holds a span as a span_view: the struct it found in spans[] for
// an address, the state it loaded (if it has), and (ghost) the life in which
// it saw the span in use. Go faults on a nil span; dereferencing the view of
// none is the violation nil_dereference.
template <class Span>
struct span_view {
    span_view() = default;
    span_view(Span* span, std::uintptr_t address) : s(span), p(address) {}

    Span* s = nullptr;
    std::uintptr_t p = 0;             // the address it was looked up for
    std::optional<mSpanState> state;  // as this reader loaded it
    std::uint32_t validated = 0;      // ghost: the life it saw in use; 0 while it has not
    explicit operator bool() const { return s != nullptr; }
    Span* operator->() const {
        if (s == nullptr) {
            using World = typename Span::world;
            violation v{violation_kind::nil_dereference, World::thread()};
            v.a = std::int64_t(p);
            fail<World>(v);
        }
        return s;
    }
};

// What findObject found: the object's base address, its span and index; base 0 for none.
template <class Span>
struct object_ref {
    std::uintptr_t base = 0;
    span_view<Span> span;
    std::uintptr_t index = 0;
};

struct protocol {
    // Go's orders.
    static constexpr site_orders<site> orders{};
    // The caller sets limit after publication (§4.3), a plain write readers
    // race with: limit is a racy word (§10.1). A variant that sets it in
    // initSpan, before the state store, makes it race-checked data.
    static constexpr bool limit_set_in_initSpan = false;
    // heapArena.spans[]: Go's plain, raced-on words, relaxed atomics here (§10.2).
    template <class World, class Variant, class Span>
    using spansWord = go_word<World, Variant, Span*, true>;

    template <class T>
    static std::memory_order mo(site s) {
        return order_of<typename T::Variant>(s);
    }

    // ---- the writer (§4) ------------------------------------------------------

    // Gets pages and an mspan struct under the heap lock, then initializes
    // and publishes the span without it (Go since a762221b).
    template <class H>
    static typename H::span* allocSpan(H& h, std::uintptr_t npages, spanAllocType typ, spanClass spanclass) {
        using V = typename H::Variant;
        using World = typename H::World;
        std::uintptr_t base;
        typename H::span* s;
        {
            locked<typename World::mutex> hold(h.lock);
            base = h.allocPagesLocked(npages);
            s = h.allocMSpanLocked();
        }
        World::step(point::alloc_span, s->ghost.id(), base, npages,
                    std::int64_t(s->ghost.life()) | std::int64_t(typ == spanAllocType::spanAllocStack) << 32);
        V::initSpan(h, s, typ, spanclass, base, npages);
        return s;
    }

    // A stack (Go's allocManual).
    template <class H>
    static typename H::span* allocManual(H& h, std::uintptr_t npages) {
        return h.allocSpan(npages, spanAllocType::spanAllocStack, 0);
    }

    // What mcentral.grow does with a new heap span: allocSpan, then the
    // span's limit. That write comes after publication (§4.3, §10.1).
    template <class H>
    static typename H::span* mcentralGrow(H& h, std::uintptr_t npages, spanClass spanclass) {
        typename H::span* s = h.allocSpan(npages, spanAllocType::spanAllocHeap, spanclass);
        s->limit.set(s->startAddr.get() + s->elemsize.get() * s->nelems.get());
        return s;
    }

    // §4.2.
    template <class H>
    static void initSpan(H& h, typename H::span* s, spanAllocType typ, spanClass spanclass, std::uintptr_t base,
                         std::uintptr_t npages) {
        using V = typename H::Variant;
        V::mspan_init(h, s, base, npages);
        if (typ == spanAllocType::spanAllocStack) {
            V::initManualSpan(h, s, base, npages);
        } else {
            V::initHeapSpan(h, s, spanclass, base, npages);
        }
        V::setSpans(h, base, npages, s);
        V::publicationBarrier(h, s);
    }

    // Go's mspan.init (§4.2 step 1): the fields a new life must not inherit.
    // It leaves limit and nelems alone; the state is stored last, Dead.
    template <class H>
    static void mspan_init(H&, typename H::span* s, std::uintptr_t base, std::uintptr_t npages) {
        s->startAddr.set(base);
        s->npages.set(npages);
        s->allocCount.set(0);
        s->spanclass.reset(0);
        s->elemsize.reset(0);
        s->freeindex.reset(0);
        s->freeIndexForScan.reset(0);
        s->allocBits.reset(nullptr);
        s->setState(mSpanDead);
    }

    // §4.2 step 3.
    template <class H>
    static void initManualSpan(H&, typename H::span* s, std::uintptr_t base, std::uintptr_t npages) {
        s->nelems.set(0);
        s->limit.set(base + npages * pageSize);
        s->setState(mSpanManual);
    }

    // §4.2 step 4: the publication point. Every field is valid before the
    // state store that says InUse.
    template <class H>
    static void initHeapSpan(H& h, typename H::span* s, spanClass spanclass, std::uintptr_t base,
                             std::uintptr_t npages) {
        using V = typename H::Variant;
        V::setHeapFields(h, s, spanclass, base, npages);
        s->setState(mSpanInUse);
    }

    // §4.2 step 4.1–4.4: class, geometry, allocation state.
    template <class H>
    static void setHeapFields(H& h, typename H::span* s, spanClass spanclass, std::uintptr_t, std::uintptr_t npages) {
        s->spanclass.set(spanclass);
        const std::uintptr_t nbytes = npages * pageSize;
        const std::uint8_t sizeclass = sizeclassOf(spanclass);
        const std::uintptr_t size = sizeclass == 0 ? nbytes : class_to_size[sizeclass];
        const std::uintptr_t n = nbytes / size;
        s->elemsize.set(size);
        s->nelems.set(n);
        s->freeindex.set(0);
        s->freeIndexForScan.set(0);
        s->allocBits.set(h.newAllocBits(n));
    }

    // §4.2 step 5: every page of the span maps to it.
    template <class H>
    static void setSpans(H& h, std::uintptr_t base, std::uintptr_t npages, typename H::span* s) {
        using World = typename H::World;
        const std::uintptr_t first = (base - arenaBase) / pageSize;
        for (std::uintptr_t i = 0; i < npages; ++i) h.arena.spans[first + i].store(s, field_id::spans);
        if (s != nullptr) {
            World::step(point::set_spans, s->ghost.id(), first, npages);
        } else {
            World::step(point::clear_spans, first, npages);
        }
    }

    // §4.2 step 7: no pointer into the span may reach the GC before the span does.
    template <class H>
    static void publicationBarrier(H&, typename H::span* s) {
        using World = typename H::World;
        World::fence(mo<H>(site::publicationBarrier));
        World::step(point::publication_barrier, s->ghost.id());
    }

    // The span's owner allocates its next free slot (nextFreeFast) and
    // returns the object's address. mallocgc's own publication barrier
    // (§4.4) is not modelled: scenarios allocate objects before readers run.
    template <class H>
    static std::uintptr_t allocObject(H&, typename H::span* s) {
        using World = typename H::World;
        const std::uintptr_t index = s->freeindex.get();
        s->freeindex.set(index + 1);
        s->allocCount.set(s->allocCount.get() + 1);
        s->freeIndexForScan.set(index + 1);
        s->ghost.on_object_allocated(index);  // ghost
        const std::uintptr_t p = s->startAddr.get() + index * s->elemsize.get();
        World::step(point::alloc_object, s->ghost.id(), index, p);
        return p;
    }

    // ---- the free side (§6) -----------------------------------------------------

    template <class H>
    static void freeSpan(H& h, typename H::span* s) {
        using V = typename H::Variant;
        locked<typename H::World::mutex> hold(h.lock);
        V::freeSpanLocked(h, s);
    }

    // Go's freeSpanLocked: the check, the pages back to the page allocator,
    // the state Dead, the struct back to fixalloc. spans[] is not cleared.
    template <class H>
    static void freeSpanLocked(H& h, typename H::span* s) {
        using V = typename H::Variant;
        using World = typename H::World;
        V::freeSpanCheck(h, s);
        const std::uintptr_t base = s->startAddr.get(), npages = s->npages.get();
        World::step(point::free_span, s->ghost.id(), base, npages);
        h.freePagesLocked(base, npages);
        s->setState(mSpanDead);
        h.freeMSpanLocked(s);
    }

    // §6 step 1: the state switch and its throws ("invalid free").
    template <class H>
    static void freeSpanCheck(H&, typename H::span* s) {
        switch (s->state.get(mo<H>(site::state_load_free))) {
        case mSpanManual:
            if (s->allocCount.get() != 0) invalidFree<H>(s, mSpanManual);
            break;
        case mSpanInUse:
            if (s->allocCount.get() != 0) invalidFree<H>(s, mSpanInUse);
            break;
        default: invalidFree<H>(s, mSpanDead);
        }
    }

    // ---- the readers (§5) -------------------------------------------------------

    // The span of p's page, or nil: p outside the arena, or a page never used.
    // The span may be stale: freed, or reused for other pages (§5.1).
    template <class H>
    static typename H::span* spanOf(const H& h, std::uintptr_t p) {
        using World = typename H::World;
        if (p < arenaBase || p >= arenaBase + heapArenaBytes) {
            World::step(point::span_of, p, -1, -1);
            return nullptr;
        }
        const std::uintptr_t page = (p - arenaBase) / pageSize;
        typename H::span* s = h.arena.spans[page].load(field_id::spans);
        World::step(point::span_of, p, s ? s->ghost.id() : -1, std::int64_t(page));
        return s;
    }

    // The span of p if p points into an in-use heap span, else an empty view.
    template <class H>
    static span_view<typename H::span> spanOfHeap(const H& h, std::uintptr_t p) {
        using V = typename H::Variant;
        span_view<typename H::span> v{V::spanOf(h, p), p};
        if (!v) {
            reject<H>(p, reject_reason::nil_span);
            return {};
        }
        if (const auto why = V::checkSpan(h, v, p)) {
            reject<H>(p, *why);
            return {};
        }
        return v;
    }

    // The checks an untrusted pointer needs before the span's other fields
    // can be believed: the state, loaded first, is InUse; then p lies in
    // [base, limit). Stops at the first that fails.
    template <class H>
    static std::optional<reject_reason> checkSpan(const H& h, span_view<typename H::span>& v, std::uintptr_t p) {
        using V = typename H::Variant;
        if (V::loadState(h, v) != mSpanInUse) return reject_reason::not_in_use;
        if (!V::inBounds(h, v, p)) return reject_reason::out_of_bounds;
        return std::nullopt;
    }

    // The reader's s.state.get(): an atomic load, before any other field.
    template <class H>
    static mSpanState loadState(const H&, span_view<typename H::span>& v) {
        using World = typename H::World;
        const mSpanState st = v->state.get(mo<H>(site::state_load));
        World::step(point::load_state, v->ghost.id(), st);
        v.state = st;
        if (st == mSpanInUse) v.validated = v->ghost.life();  // ghost
        return st;
    }

    template <class H>
    static bool inBounds(const H&, const span_view<typename H::span>& v, std::uintptr_t p) {
        return p >= v->startAddr.read(v.validated) && p < v->limit.read(v.validated);
    }

    // The object at p, for a pointer the GC found (trusted, or with
    // debug.invalidptr checks): a pointer into a stack is no heap object, any
    // other pointer that fails the checks is a bad pointer.
    template <class H>
    static object_ref<typename H::span> findObject(const H& h, std::uintptr_t p) {
        using V = typename H::Variant;
        using World = typename H::World;
        span_view<typename H::span> v{V::spanOf(h, p), p};
        if (!v) {
            reject<H>(p, reject_reason::nil_span);
            return {};
        }
        if (V::checkSpan(h, v, p)) {
            // A variant that checks the bounds first has not loaded the state yet.
            const mSpanState st = v.state ? *v.state : V::loadState(h, v);
            if (st == mSpanManual) {
                World::step(point::stack_pointer, p, v->ghost.id());
                return {};
            }
            badPointer<H>(v, p);
        }
        const std::uintptr_t index = V::objIndex(v, p);
        const std::uintptr_t base = v->startAddr.read(v.validated) + index * v->elemsize.read(v.validated);
        return {base, v, index};
    }

    // Go's objIndex: the index of the object p points into. Go's divMul never
    // faults; a zero elemsize (never seen by a reader that passed the ghost)
    // gives index 0 as it would.
    template <class Span>
    static std::uintptr_t objIndex(const span_view<Span>& v, std::uintptr_t p) {
        using World = typename Span::world;
        const std::uintptr_t offset = p - v->startAddr.read(v.validated);
        const std::uintptr_t size = v->elemsize.read(v.validated);
        const std::uintptr_t index = size == 0 ? 0 : offset / size;
        v->ghost.template check_index<World>(index);  // ghost: Go does not bound it
        return index;
    }

    // Go's mspan.isFree: slots below freeIndexForScan are allocated; above
    // it, the allocation bitmap says.
    template <class Span>
    static bool isFree(const span_view<Span>& v, std::uintptr_t index) {
        if (index < v->freeIndexForScan.read(v.validated)) return false;
        const auto* bits = v->allocBits.read(v.validated);
        if (bits == nullptr) {
            using World = typename Span::world;
            violation out{violation_kind::nil_dereference, World::thread()};
            fail<World>(out);
        }
        return (bits->bits.load(field_id::gcBits) >> index & 1) == 0;
    }

    // Go's greyobject, as far as span publication goes: the object is marked.
    // The marking itself is not modelled; the GC's own checks on it are (ghost).
    template <class Span>
    static void greyobject(std::uintptr_t obj, const span_view<Span>& v, std::uintptr_t index) {
        using World = typename Span::world;
        v->ghost.template check_grey<World>(v.validated, index);  // ghost
        World::step(point::grey_object, v->ghost.id(), index, obj);
    }

    // scanConservative over a frame of words (§5.5; words into the
    // goroutine's own stack are not modelled).
    template <class H>
    static void scanConservative(const H& h, const std::uintptr_t* words, std::size_t n) {
        using V = typename H::Variant;
        for (std::size_t i = 0; i < n; ++i) V::scanConservativeWord(h, words[i]);
    }

    // One word of the scan: if it points into an allocated object of an
    // in-use heap span, that object is greyed.
    template <class H>
    static void scanConservativeWord(const H& h, std::uintptr_t val) {
        using V = typename H::Variant;
        const auto span = V::spanOfHeap(h, val);
        if (!span) return;
        const std::uintptr_t idx = V::objIndex(span, val);
        if (V::isFree(span, idx)) {
            reject<H>(val, reject_reason::free_slot);
            return;
        }
        const std::uintptr_t obj = span->startAddr.read(span.validated) + idx * span->elemsize.read(span.validated);
        V::greyobject(obj, span, idx);
    }

protected:
    template <class H>
    static void reject(std::uintptr_t p, reject_reason why) {
        H::World::step(point::reject, p, std::int64_t(why));
    }

    // Go's badPointer with debug.invalidptr set (the default): "found bad pointer in Go heap".
    template <class H>
    [[noreturn]] static void badPointer(const span_view<typename H::span>& v, std::uintptr_t p) {
        using World = typename H::World;
        violation out{violation_kind::bad_pointer, World::thread()};
        out.span = v->ghost.id();
        out.a = std::int64_t(p);
        fail<World>(out);
    }

    // Go's throw("mheap.freeSpanLocked - invalid free") and its kin.
    template <class H>
    [[noreturn]] static void invalidFree(const typename H::span* s, mSpanState st) {
        using World = typename H::World;
        violation v{violation_kind::invalid_free, World::thread()};
        v.span = s->ghost.id();
        v.a = st;
        v.b = std::int64_t(s->allocCount.get());
        fail<World>(v);
    }
};

}  // namespace spancheck::publication
