// The span set's protocol steps in words: one line per step of a
// counterexample, in the order the steps happened.
#pragma once

#include <cstdint>
#include <string>

#include "../describe.hpp"
#include "../step.hpp"
#include "points.hpp"

namespace spancheck::spanset {

// Empty for points that only exist to be perturbed.
template <class Variant, std::uintptr_t N>
std::string narrate(const step_record& r, const thread_namer& name) {
    auto n = [](std::int64_t x) { return std::to_string(x); };
    const std::string who = name(r.thread);
    switch (point(r.point)) {
    case point::push_claim:
        return who + " claims cursor " + n(r.a) + " (slot " + n(r.c) + " of spine entry " + n(r.b) + ")";
    case point::push_lock:
        return who + " takes the spine lock: spineLen " + n(r.b) + " does not cover entry " + n(r.a);
    case point::push_published:
        return who + " finds entry " + n(r.a) + " published meanwhile, retries the fast path";
    case point::push_grow:
        return r.a == 0 ? who + " creates the spine with " + n(r.b) + " entries"
                        : who + " grows the spine from " + n(r.a) + " to " + n(r.b) + " entries";
    case point::push_add_block:
        return who + " publishes block " + n(r.b) + " at spine entry " + n(r.a) + ", spineLen " + n(r.a + 1);
    case point::push_counter:
        return who + ": " + std::string(Variant::name) + " " + n(r.b) + "→" + n(r.c) + " on block " + n(r.a);
    case point::push_store: return who + " stores span s" + n(r.a) + " in slot " + n(r.c) + " of block " + n(r.b);
    case point::pop_empty:
        return who + " finds the set empty (head " + n(r.a) + ", tail " + n(r.b) + "), returns nil";
    case point::pop_unpublished:
        return who + " finds head " + n(r.a) + " in a block not published yet (spineLen " + n(r.b) +
               "), returns nil";
    case point::pop_claim: return who + " claims slot " + n(r.c) + " of block " + n(r.b) + " (index " + n(r.a) + ")";
    case point::pop_wait: return who + " finds slot " + n(r.b) + " of block " + n(r.a) + " still nil, waits for its pusher";
    case point::pop_take: return who + " takes span s" + n(r.a) + " from slot " + n(r.c) + " of block " + n(r.b);
    case point::pop_counter: {
        const auto bottom = std::uintptr_t(r.d & 0xffffffff);
        const bool frees = (r.d >> 32) != 0;
        return who + ": " + Variant::describePop(std::uint32_t(r.b), std::uint32_t(r.c), bottom, N, frees);
    }
    case point::pool_alloc:
        return r.b ? who + " allocates fresh block " + n(r.a) : who + " takes block " + n(r.a) + " from the pool";
    case point::pool_free: return who + " returns block " + n(r.a) + " to the pool";
    case point::reset_begin:
        return who + ": reset with head " + n(r.a) + ", tail " + n(r.b) + ", spineLen " + n(r.c);
    case point::reset_free_head: return who + ": reset frees head block " + n(r.a) + " (spine entry " + n(r.b) + ")";
    case point::push_before_store:
    case point::pop_before_counter:
    case point::count_: break;
    }
    return {};
}

}  // namespace spancheck::spanset
