// The mspan fields that span publication is about (docs/publication-protocol.md
// §2), by Go's names. Every field but the state is a plain word
// (span_field.hpp); `limit` is a racy word unless the variant sets it before
// publication (§10.1). mspan.init and the rest of the protocol's steps are in
// protocol.hpp.
#pragma once

#include <cstdint>

#include "../sites.hpp"
#include "../world.hpp"
#include "ghost.hpp"
#include "go_word.hpp"
#include "layout.hpp"
#include "points.hpp"
#include "sites.hpp"
#include "span_field.hpp"
#include "state.hpp"

namespace spancheck::publication {

// A span's allocation bitmap (Go's gcBits), one byte: spans of up to 8 objects.
template <class World>
struct gcBits {
    static constexpr std::uintptr_t maxObjects = 8;
    go_word<World, void, std::uint8_t, false> bits;
};

template <class World, class VariantT>
struct mspan {
    using world = World;
    using Variant = VariantT;

    explicit mspan(std::int64_t id) : ghost(id) {}
    mspan(const mspan&) = delete;
    mspan& operator=(const mspan&) = delete;

    // The writer's s.state.set(st), at the variant's order. Dead after InUse
    // or Manual ends the struct's life (freeSpanLocked; mspan.init finds it
    // Dead already).
    void setState(mSpanState st) {
        state.set(st, order_of<Variant>(site::state_store));
        if (st == mSpanDead && ghost.state() != mSpanDead) ghost.template on_freed<World>();  // ghost
        ghost.on_state(st);  // ghost
        World::step(point::set_state, ghost.id(), st);
    }

    // Owner's view, under the heap lock: does this struct describe these pages?
    bool describes(std::uintptr_t base, std::uintptr_t pages) const {
        return startAddr.get() == base && npages.get() == pages;
    }

    template <class T, bool Racy = false>
    using field = span_field<World, Variant, T, Racy>;

    span_ghost ghost;  // verification only, see ghost.hpp; first: the fields refer to it
    mSpanStateBox<World> state;
    field<std::uintptr_t> startAddr{field_id::startAddr, ghost};
    field<std::uintptr_t> npages{field_id::npages, ghost};
    field<std::uintptr_t, !Variant::limit_set_in_initSpan> limit{field_id::limit, ghost};
    field<spanClass> spanclass{field_id::spanclass, ghost};
    field<std::uintptr_t> elemsize{field_id::elemsize, ghost};
    field<std::uintptr_t> nelems{field_id::nelems, ghost};
    field<std::uintptr_t> freeindex{field_id::freeindex, ghost};
    field<std::uintptr_t> freeIndexForScan{field_id::freeIndexForScan, ghost};
    field<std::uintptr_t> allocCount{field_id::allocCount, ghost};
    field<gcBits<World>*> allocBits{field_id::allocBits, ghost};
};

}  // namespace spancheck::publication
