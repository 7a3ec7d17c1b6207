// spanSet: a lock-free, block-based set of span pointers. Twin of Go's
// spanSet (runtime/mspanset.go), same names and same step order; read it
// beside docs/spanset-protocol.md §5–§7.
//
// The set is a template on
//   World   — the atomics it runs on (impl/world.hpp),
//   Variant — the counter policy that decides who frees a block
//             (variants/used.hpp is d1798d5a, variants/popped.hpp is 39380e8e),
//   Config  — slots per block and initial spine capacity: Go's 512 and 256,
//             or tiny values so that a model checker can cross block boundaries.
//
// Lines marked "ghost" are verification, not Go: they feed the block life
// checks of ghost.hpp and change nothing the protocol computes.
#pragma once

#include <cstdint>

#include "../world.hpp"
#include "block.hpp"
#include "block_pool.hpp"
#include "headtail.hpp"
#include "mutation.hpp"
#include "points.hpp"

namespace spancheck::spanset {

template <std::uintptr_t BlockEntries, std::uintptr_t InitSpineCap>
struct spanSetConfig {
    static_assert(BlockEntries >= 2, "a block needs at least two slots");
    static_assert(InitSpineCap >= 1);
    static constexpr std::uintptr_t spanSetBlockEntries = BlockEntries;
    static constexpr std::uintptr_t spanSetInitSpineCap = InitSpineCap;
};

// Go's sizes: 512 slots (4 KiB of pointers) and a spine of 256 blocks.
using goConfig = spanSetConfig<512, 256>;

template <class World, class Variant, class Config>
class spanSet {
public:
    static constexpr std::uintptr_t spanSetBlockEntries = Config::spanSetBlockEntries;
    static constexpr std::uintptr_t spanSetInitSpineCap = Config::spanSetInitSpineCap;
    using block = spanSetBlock<World, Variant, spanSetBlockEntries>;
    using blockAlloc = spanSetBlockAlloc<World, block>;
    using spineEntry = typename World::template atomic<block*>;
    static constexpr mutation mutant = mutant_of<Variant>();

    explicit spanSet(blockAlloc& pool) : spanSetBlockPool(pool) {}

    void push(mspan* s) {
        const int me = World::thread();

        // Claim a cursor. From here on the slot is ours alone, but its block
        // may not exist yet.
        headTailIndex ht = index.incTail();
        const std::uintptr_t cursor = std::uintptr_t(ht.tail()) - 1;
        const std::uintptr_t top = cursor / spanSetBlockEntries;
        const std::uintptr_t bottom = cursor % spanSetBlockEntries;
        World::step(point::push_claim, cursor, top, bottom);

        block* b = nullptr;
        std::uintptr_t len = spineLen.load(seq_cst);
        for (;;) {
            if (top < len) {
                // Fast path. spineLen is stored after the spine entry, so a
                // len that covers `top` guarantees the entry is there, in
                // whichever spine array we load now.
                spineEntry* sp = spine.load(seq_cst);
                b = sp[top].load(seq_cst);
                break;
            }
            locked<typename World::mutex> hold(spineLock);
            if constexpr (mutant != mutation::push_skips_recheck) len = spineLen.load(seq_cst);
            World::step(point::push_lock, top, len);
            if (mutant != mutation::push_skips_recheck && top < len) {
                // Another pusher added our block while we waited for the lock.
                World::step(point::push_published, top);
                continue;
            }
            // Here top == len: at most N pushes are in flight (one per P in Go),
            // so the block before ours is already in the spine (§5.1).
            if (len == spineCap.load()) {
                growSpine();
            }
            b = spanSetBlockPool.alloc();
            // Entry first, then spineLen: a reader that sees the new length
            // must find the entry (I6). The index is top, which equals len.
            if constexpr (mutant == mutation::push_publishes_len_first) spineLen.store(len + 1, seq_cst);
            spine.load(seq_cst)[top].store(b, seq_cst);
            if constexpr (mutant != mutation::push_publishes_len_first) spineLen.store(len + 1, seq_cst);
            World::step(point::push_add_block, top, b->ghost.id());
            break;
        }
        if (b == nullptr) fail<World>(nilBlock(me, top));

        const std::uint32_t gen = b->ghost.template take<World>(me);  // ghost
        Variant::template onPush<World>(*b);
        b->ghost.template check<World>(gen, me);  // ghost
        b->ghost.drop(me);                        // ghost: the store below is our last access

        // Our last access to the block: from here the popper of this slot may
        // take the span and, if it completes the block, free it.
        World::step(point::push_before_store, b->ghost.id(), bottom);
        b->spans[bottom].store(s, seq_cst);
        World::step(point::push_store, s->id, b->ghost.id(), bottom);
    }

    mspan* pop() {
        const int me = World::thread();
        std::uint32_t head = 0, tail = 0;
        for (bool claimed = false; !claimed;) {
            headTailIndex ht = index.load();
            head = ht.head();
            tail = ht.tail();
            if (head >= tail) {
                World::step(point::pop_empty, head, tail);
                return nullptr;
            }
            // The head's block may not be published yet: a pusher is between
            // claiming its cursor and adding the block. Report empty rather
            // than wait for it.
            const std::uintptr_t len = spineLen.load(seq_cst);
            if (mutant != mutation::pop_skips_spinelen_check && len <= std::uintptr_t(head) / spanSetBlockEntries) {
                World::step(point::pop_unpublished, head, len);
                return nullptr;
            }
            // The CAS compares the whole word, so it also fails when a push
            // moved the tail; that alone is no reason to give up the head we
            // want. A moved head is: another popper took it, start over.
            if constexpr (mutant == mutation::claim_with_fetch_add) {
                head = index.incHead().head() - 1;
                break;
            }
            const std::uint32_t want = head;
            while (head == want) {
                if (index.cas(ht, headTailIndex::make(want + 1, tail))) {
                    claimed = true;
                    break;
                }
                ht = index.load();
                head = ht.head();
                tail = ht.tail();
            }
        }

        const std::uintptr_t top = head / spanSetBlockEntries;
        const std::uintptr_t bottom = head % spanSetBlockEntries;

        // An older spine array is fine: every array published after the
        // spineLen we saw holds this entry.
        spineEntry* sp = spine.load(seq_cst);
        if (sp == nullptr) fail<World>(nilBlock(me, top));  // Go would fault on the nil spine
        spineEntry* blockp = &sp[top];
        block* b = blockp->load(seq_cst);
        if (b == nullptr) fail<World>(nilBlock(me, top));
        const std::uint32_t gen = b->ghost.template take<World>(me);  // ghost
        World::step(point::pop_claim, head, b->ghost.id(), bottom);

        // Our slot is claimed but its pusher may not have stored yet: it
        // claimed the cursor before us, so it is coming. Wait for it.
        mspan* s = b->spans[bottom].load(seq_cst);
        if (s == nullptr) World::step(point::pop_wait, b->ghost.id(), bottom);
        while (s == nullptr) {
            World::spin_wait();
            b->ghost.template check<World>(gen, me);  // ghost
            s = b->spans[bottom].load(seq_cst);
        }
        // Clearing the slot is load-bearing, not tidiness: the block goes back
        // to the pool and is reused unzeroed, and a stale pointer left here
        // would be taken by the next popper of this slot before its pusher
        // stores (a duplicated span and a lost one).
        if constexpr (mutant != mutation::pop_keeps_slot) b->spans[bottom].store(nullptr, seq_cst);
        World::step(point::pop_take, s->id, b->ghost.id(), bottom);

        b->ghost.template check<World>(gen, me);  // ghost
        b->ghost.popped_one();                    // ghost
        b->ghost.drop(me);                        // ghost: the counter step is our last access
        World::step(point::pop_before_counter, b->ghost.id(), bottom);

        // The variant decides whether this pop was the block's last user.
        if (Variant::template onPop<World>(*b, bottom)) {
            // Unlink before freeing, so that no later lookup of this entry in
            // this cycle finds a block that may already serve another set.
            blockp->store(nullptr, seq_cst);
            spanSetBlockPool.free(b);
        }
        return s;
    }

    // Empties the set's bookkeeping for a new cycle. Go calls it with the
    // world stopped, so nothing here races; the checks are pure sanity checks
    // (§7.4): they cannot see a block leaked below the head.
    void reset() {
        const int me = World::thread();
        const headTailIndex ht = index.load();
        const std::uint32_t head = ht.head(), tail = ht.tail();
        const std::uintptr_t len = spineLen.load(seq_cst);
        World::step(point::reset_begin, head, tail, len);
        if (head < tail) {
            violation v{violation_kind::reset_nonempty, me};
            v.a = head;
            v.b = tail;
            fail<World>(v);
        }
        // The head's block, if it exists, was only partly used: its last
        // popper never reached N, so nobody freed it. Free it here.
        const std::uintptr_t top = head / spanSetBlockEntries;
        if (top < len) {
            spineEntry* blockp = &spine.load(seq_cst)[top];
            block* b = blockp->load(seq_cst);
            if (b != nullptr) {
                Variant::template resetCheck<World>(*b);
                blockp->store(nullptr, seq_cst);
                if constexpr (mutant != mutation::reset_keeps_head_block) {
                    World::step(point::reset_free_head, b->ghost.id(), top);
                    spanSetBlockPool.free(b);
                }
            }
        }
        index.reset();
        spineLen.store(0, seq_cst);
    }

    // Final checks only, with every thread stopped.
    std::uintptr_t quiescentSpineLen() const { return spineLen.load(seq_cst); }
    headTailIndex quiescentIndex() const { return index.load(); }

private:
    // Double the spine (or create it). Lock-free readers may still hold the
    // old array, so it is copied, republished and leaked, never reused. The
    // copy is Go's memmove: a plain copy that races with poppers clearing
    // entries of the old array, hence relaxed atomics here (§11). A copied
    // entry may be stale (a block freed meanwhile); it lies below the head and
    // is never read again in this cycle.
    void growSpine() {
        const std::uintptr_t oldCap = spineCap.load();
        const std::uintptr_t newCap = oldCap == 0 ? spanSetInitSpineCap : oldCap * 2;
        spineEntry* newSpine = spanSetBlockPool.arena().allocSpine(newCap);
        if (oldCap != 0) {
            spineEntry* oldSpine = spine.load(seq_cst);
            for (std::uintptr_t i = 0; i < oldCap; ++i) newSpine[i].store(oldSpine[i].load(relaxed), relaxed);
        }
        spine.store(newSpine, seq_cst);
        spineCap.store(newCap);
        World::step(point::push_grow, oldCap, newCap);
    }

    violation nilBlock(int me, std::uintptr_t top) const {
        violation v{violation_kind::nil_block, me};
        v.a = top;
        v.b = spineLen.load(relaxed);
        return v;
    }

    typename World::mutex spineLock;
    typename World::template atomic<spineEntry*> spine;  // the current spine array
    typename World::template atomic<std::uintptr_t> spineLen;  // entries published
    typename World::template var<std::uintptr_t> spineCap;     // spineLock only
    atomicHeadTailIndex<World> index;
    blockAlloc& spanSetBlockPool;
};

}  // namespace spancheck::spanset
