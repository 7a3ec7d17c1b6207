// The span set's operations: a twin of Go's runtime/mspanset.go (and of the
// lfstack and block pool it uses), same names and same step order; read it
// beside docs/spanset-protocol.md §3–§7.
//
// Every Go function of the model, and every step of the long ones, is a
// static function template of `protocol`, taking its receiver first (Go's
// `func (b *spanSet) pop()` is `pop(S& b)`). A variant derives from the
// variant it changes and redefines any of them by name; the protocol calls
// each through the variant (`V::claimHead(b)`), so the redefinition is used
// wherever Go would call it. The state they work on (spanset.hpp, block.hpp,
// block_pool.hpp, lfstack.hpp, headtail.hpp) keeps Go's field names, and
// its methods are Go's call syntax (`b.index.incTail()`, `pool.stack.pop()`).
//
//   push  = claimCursor, pushLookupBlock (fast path, or under spineLock:
//           blockAddedMeanwhile, addBlock → growSpine, publishBlock),
//           countPush, storeSpan                               (§5 steps 1–9)
//   pop   = claimHead (headPublished, takeHead), lookupBlock, waitForSpan,
//           clearSlot, countPop, freeBlock                     (§6 steps 1–8)
//   reset = resetHeadBlock (resetCheck)                        (§7)
//   pool  = alloc, free; lfstack_push, lfstack_pop, lfstackPack, lfstackUnpack (§4)
//   index = headTailIndex_load, _cas, _incTail, _incHead, _reset (§3)
//
// The counter steps (countPush, countPop, free's reset of the counter,
// resetCheck) and the block's counter field are the variant's own: `popped`
// (39380e8e) and `used` (d1798d5a) are the two Go wrote.
//
// Each atomic access takes its order from a named site (sites.hpp, mo<T>).
// The block's fields check the block's life and tell the story themselves
// (block_fields.hpp); the steps here add the decisions ("finds the set
// empty", "returns without freeing"), so a variant that redefines a step
// keeps both.
#pragma once

#include <cstdint>
#include <optional>

#include "../sites.hpp"
#include "../world.hpp"
#include "block_fields.hpp"
#include "headtail.hpp"
#include "mspan.hpp"
#include "points.hpp"
#include "sites.hpp"

namespace spancheck::spanset {

// What push claimed: its cursor, and where that is (§5 step 1).
struct cursor {
    std::uintptr_t cursor, top, bottom;
};

// The slot pop claimed: its spine entry, its block, and where in it (§6 steps 2–4).
template <class S>
struct slotRef {
    spineEntry<typename S::world, typename S::block>* blockp;
    blockPtr<typename S::world, typename S::block> block;
    std::uintptr_t top, bottom;
};

struct protocol {
    // Go's orders (sequentially consistent atomics).
    static constexpr site_orders<site> orders{};
    // A slot is Go's atomic span pointer.
    template <class World>
    using slot = blockSlot<World>;

    // The order variant T::Variant gives the access at site s.
    template <class T>
    static std::memory_order mo(site s) {
        return order_of<typename T::Variant>(s);
    }

    // ---- headTailIndex (§3) ------------------------------------------------

    template <class H>
    static headTailIndex headTailIndex_load(H& h) {
        return {h.u.load(mo<H>(site::index_load))};
    }
    // Go uses it in pop's claim loop only, which retries from a fresh load
    // when it fails and has only loaded since, on a word whose halves only
    // grow until reset (with the world stopped): a failed cas could never
    // succeed later with the same expected word. A confirming cas.
    template <class H>
    static bool headTailIndex_cas(H& h, headTailIndex old, headTailIndex updated) {
        std::uint64_t expected = old.word;
        return h.u.compare_exchange_confirm(expected, updated.word, mo<H>(site::index_cas));
    }
    // Claims the next tail position and returns the updated word. A tail that
    // wraps to 0 has already carried into the head when we see it, so this is
    // a fatal sanity check after the damage, not a guard: it bounds one reset
    // cycle to 2^32 pushes.
    template <class H>
    static headTailIndex headTailIndex_incTail(H& h) {
        const headTailIndex ht{h.u.fetch_add(1, mo<H>(site::index_incTail)) + 1};
        if (ht.tail() == 0) {
            using World = typename H::world;
            violation v{violation_kind::index_overflow, World::thread()};
            v.a = ht.head();
            v.b = ht.tail();
            fail<World>(v);
        }
        return ht;
    }
    // Moves the head on unconditionally. Go defines it but no span set
    // operation uses it: an unconditional add lets the head pass the tail.
    template <class H>
    static headTailIndex headTailIndex_incHead(H& h) {
        constexpr std::uint64_t one = std::uint64_t(1) << 32;
        return {h.u.fetch_add(one, mo<H>(site::index_incHead)) + one};
    }
    template <class H>
    static void headTailIndex_reset(H& h) {
        h.u.store(0, mo<H>(site::index_reset));
    }

    // ---- push (§5) -----------------------------------------------------------

    template <class S>
    static void push(S& b, mspan* s) {
        using V = typename S::Variant;
        const cursor c = V::claimCursor(b);
        const auto block = V::pushLookupBlock(b, c.top);
        V::countPush(b, block);
        V::storeSpan(b, block, c.bottom, s);
    }

    // Step 1. From here the slot is ours alone, but its block may not exist yet.
    template <class S>
    static cursor claimCursor(S& b) {
        const headTailIndex ht = b.index.incTail();
        const std::uintptr_t c = std::uintptr_t(ht.tail()) - 1;
        const cursor out{c, c / S::spanSetBlockEntries, c % S::spanSetBlockEntries};
        S::world::step(point::push_claim, out.cursor, out.top, out.bottom);
        return out;
    }

    // Steps 2–7: the block of spine entry `top`, adding it if nobody has.
    template <class S>
    static blockPtr<typename S::world, typename S::block> pushLookupBlock(S& b, std::uintptr_t top) {
        using V = typename S::Variant;
        using World = typename S::world;
        std::uintptr_t len = b.spineLen.load(mo<S>(site::spineLen_load_push));
        for (;;) {
            if (top < len) {
                // Fast path. spineLen is stored after the spine entry, so a
                // len that covers `top` guarantees the entry is there, in
                // whichever spine array we load now.
                return b.spine.load(mo<S>(site::spine_load)).lookup(top).load(mo<S>(site::entry_load));
            }
            locked<typename World::mutex> hold(b.spineLock);
            if (V::blockAddedMeanwhile(b, top, len)) {
                World::step(point::push_published, top);
                continue;  // unlocks, then the fast path with the new len
            }
            World::step(point::push_lock, top, len);
            return V::addBlock(b, top, len);
        }
    }

    // Step 5, under spineLock: another pusher may have added our block while
    // we waited for the lock. Reloads len.
    template <class S>
    static bool blockAddedMeanwhile(S& b, std::uintptr_t top, std::uintptr_t& len) {
        len = b.spineLen.load(mo<S>(site::spineLen_load_locked));
        return top < len;
    }

    // Steps 6–7, under spineLock. Here top == len: at most N pushes are in
    // flight (one per P in Go), so the block before ours is already in the
    // spine (§5.1).
    template <class S>
    static blockPtr<typename S::world, typename S::block> addBlock(S& b, std::uintptr_t top, std::uintptr_t len) {
        using V = typename S::Variant;
        if (len == b.spineCap.load()) V::growSpine(b);
        typename S::block* block = b.spanSetBlockPool.alloc();
        V::publishBlock(b, top, len, block);
        return {block, top};
    }

    // Step 7: entry first, then spineLen: a reader that sees the new length
    // must find the entry (I6). The index is top, which equals len.
    template <class S>
    static void publishBlock(S& b, std::uintptr_t top, std::uintptr_t len, typename S::block* block) {
        b.spine.load(mo<S>(site::spine_load)).lookup(top).store(block, mo<S>(site::entry_store));
        b.spineLen.store(len + 1, mo<S>(site::spineLen_store));
    }

    // Step 6: double the spine (or create it). Lock-free readers may still
    // hold the old array, so it is copied, republished and leaked, never
    // reused. The copy is Go's memmove: a plain copy that races with poppers
    // clearing entries of the old array, hence relaxed atomics (§11). A
    // copied entry may be stale (a block freed meanwhile); it lies below the
    // head and is never read again in this cycle.
    template <class S>
    static void growSpine(S& b) {
        using World = typename S::world;
        const std::uintptr_t oldCap = b.spineCap.load();
        const std::uintptr_t newCap = oldCap == 0 ? S::spanSetInitSpineCap : oldCap * 2;
        auto* newSpine = b.spanSetBlockPool.arena.allocSpine(newCap);
        if (oldCap != 0) {
            const auto old = b.spine.load(mo<S>(site::spine_load));
            for (std::uintptr_t i = 0; i < oldCap; ++i) {
                newSpine[i].copy_store(old.lookup(i).copy_load(mo<S>(site::spine_copy_load)),
                                       mo<S>(site::spine_copy_store));
            }
        }
        b.spine.store(newSpine, mo<S>(site::spine_store));
        b.spineCap.store(newCap);
        World::step(point::push_grow, oldCap, newCap);
    }

    // Step 9: our last access to the block. From here the popper of this slot
    // may take the span and, if it completes the block, free it.
    template <class S>
    static void storeSpan(S&, blockPtr<typename S::world, typename S::block> block, std::uintptr_t bottom, mspan* s) {
        block->spans[bottom].store(s, mo<S>(site::slot_store));
    }

    // ---- pop (§6) ------------------------------------------------------------

    template <class S>
    static mspan* pop(S& b) {
        using V = typename S::Variant;
        const std::optional<std::uint32_t> head = V::claimHead(b);
        if (!head) return nullptr;
        slotRef<S> r = V::lookupBlock(b, *head);
        mspan* s = V::waitForSpan(b, r);
        V::clearSlot(b, r);
        if (V::countPop(b, r)) {
            V::freeBlock(b, r);
        } else {
            S::world::step(point::pop_keeps, r.block->ghost.id(), r.bottom);  // for the story
        }
        return s;
    }

    // Step 1: the head, claimed; nullopt if the set is empty or the head's
    // block is not published yet.
    template <class S>
    static std::optional<std::uint32_t> claimHead(S& b) {
        using V = typename S::Variant;
        using World = typename S::world;
        for (;;) {
            const headTailIndex ht = b.index.load();
            if (ht.head() >= ht.tail()) {
                World::step(point::pop_empty, ht.head(), ht.tail());
                return std::nullopt;
            }
            // The head's block may not be published yet: a pusher is between
            // claiming its cursor and adding the block. Report empty rather
            // than wait for it.
            const std::uintptr_t len = b.spineLen.load(mo<S>(site::spineLen_load_pop));
            if (!V::headPublished(b, ht.head(), len)) {
                World::step(point::pop_unpublished, ht.head(), len);
                return std::nullopt;
            }
            if (const std::optional<std::uint32_t> head = V::takeHead(b, ht)) return head;
            // Another popper took the head: start over.
        }
    }

    // Step 1.3: spineLen covers the head's spine entry.
    template <class S>
    static bool headPublished(S&, std::uint32_t head, std::uintptr_t len) {
        return len > std::uintptr_t(head) / S::spanSetBlockEntries;
    }

    // Step 1.4: the CAS compares the whole word, so it also fails when a push
    // moved the tail; that alone is no reason to give up the head we want. A
    // moved head is: another popper took it (nullopt).
    template <class S>
    static std::optional<std::uint32_t> takeHead(S& b, headTailIndex ht) {
        const std::uint32_t want = ht.head();
        while (ht.head() == want) {
            if (b.index.cas(ht, headTailIndex::make(want + 1, ht.tail()))) return want;
            ht = b.index.load();
        }
        return std::nullopt;
    }

    // Steps 2–4. An older spine array is fine: every array published after
    // the spineLen we saw holds this entry.
    template <class S>
    static slotRef<S> lookupBlock(S& b, std::uint32_t head) {
        const std::uintptr_t top = head / S::spanSetBlockEntries, bottom = head % S::spanSetBlockEntries;
        auto& blockp = b.spine.load(mo<S>(site::spine_load)).lookup(top);
        const slotRef<S> r{&blockp, blockp.load(mo<S>(site::entry_load)), top, bottom};
        S::world::step(point::pop_claim, head, r.block->ghost.id(), bottom);
        return r;
    }

    // Steps 5–6: our slot is claimed but its pusher may not have stored yet:
    // it claimed the cursor before us, so it is coming. Wait for it. (Go
    // spins on the slot's load; the slot's await_span is that spin, which a
    // model checker sees as one wait.)
    template <class S>
    static mspan* waitForSpan(S&, slotRef<S>& r) {
        return r.block->spans[r.bottom].await_span(mo<S>(site::slot_load));
    }

    // Step 7. Clearing the slot is load-bearing, not tidiness: the block goes
    // back to the pool and is reused unzeroed, and a stale pointer left here
    // would be taken by the next popper of this slot before its pusher stores
    // (a duplicated span and a lost one).
    template <class S>
    static void clearSlot(S&, slotRef<S>& r) {
        r.block->spans[r.bottom].store(nullptr, mo<S>(site::slot_clear));
    }

    // Step 8, once countPop said this pop frees: unlink before freeing, so
    // that no later lookup of this entry in this cycle finds a block that may
    // already serve another set.
    template <class S>
    static void freeBlock(S& b, slotRef<S>& r) {
        r.blockp->store(nullptr, mo<S>(site::entry_clear));
        b.spanSetBlockPool.free(r.block);
    }

    // ---- reset (§7) ----------------------------------------------------------

    // Empties the set's bookkeeping for a new cycle. Go calls it with the
    // world stopped, so nothing here races; the checks are pure sanity checks
    // (§7.4): they cannot see a block leaked below the head.
    template <class S>
    static void reset(S& b) {
        using V = typename S::Variant;
        using World = typename S::world;
        const headTailIndex ht = b.index.load();
        const std::uint32_t head = ht.head(), tail = ht.tail();
        const std::uintptr_t len = b.spineLen.load(mo<S>(site::spineLen_load_pop));
        World::step(point::reset_begin, head, tail, len);
        if (head < tail) {
            violation v{violation_kind::reset_nonempty, World::thread()};
            v.a = head;
            v.b = tail;
            fail<World>(v);
        }
        const std::uintptr_t top = head / S::spanSetBlockEntries;
        if (top < len) {
            auto& blockp = b.spine.load(mo<S>(site::spine_load)).lookup(top);
            if (const auto block = blockp.load(mo<S>(site::entry_load))) V::resetHeadBlock(b, blockp, block);
        }
        b.index.reset();
        b.spineLen.store(0, mo<S>(site::spineLen_reset));
    }

    // Step 2: the head's block, if it exists, was only partly used: its last
    // popper never reached N, so nobody freed it. Check it, unlink it, free it.
    template <class S>
    static void resetHeadBlock(S& b, spineEntry<typename S::world, typename S::block>& blockp,
                               blockPtr<typename S::world, typename S::block> block) {
        using V = typename S::Variant;
        V::resetCheck(b, block);
        blockp.store(nullptr, mo<S>(site::entry_clear));
        S::world::step(point::reset_free_head, block->ghost.id(), blockp.index());
        b.spanSetBlockPool.free(block);
    }

    // ---- the block pool (§4) ---------------------------------------------------

    // A pooled block comes back as it was freed, not zeroed: its slots are nil
    // only because every pop cleared its slot (pool invariant I4).
    template <class P>
    static typename P::block* alloc(P& pool) {
        if (typename P::block* b = pool.stack.pop()) return b;
        return pool.arena.allocBlock();
    }

    template <class L>
    static void lfstack_push(L& stack, typename L::node* node) {
        const std::uint32_t cnt = node->lfnode.pushcnt.load() + 1;
        node->lfnode.pushcnt.store(cnt);
        const std::uint64_t updated = L::Variant::lfstackPack(stack, node, cnt);
        for (;;) {
            std::uint64_t old = stack.head.load(mo<L>(site::lfstack_push_load));
            node->lfnode.next.store(old, mo<L>(site::lfnode_next_store));
            if (stack.head.compare_exchange_strong(old, updated, mo<L>(site::lfstack_push_cas))) return;
        }
    }

    template <class L>
    static typename L::node* lfstack_pop(L& stack) {
        for (;;) {
            std::uint64_t old = stack.head.load(mo<L>(site::lfstack_pop_load));
            if (old == 0) return nullptr;
            typename L::node* node = L::Variant::lfstackUnpack(stack, old);
            // The node may be popped and pushed again under our feet; it is
            // never unmapped, so reading its `next` is safe, and the tagged
            // CAS below rejects what we read if that happened.
            const std::uint64_t next = node->lfnode.next.load(mo<L>(site::lfnode_next_load));
            if (stack.head.compare_exchange_strong(old, next, mo<L>(site::lfstack_pop_cas))) return node;
        }
    }

    // The head word: the tag (the node's push count) high, the block's arena number + 1 low.
    template <class L>
    static std::uint64_t lfstackPack(L&, typename L::node* node, std::uint32_t cnt) {
        return std::uint64_t(cnt) << 32 | std::uint64_t(node->ghost.id() + 1);
    }
    template <class L>
    static typename L::node* lfstackUnpack(const L& stack, std::uint64_t word) {
        return stack.arena.block(std::uint32_t(word) - 1);
    }
};

}  // namespace spancheck::spanset
