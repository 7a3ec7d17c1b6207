// The span set's access sites: every atomic access of the protocol, named, with
// Go's order and what the order is for (impl/sites.hpp). Go's atomics are
// sequentially consistent; the spine copy and lfnode.next store are plain in Go
// (a memmove and a plain field write that race on purpose, §11, §4.3) and are
// relaxed atomics here. References are to docs/spanset-protocol.md.
#pragma once

#include <atomic>
#include <cstdint>

#include "../sites.hpp"

namespace spancheck::spanset {

enum class site : std::uint8_t {
    // headTailIndex (§3)
    index_load,
    index_cas,
    index_incTail,
    index_incHead,
    index_reset,
    // the spine (§5, §6, §7)
    spineLen_load_push,
    spineLen_load_locked,
    spineLen_load_pop,
    spineLen_store,
    spineLen_reset,
    spine_load,
    spine_store,
    spine_copy_load,
    spine_copy_store,
    entry_load,
    entry_store,
    entry_clear,
    // a block's slots (§5 step 9, §6 steps 5–7)
    slot_load,
    slot_store,
    slot_clear,
    // the block's counter: popped (39380e8e) or used (d1798d5a), §6 step 8, §4.2, §7.3
    popped_add,
    popped_zero,
    popped_load,
    used_add,
    used_sub,
    used_load,
    // the block pool's lock-free stack (§4.3)
    lfstack_push_load,
    lfstack_push_cas,
    lfstack_pop_load,
    lfstack_pop_cas,
    lfnode_next_store,
    lfnode_next_load,
    count_
};

constexpr site_info describe(site s) {
    constexpr auto sc = std::memory_order_seq_cst;
    constexpr auto plain = std::memory_order_relaxed;
    using k = access_kind;
    switch (s) {
    case site::index_load: return {"index_load", k::load, sc, "pop and reset read head and tail"};
    case site::index_cas: return {"index_cas", k::rmw, sc, "pop claims the head (the CAS covers the whole word)"};
    case site::index_incTail: return {"index_incTail", k::rmw, sc, "push claims a cursor"};
    case site::index_incHead: return {"index_incHead", k::rmw, sc, "no Go operation uses it"};
    case site::index_reset: return {"index_reset", k::store, sc, "reset clears head and tail (world stopped)"};
    case site::spineLen_load_push:
        return {"spineLen_load_push", k::load, sc, "push's fast path: a length that covers top orders its entry before"};
    case site::spineLen_load_locked:
        return {"spineLen_load_locked", k::load, sc, "push re-checks the length under spineLock"};
    case site::spineLen_load_pop:
        return {"spineLen_load_pop", k::load, sc, "pop sees the head's block published before it claims"};
    case site::spineLen_store:
        return {"spineLen_store", k::store, sc, "publishes the new spine entry (stored before it) to readers"};
    case site::spineLen_reset: return {"spineLen_reset", k::store, sc, "reset empties the spine (world stopped)"};
    case site::spine_load: return {"spine_load", k::load, sc, "readers get the spine array the entries are in"};
    case site::spine_store:
        return {"spine_store", k::store, sc, "publishes a grown spine array after its copied entries"};
    case site::spine_copy_load:
        return {"spine_copy_load", k::load, plain, "growth copies the old entries (Go: a plain memmove)"};
    case site::spine_copy_store:
        return {"spine_copy_store", k::store, plain, "growth writes the copied entries (Go: a plain memmove)"};
    case site::entry_load: return {"entry_load", k::load, sc, "push and pop load the block pointer of a spine entry"};
    case site::entry_store:
        return {"entry_store", k::store, sc, "publishes a new block in the spine (before spineLen)"};
    case site::entry_clear: return {"entry_clear", k::store, sc, "unlinks a freed block from the spine"};
    case site::slot_load:
        return {"slot_load", k::load, sc, "pop waits for its span: the pusher's last access to the block comes before"};
    case site::slot_store: return {"slot_store", k::store, sc, "push hands its span to the popper of the slot"};
    case site::slot_clear:
        return {"slot_clear", k::store, sc, "pop clears its slot, so that a pooled block has nil slots (I4)"};
    case site::popped_add:
        return {"popped_add", k::rmw, sc, "counts a pop; the pop that makes it N frees: every pop of the block comes before"};
    case site::popped_zero:
        return {"popped_zero", k::store, sc, "free restarts the counter before the block is pooled"};
    case site::popped_load: return {"popped_load", k::load, sc, "reset's sanity check of the head block (world stopped)"};
    case site::used_add: return {"used_add", k::rmw, sc, "push counts an occupied slot (d1798d5a)"};
    case site::used_sub: return {"used_sub", k::rmw, sc, "pop counts a freed slot; zero on the last slot frees"};
    case site::used_load: return {"used_load", k::load, sc, "reset's sanity check of the head block (world stopped)"};
    case site::lfstack_push_load: return {"lfstack_push_load", k::load, sc, "free reads the pool's head"};
    case site::lfstack_push_cas:
        return {"lfstack_push_cas", k::rmw, sc, "free pools a block: its last life comes before the next alloc"};
    case site::lfstack_pop_load: return {"lfstack_pop_load", k::load, sc, "alloc reads the pool's head"};
    case site::lfstack_pop_cas:
        return {"lfstack_pop_cas", k::rmw, sc, "alloc takes a block: the free that pooled it comes before"};
    case site::lfnode_next_store:
        return {"lfnode_next_store", k::store, plain, "free links the block to the old head (Go: a plain store)"};
    case site::lfnode_next_load:
        return {"lfnode_next_load", k::load, sc, "alloc reads the next block (the tagged CAS rejects a stale one)"};
    case site::count_: break;
    }
    return {"?", k::load, sc, ""};
}

}  // namespace spancheck::spanset
