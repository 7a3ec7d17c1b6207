// The mspan fields that span publication is about (docs/publication-protocol.md
// §2), Go's names, and mspan.init. Every field but the state is a plain word
// (span_field.hpp); `limit` is a racy word unless the variant sets it before
// publication (§10.1).
#pragma once

#include <cstdint>

#include "../world.hpp"
#include "ghost.hpp"
#include "go_word.hpp"
#include "layout.hpp"
#include "points.hpp"
#include "span_field.hpp"
#include "state.hpp"

namespace spancheck::publication {

// A span's allocation bitmap (Go's gcBits), one byte: spans of up to 8 objects.
template <class World>
struct gcBits {
    static constexpr std::uintptr_t maxObjects = 8;
    go_word<World, std::uint8_t, false> bits;
};

template <class World, class Variant>
struct mspan {
    explicit mspan(std::int64_t id) : ghost(id) {}
    mspan(const mspan&) = delete;
    mspan& operator=(const mspan&) = delete;

    // Go's mspan.init: the fields a new life must not inherit. It leaves
    // limit and nelems alone; the state is stored last, Dead.
    void init(std::uintptr_t base, std::uintptr_t pages) {
        startAddr.set(base);
        npages.set(pages);
        allocCount.set(0);
        spanclass.reset(0);
        elemsize.reset(0);
        freeindex.reset(0);
        freeIndexForScan.reset(0);
        allocBits.reset(nullptr);
        setState(mSpanDead);
    }

    // The writer's s.state.set(st), in the variant's memory order.
    void setState(mSpanState st) {
        state.set(st, Variant::state_order);
        ghost.on_state(st);  // ghost
        World::step(point::set_state, ghost.id(), st);
    }

    // Owner's view, under the heap lock: does this struct describe these pages?
    bool describes(std::uintptr_t base, std::uintptr_t pages) const {
        return startAddr.get() == base && npages.get() == pages;
    }

    span_ghost ghost;  // verification only, see ghost.hpp; first: the fields refer to it
    mSpanStateBox<World> state;
    span_field<World, std::uintptr_t> startAddr{field_id::startAddr, ghost};
    span_field<World, std::uintptr_t> npages{field_id::npages, ghost};
    span_field<World, std::uintptr_t, !Variant::limit_set_in_initSpan> limit{field_id::limit, ghost};
    span_field<World, spanClass> spanclass{field_id::spanclass, ghost};
    span_field<World, std::uintptr_t> elemsize{field_id::elemsize, ghost};
    span_field<World, std::uintptr_t> nelems{field_id::nelems, ghost};
    span_field<World, std::uintptr_t> freeindex{field_id::freeindex, ghost};
    span_field<World, std::uintptr_t> freeIndexForScan{field_id::freeIndexForScan, ghost};
    span_field<World, std::uintptr_t> allocCount{field_id::allocCount, ghost};
    span_field<World, gcBits<World>*> allocBits{field_id::allocBits, ghost};
};

}  // namespace spancheck::publication
