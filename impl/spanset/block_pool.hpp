// spanSetBlockAlloc: the global pool of empty blocks shared by every span
// set. Twin of Go's spanSetBlockAlloc; docs/spanset-protocol.md §4.
//
// We model Go's pool as it is, a tagged lock-free stack (lfstack.hpp), not a
// locked free list: a pool handoff is a real interleaving point of the
// protocol (a block freed by one popper is allocated by a concurrent pusher),
// and the pool's ABA tag is itself a thing to check (mutant M9).
#pragma once

#include "../world.hpp"
#include "arena.hpp"
#include "block_fields.hpp"
#include "lfstack.hpp"
#include "points.hpp"

namespace spancheck::spanset {

template <class World, class VariantT, class Block>
class spanSetBlockAlloc {
public:
    using world = World;
    using Variant = VariantT;
    using block = Block;
    using arena_type = persistentArena<Block, spineEntry<World, Block>>;
    using stack_type = lfstack<World, Variant, Block, arena_type>;

    explicit spanSetBlockAlloc(arena_type& a) : stack(a), arena(a) {}

    // Go's alloc and free, as the variant defines them (protocol.hpp), with
    // the block's life around them: a life starts when the block is handed
    // out and ends before the free pools it (ghost.hpp).
    Block* alloc() {
        Block* b = Variant::alloc(*this);
        const bool fresh = !b->ghost.in_pool();
        b->ghost.template revive<World>();  // ghost
        World::step(point::pool_alloc, b->ghost.id(), fresh);
        return b;
    }
    void free(Block* b) {
        World::step(point::pool_free, b->ghost.id());
        b->ghost.template retire<World>();  // ghost
        Variant::free(*this, b);
    }

    stack_type stack;
    arena_type& arena;  // Go: persistentalloc
};

}  // namespace spancheck::spanset
