// The span set's protocol steps in words: one line per step of a
// counterexample, in the order the steps happened.
#pragma once

#include <cstdint>
#include <string>

#include "../step.hpp"
#include "points.hpp"

namespace spancheck::spanset {

// What the thread did at this step, without the thread's name (the caller
// puts it in its own column). Empty for points that only exist to be
// perturbed. Variant::counterName names the block's counter.
template <class Variant, std::uintptr_t N>
std::string narrate(const step_record& r) {
    auto n = [](std::int64_t x) { return std::to_string(x); };
    auto span = [&](std::int64_t id) { return "span s" + n(id); };
    const std::string counter = std::string(Variant::counterName);
    switch (point(r.point)) {
    case point::push_claim:
        return "claims cursor " + n(r.a) + " (slot " + n(r.c) + " of spine entry " + n(r.b) + ")";
    case point::push_lock:
        return "takes the spine lock: spineLen " + n(r.b) + " does not cover entry " + n(r.a) + ", adds its block";
    case point::push_published:
        return "finds entry " + n(r.a) + " published meanwhile, retries the fast path";
    case point::push_grow:
        return r.a == 0 ? "creates the spine with " + n(r.b) + (r.b == 1 ? " entry" : " entries")
                        : "grows the spine from " + n(r.a) + " to " + n(r.b) + " entries";
    case point::pop_empty:
        return "finds the set empty (head " + n(r.a) + ", tail " + n(r.b) + "), returns nil";
    case point::pop_unpublished:
        return "finds head " + n(r.a) + " in a block not published yet (spineLen " + n(r.b) + "), returns nil";
    case point::pop_claim: return "claims slot " + n(r.c) + " of block " + n(r.b) + " (index " + n(r.a) + ")";
    case point::pop_keeps: {
        const bool last = std::uintptr_t(r.b) == N - 1;
        return "returns without freeing block " + n(r.a) + " (it holds slot " + n(r.b) + (last ? ", the last of " : " of ") +
               n(N) + ")";
    }
    case point::slot_load:
        return r.a < 0 ? "finds slot " + n(r.c) + " of block " + n(r.b) + " nil"
                       : "takes " + span(r.a) + " from slot " + n(r.c) + " of block " + n(r.b);
    case point::slot_store:
        return r.a < 0 ? "clears slot " + n(r.c) + " of block " + n(r.b)
                       : "stores " + span(r.a) + " in slot " + n(r.c) + " of block " + n(r.b);
    case point::slot_cas: {
        const bool ok = r.d & 1;
        const std::string where = "slot " + n(r.c) + " of block " + n(r.b);
        if (ok) return r.a < 0 ? "clears " + where + " by CAS" : "swaps " + span(r.a) + " into " + where;
        return "fails to swap " + where + ": it holds " + (r.a < 0 ? std::string("nil") : span(r.a));
    }
    case point::counter_load: return "loads " + counter + " = " + n(r.b) + " on block " + n(r.a);
    case point::counter_store: return "sets " + counter + " = " + n(r.b) + " on block " + n(r.a);
    case point::counter_rmw: return counter + " " + n(r.b) + "→" + n(r.c) + " on block " + n(r.a);
    case point::entry_store: return "publishes block " + n(r.a) + " at spine entry " + n(r.b);
    case point::entry_clear:
        return r.a < 0 ? "clears spine entry " + n(r.b) : "unlinks block " + n(r.a) + " from spine entry " + n(r.b);
    case point::spine_len: return "sets spineLen = " + n(r.a);
    case point::pool_alloc:
        return r.b ? "allocates fresh block " + n(r.a) : "takes block " + n(r.a) + " from the pool";
    case point::pool_free: return "returns block " + n(r.a) + " to the pool";
    case point::reset_begin:
        return "reset with head " + n(r.a) + ", tail " + n(r.b) + ", spineLen " + n(r.c);
    case point::reset_free_head: return "reset frees head block " + n(r.a) + " (spine entry " + n(r.b) + ")";
    case point::before_slot_store:
    case point::before_counter:
    case point::count_: break;
    }
    return {};
}

}  // namespace spancheck::spanset
