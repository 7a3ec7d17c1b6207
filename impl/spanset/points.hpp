// The named points of the span set protocol. Each is announced with
// World::step as the protocol passes it: the model world records them to
// tell a counterexample as a story, the stress executor may delay a thread
// there. narrative.hpp gives each point its words.
//
// The steps of protocol.hpp announce their decisions (claims, empty set,
// not freeing); the block's fields (block_fields.hpp) announce what changes
// in the block, whichever step changes it.
#pragma once

#include <cstdint>
#include <string_view>

namespace spancheck::spanset {

enum class point : std::uint16_t {
    // push
    push_claim,          // a=cursor b=top c=bottom                 after incTail
    push_lock,           // a=top b=spineLen                        spineLock taken, the block must be added
    push_published,      // a=top                                   re-check under the lock found the block
    push_grow,           // a=old cap b=new cap                     spine grown and republished
    // pop
    pop_empty,           // a=head b=tail                           h >= t
    pop_unpublished,     // a=head b=spineLen                       head's block not published yet
    pop_claim,           // a=head b=block c=bottom                 head claimed and its block loaded
    pop_keeps,           // a=block b=bottom                        the counter step said: do not free
    // the block's fields, whoever accesses them
    before_slot_store,   // a=block b=slot                          (perturbation only) a slot store is next
    before_counter,      // a=block                                 (perturbation only) a counter access is next
    slot_load,           // a=span (-1: nil) b=block c=slot
    slot_store,          // a=span (-1: nil) b=block c=slot
    slot_cas,            // a=span now in the slot b=block c=slot d=succeeded | expected non-nil << 1
    counter_load,        // a=block b=value
    counter_store,       // a=block b=value
    counter_rmw,         // a=block b=old c=new
    // the spine
    entry_store,         // a=block b=entry                         a block published in the spine
    entry_clear,         // a=block (-1: unknown) b=entry           unlinked
    spine_len,           // a=spineLen                              stored
    // pool
    pool_alloc,          // a=block b=fresh
    pool_free,           // a=block
    // reset
    reset_begin,         // a=head b=tail c=spineLen
    reset_free_head,     // a=block b=top
    count_
};

// Names used on the command line (--perturb delay:POINT) and in JSON.
constexpr std::string_view point_name(point p) {
    switch (p) {
    case point::push_claim: return "push-claim";
    case point::push_lock: return "push-lock";
    case point::push_published: return "push-published";
    case point::push_grow: return "push-grow";
    case point::pop_empty: return "pop-empty";
    case point::pop_unpublished: return "pop-unpublished";
    case point::pop_claim: return "pop-claim";
    case point::pop_keeps: return "pop-keeps";
    case point::before_slot_store: return "before-slot-store";
    case point::before_counter: return "before-counter";
    case point::slot_load: return "slot-load";
    case point::slot_store: return "slot-store";
    case point::slot_cas: return "slot-cas";
    case point::counter_load: return "counter-load";
    case point::counter_store: return "counter-store";
    case point::counter_rmw: return "counter-rmw";
    case point::entry_store: return "entry-store";
    case point::entry_clear: return "entry-clear";
    case point::spine_len: return "spine-len";
    case point::pool_alloc: return "pool-alloc";
    case point::pool_free: return "pool-free";
    case point::reset_begin: return "reset-begin";
    case point::reset_free_head: return "reset-free-head";
    case point::count_: break;
    }
    return "?";
}

}  // namespace spancheck::spanset
