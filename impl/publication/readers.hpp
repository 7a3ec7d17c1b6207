// The lock-free readers of span metadata, a twin of Go's (runtime/mheap.go,
// mbitmap.go, mgcmark.go) in Go's names and step order: spanOf, spanOfHeap,
// findObject, and the conservative scan (objIndex, isFree, greyobject). Read
// it beside docs/publication-protocol.md §5 and §9.
//
// A reader holds a span as a span_view: the struct it found in spans[], and
// (ghost) the life in which it saw the state InUse. Every field it reads is
// judged against that life (span_field::read); lines marked "ghost" are
// verification, not Go.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "../world.hpp"
#include "layout.hpp"
#include "mspan.hpp"
#include "points.hpp"

namespace spancheck::publication {

template <class Span>
struct span_view {
    Span* s = nullptr;
    std::uint32_t validated = 0;  // ghost: the life it saw in use; 0 while it has not
    explicit operator bool() const { return s != nullptr; }
};

// What findObject found: the object's base address, its span and index; base 0 for none.
template <class Span>
struct object_ref {
    std::uintptr_t base = 0;
    span_view<Span> span;
    std::uintptr_t index = 0;
};

namespace detail {

template <class World>
void reject(std::uintptr_t p, reject_reason why) {
    World::step(point::reject, p, std::int64_t(why));
}

// What Go does next with a nil span is a fault; the model reports it.
template <class World>
[[noreturn]] void nilDereference(std::uintptr_t p) {
    violation v{violation_kind::nil_dereference, World::thread()};
    v.a = std::int64_t(p);
    fail<World>(v);
}

// Go's badPointer with debug.invalidptr set (the default): "found bad pointer in Go heap".
template <class World, class Span>
[[noreturn]] void badPointer(const span_view<Span>& v, std::uintptr_t p) {
    violation out{violation_kind::bad_pointer, World::thread()};
    out.span = v.s->ghost.id();
    out.a = std::int64_t(p);
    fail<World>(out);
}

template <class World, class Variant, class Span>
mSpanState loadState(span_view<Span>& v) {
    const mSpanState st = v.s->state.get(Variant::state_order);
    World::step(point::load_state, v.s->ghost.id(), st);
    if (st == mSpanInUse) v.validated = v.s->ghost.life();  // ghost
    return st;
}

template <class Variant, class Span>
bool inBounds(const span_view<Span>& v, std::uintptr_t p) {
    if constexpr (!Variant::reader_checks_bounds) return true;
    return p >= v.s->startAddr.read(v.validated) && p < v.s->limit.read(v.validated);
}

// The checks an untrusted pointer needs before the span's other fields can
// be believed: the state is InUse and p lies in [base, limit). In the
// variant's order, stopping at the first that fails. `st` is the state if it
// was loaded.
template <class World, class Variant, class Span>
std::optional<reject_reason> checkSpan(span_view<Span>& v, std::uintptr_t p, std::optional<mSpanState>& st) {
    if constexpr (Variant::reader_loads_state_first) {
        st = loadState<World, Variant>(v);
        if (*st != mSpanInUse) return reject_reason::not_in_use;
        if (!inBounds<Variant>(v, p)) return reject_reason::out_of_bounds;
    } else {
        if (!inBounds<Variant>(v, p)) return reject_reason::out_of_bounds;
        st = loadState<World, Variant>(v);
        if (*st != mSpanInUse) return reject_reason::not_in_use;
    }
    return std::nullopt;
}

}  // namespace detail

// The span of p's page, or nil: p outside the arena, or a page never used.
// The span may be stale: freed, or reused for other pages (§5.1).
template <class Heap>
typename Heap::span* spanOf(const Heap& h, std::uintptr_t p) {
    using World = typename Heap::World;
    if (p < arenaBase || p >= arenaBase + heapArenaBytes) {
        World::step(point::span_of, p, -1, -1);
        return nullptr;
    }
    const std::uintptr_t page = (p - arenaBase) / pageSize;
    typename Heap::span* s = h.arena().spans[page].load(field_id::spans);
    World::step(point::span_of, p, s ? s->ghost.id() : -1, std::int64_t(page));
    return s;
}

namespace detail {

// spanOf for a reader that goes on to use the span: a nil span means p is in
// no heap span, and the reader skips it. Without the nil check (M5), the
// reader's next load goes through nil.
template <class Heap>
span_view<typename Heap::span> spanOrSkip(const Heap& h, std::uintptr_t p) {
    using World = typename Heap::World;
    span_view<typename Heap::span> v{spanOf(h, p)};
    if (!v) {
        if constexpr (!Heap::Variant::reader_checks_nil) nilDereference<World>(p);
        reject<World>(p, reject_reason::nil_span);
    }
    return v;
}

}  // namespace detail

// The span of p if p points into an in-use heap span, else an empty view.
template <class Heap>
span_view<typename Heap::span> spanOfHeap(const Heap& h, std::uintptr_t p) {
    using World = typename Heap::World;
    using Variant = typename Heap::Variant;
    span_view<typename Heap::span> v = detail::spanOrSkip(h, p);
    if (!v) return {};
    std::optional<mSpanState> st;
    if (auto why = detail::checkSpan<World, Variant>(v, p, st)) {
        detail::reject<World>(p, *why);
        return {};
    }
    return v;
}

// Go's objIndex: the index of the object p points into. Go's divMul never
// faults; a zero elemsize (never seen by a reader that passed the ghost)
// gives index 0 as it would.
template <class World, class Span>
std::uintptr_t objIndex(const span_view<Span>& v, std::uintptr_t p) {
    const std::uintptr_t offset = p - v.s->startAddr.read(v.validated);
    const std::uintptr_t size = v.s->elemsize.read(v.validated);
    const std::uintptr_t index = size == 0 ? 0 : offset / size;
    v.s->ghost.template check_index<World>(index);  // ghost: Go does not bound it
    return index;
}

// The object at p, for a pointer the GC found (trusted, or with
// debug.invalidptr checks): a pointer into a stack is no heap object, any
// other pointer that fails the checks is a bad pointer.
template <class Heap>
object_ref<typename Heap::span> findObject(const Heap& h, std::uintptr_t p) {
    using World = typename Heap::World;
    using Variant = typename Heap::Variant;
    span_view<typename Heap::span> v = detail::spanOrSkip(h, p);
    if (!v) return {};
    std::optional<mSpanState> st;
    if (detail::checkSpan<World, Variant>(v, p, st)) {
        // Go 1.13 loads the state here when the bounds failed first.
        if (!st) st = v.s->state.get(Variant::state_order);
        if (*st == mSpanManual) {
            World::step(point::stack_pointer, p, v.s->ghost.id());
            return {};
        }
        detail::badPointer<World>(v, p);
    }
    const std::uintptr_t index = objIndex<World>(v, p);
    const std::uintptr_t base = v.s->startAddr.read(v.validated) + index * v.s->elemsize.read(v.validated);
    return {base, v, index};
}

// Go's mspan.isFree: slots below freeIndexForScan are allocated; above it,
// the allocation bitmap says.
template <class World, class Span>
bool isFree(const span_view<Span>& v, std::uintptr_t index) {
    if (index < v.s->freeIndexForScan.read(v.validated)) return false;
    const auto* bits = v.s->allocBits.read(v.validated);
    if (bits == nullptr) detail::nilDereference<World>(0);
    return (bits->bits.load(field_id::gcBits) >> index & 1) == 0;
}

// Go's greyobject, as far as span publication goes: the object is marked.
// The marking itself is not modelled; the GC's own checks on it are (ghost).
template <class World, class Span>
void greyobject(std::uintptr_t obj, const span_view<Span>& v, std::uintptr_t index) {
    v.s->ghost.template check_grey<World>(v.validated, index);  // ghost
    World::step(point::grey_object, v.s->ghost.id(), index, obj);
}

// scanConservative over a frame of words: every word that points into an
// allocated object of an in-use heap span greys that object (§5.5; words
// into the goroutine's own stack are not modelled).
template <class Heap>
void scanConservative(const Heap& h, const std::uintptr_t* words, std::size_t n) {
    using World = typename Heap::World;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uintptr_t val = words[i];
        const auto span = spanOfHeap(h, val);
        if (!span) continue;
        const std::uintptr_t idx = objIndex<World>(span, val);
        if constexpr (Heap::Variant::scan_checks_isFree) {
            if (isFree<World>(span, idx)) {
                detail::reject<World>(val, reject_reason::free_slot);
                continue;
            }
        }
        const std::uintptr_t obj = span.s->startAddr.read(span.validated) + idx * span.s->elemsize.read(span.validated);
        greyobject<World>(obj, span, idx);
    }
}

}  // namespace spancheck::publication
