// The publication protocol's access sites (impl/sites.hpp): the state's atomic
// store and loads, the publication barrier, and the words Go writes and reads
// plainly while racing on them on purpose (heapArena.spans[], and limit where
// the caller sets it after publication), which are relaxed atomics here
// (docs/publication-protocol.md §12.3).
#pragma once

#include <atomic>
#include <cstdint>

#include "../sites.hpp"

namespace spancheck::publication {

enum class site : std::uint8_t {
    state_store,          // mSpanStateBox.set
    state_load,           // a lock-free reader's mSpanStateBox.get
    state_load_free,      // freeSpanLocked's get, under the heap lock
    publicationBarrier,   // the fence at the end of initSpan
    spans_store,          // setSpans
    spans_load,           // spanOf
    limit_store,          // limit, where it is a racy word
    limit_load,
    count_
};

constexpr site_info describe(site s) {
    constexpr auto sc = std::memory_order_seq_cst;
    constexpr auto plain = std::memory_order_relaxed;
    using k = access_kind;
    switch (s) {
    case site::state_store:
        return {"state_store", k::store, sc, "publishes the span: every field set before it is seen by a reader of InUse"};
    case site::state_load:
        return {"state_load", k::load, sc, "a reader that sees InUse sees the fields set before the state store"};
    case site::state_load_free:
        return {"state_load_free", k::load, sc, "freeSpanLocked checks the state (under the heap lock)"};
    case site::publicationBarrier:
        return {"publicationBarrier", k::fence, std::memory_order_release,
                "spans[] and the state are visible before a pointer into the span is published (c53b2bdb)"};
    case site::spans_store: return {"spans_store", k::store, plain, "setSpans writes heapArena.spans (Go: plain)"};
    case site::spans_load: return {"spans_load", k::load, plain, "spanOf reads heapArena.spans (Go: plain)"};
    case site::limit_store:
        return {"limit_store", k::store, plain, "the caller sets limit after publication (Go: plain, §10.1)"};
    case site::limit_load: return {"limit_load", k::load, plain, "a reader's bounds check reads limit (Go: plain)"};
    case site::count_: break;
    }
    return {"?", k::load, sc, ""};
}

}  // namespace spancheck::publication
