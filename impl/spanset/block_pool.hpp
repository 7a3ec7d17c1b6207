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
#include "lfstack.hpp"
#include "points.hpp"

namespace spancheck::spanset {

template <class World, class Block>
class spanSetBlockAlloc {
public:
    using arena_type = persistentArena<World, Block>;

    explicit spanSetBlockAlloc(arena_type& arena) : arena_(arena), stack_(arena) {}

    // A pooled block comes back as it was freed, not zeroed: its slots are nil
    // only because every pop cleared its slot (pool invariant I4).
    Block* alloc() {
        if (Block* b = stack_.pop()) {
            b->ghost.on_alloc();
            World::step(point::pool_alloc, b->ghost.id(), /*fresh=*/false);
            return b;
        }
        Block* b = arena_.allocBlock();
        World::step(point::pool_alloc, b->ghost.id(), /*fresh=*/true);
        return b;
    }

    void free(Block* block) {
        block->ghost.template on_free<World>(World::thread());  // ghost
        Block::Variant::template onFree<World>(*block);
        stack_.push(block);
        World::step(point::pool_free, block->ghost.id());
    }

    arena_type& arena() const { return arena_; }
    const lfstack<World, Block, arena_type>& stack() const { return stack_; }

private:
    arena_type& arena_;
    lfstack<World, Block, arena_type> stack_;
};

}  // namespace spancheck::spanset
