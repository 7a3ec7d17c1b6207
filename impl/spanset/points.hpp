// The named points of the span set protocol. Each is announced with
// World::step as the protocol passes it: the model world records them to tell
// a counterexample as a story, the real world may delay a thread there to
// widen a race window. narrative.hpp gives each point its words.
#pragma once

#include <cstdint>
#include <string_view>

namespace spancheck::spanset {

enum class point : std::uint16_t {
    // push
    push_claim,          // a=cursor b=top c=bottom                 after incTail
    push_lock,           // a=top b=spineLen                        spineLock taken (slow path)
    push_published,      // a=top                                   re-check under the lock found the block
    push_grow,           // a=old cap b=new cap                     spine grown and republished
    push_add_block,      // a=top b=block                           block stored in the spine, spineLen bumped
    push_counter,        // a=block b=old c=new                     the variant's push-side counter step
    push_before_store,   // a=block b=bottom                        (perturbation only)
    push_store,          // a=span b=block c=bottom                 span stored: the push's last access
    // pop
    pop_empty,           // a=head b=tail                           h >= t
    pop_unpublished,     // a=head b=spineLen                       head's block not published yet
    pop_claim,           // a=head b=block c=bottom                 head claimed and its block loaded
    pop_wait,            // a=block b=bottom                        slot still nil: spinning on the pusher
    pop_take,            // a=span b=block c=bottom                 span read and slot cleared
    pop_before_counter,  // a=block b=bottom                        (perturbation only)
    pop_counter,         // a=block b=old c=new d=bottom|frees<<32  the variant's pop-side counter step
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
    case point::push_add_block: return "push-add-block";
    case point::push_counter: return "push-counter";
    case point::push_before_store: return "push-before-store";
    case point::push_store: return "push-store";
    case point::pop_empty: return "pop-empty";
    case point::pop_unpublished: return "pop-unpublished";
    case point::pop_claim: return "pop-claim";
    case point::pop_wait: return "pop-wait";
    case point::pop_take: return "pop-take";
    case point::pop_before_counter: return "pop-before-counter";
    case point::pop_counter: return "pop-counter";
    case point::pool_alloc: return "pool-alloc";
    case point::pool_free: return "pool-free";
    case point::reset_begin: return "reset-begin";
    case point::reset_free_head: return "reset-free-head";
    case point::count_: break;
    }
    return "?";
}

}  // namespace spancheck::spanset
