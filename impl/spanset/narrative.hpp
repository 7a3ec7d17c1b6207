// The span set's protocol steps in words: one line per step of a
// counterexample, in the order the steps happened.
#pragma once

#include <cstdint>
#include <string>

#include "../step.hpp"
#include "points.hpp"

namespace spancheck::spanset {

// What the thread did at this step, without the thread's name (the caller
// puts it in its own column). Empty for points that only exist to be perturbed.
template <class Variant, std::uintptr_t N>
std::string narrate(const step_record& r) {
    auto n = [](std::int64_t x) { return std::to_string(x); };
    switch (point(r.point)) {
    case point::push_claim:
        return "claims cursor " + n(r.a) + " (slot " + n(r.c) + " of spine entry " + n(r.b) + ")";
    case point::push_lock:
        return "takes the spine lock: spineLen " + n(r.b) + " does not cover entry " + n(r.a);
    case point::push_published:
        return "finds entry " + n(r.a) + " published meanwhile, retries the fast path";
    case point::push_grow:
        return r.a == 0 ? "creates the spine with " + n(r.b) + (r.b == 1 ? " entry" : " entries")
                        : "grows the spine from " + n(r.a) + " to " + n(r.b) + " entries";
    case point::push_add_block:
        return "publishes block " + n(r.b) + " at spine entry " + n(r.a) + ", spineLen " + n(r.a + 1);
    case point::push_counter:
        return std::string(Variant::name) + " " + n(r.b) + "→" + n(r.c) + " on block " + n(r.a);
    case point::push_store: return "stores span s" + n(r.a) + " in slot " + n(r.c) + " of block " + n(r.b);
    case point::pop_empty:
        return "finds the set empty (head " + n(r.a) + ", tail " + n(r.b) + "), returns nil";
    case point::pop_unpublished:
        return "finds head " + n(r.a) + " in a block not published yet (spineLen " + n(r.b) +
               "), returns nil";
    case point::pop_claim: return "claims slot " + n(r.c) + " of block " + n(r.b) + " (index " + n(r.a) + ")";
    case point::pop_wait: return "finds slot " + n(r.b) + " of block " + n(r.a) + " still nil, waits for its pusher";
    case point::pop_take: return "takes span s" + n(r.a) + " from slot " + n(r.c) + " of block " + n(r.b);
    case point::pop_counter: {
        const auto bottom = std::uintptr_t(r.d & 0xffffffff);
        const bool frees = (r.d >> 32) != 0;
        return Variant::describePop(r.a, std::uint32_t(r.b), std::uint32_t(r.c), bottom, N, frees);
    }
    case point::pool_alloc:
        return r.b ? "allocates fresh block " + n(r.a) : "takes block " + n(r.a) + " from the pool";
    case point::pool_free: return "returns block " + n(r.a) + " to the pool";
    case point::reset_begin:
        return "reset with head " + n(r.a) + ", tail " + n(r.b) + ", spineLen " + n(r.c);
    case point::reset_free_head: return "reset frees head block " + n(r.a) + " (spine entry " + n(r.b) + ")";
    case point::push_before_store:
    case point::pop_before_counter:
    case point::count_: break;
    }
    return {};
}

}  // namespace spancheck::spanset
