// Violations in words, for counterexamples and reports. The thread namer maps
// a thread number (or setup_thread / checks_thread) to its scenario name.
#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "violation.hpp"

namespace spancheck {

using thread_namer = std::function<std::string(int)>;

inline std::string describe(const violation& v, const thread_namer& name) {
    auto n = [](std::int64_t x) { return std::to_string(x); };
    auto hex = [](std::int64_t x) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(x));
        return std::string(buf);
    };
    const std::string block = "block " + n(v.block);
    const std::string span = "span s" + n(v.span);
    const std::string field = "s" + n(v.span) + "." + v.field;  // a publication field: s0.elemsize
    switch (v.kind) {
    case violation_kind::block_leak:
        return block + " leaked: " + (v.a == v.b ? "all " + n(v.a) : n(v.a) + " of " + n(v.b)) +
               " slots popped, never returned to the pool";
    case violation_kind::use_after_free:
        if (v.a == 2) {
            return name(v.thread) + "'s access to " + block + " is not ordered after " + name(v.other) +
                   "'s return of it to the pool (the free races with the access)";
        }
        return name(v.thread) + " used " + block + (v.a ? " while it was in the pool" : " after it was returned to the pool") +
               (v.other != setup_thread ? " (by " + name(v.other) + ")" : "");
    case violation_kind::premature_free:
        return name(v.thread) + " returned " + block + " to the pool, but " + name(v.other) +
               "'s last access to it is not ordered before that (the free races with the access)";
    case violation_kind::span_duplicated:
        return span + " popped twice: by " + name(v.other) + " and by " + name(v.thread);
    case violation_kind::span_lost: return span + " lost: pushed, never popped";
    case violation_kind::pool_dirty:
        if (v.a == pool_counter) return block + " is in the pool with counter " + n(v.b) + " (must be 0)";
        if (v.a == pool_slot) return block + " is in the pool with " + span + " still in slot " + n(v.b);
        return block + " is listed " + n(v.b) + " times on the pool's free stack, against its state";
    case violation_kind::pool_corrupt:
        if (v.a == 1) return name(v.thread) + " returned " + block + " to the pool again: " + name(v.other) + " already had";
        return block + " is on the pool's free stack while " + name(v.thread) + " holds it";
    case violation_kind::nil_block:
        if (v.b == -1) return name(v.thread) + " found no spine array (nil) for spine entry " + n(v.a);
        if (v.b < -1) {
            return name(v.thread) + " looked up spine entry " + n(v.a) + " past the end of the spine array (" +
                   n(-2 - v.b) + " entries)";
        }
        return name(v.thread) + " found spine entry " + n(v.a) + " nil: no block there";
    case violation_kind::reset_nonempty:
        return "reset of a non-empty span set (head " + n(v.a) + ", tail " + n(v.b) + ")";
    case violation_kind::reset_used_block:
        return "reset found " + block + " with used = " + n(v.a) + " in an empty span set";
    case violation_kind::reset_unpopped:
        return "reset found " + block + " with unpopped elements (popped = 0)";
    case violation_kind::reset_full:
        return "reset found " + block + " fully popped but never freed (popped = " + n(v.a) + ")";
    case violation_kind::index_overflow:
        return "headTailIndex overflow: the tail wrapped (head " + n(v.a) + ", tail " + n(v.b) + ")";
    case violation_kind::uninitialized_read: {
        const std::string left =
            " (its value is left from life " + n(v.b) + "; s" + n(v.span) + " is in life " + n(v.a) + ")";
        return name(v.thread) + " read " + field + " before it was initialized" +
               (v.b == 0 ? " (never written)" : v.b < v.a ? left : " (mspan.init's placeholder)");
    }
    case violation_kind::foreign_field:
        return name(v.thread) + " read " + field + " after the struct was freed and reused: it checked life " + n(v.b) +
               ", s" + n(v.span) + " is in life " + n(v.a);
    case violation_kind::object_out_of_span:
        return name(v.thread) + " computed object index " + n(v.a) + " of " + span +
               ", outside the span (nelems " + n(v.b) + ")";
    case violation_kind::accepted_not_in_use:
        return name(v.thread) + " accepted a pointer into " + span +
               ", which is no longer in use in the life it checked";
    case violation_kind::nil_dereference:
        return name(v.thread) + " dereferenced nil: no span (or no bitmap) for " + hex(v.a) + ", and no nil check";
    case violation_kind::bad_pointer:
        return name(v.thread) + " found bad pointer in Go heap: " + hex(v.a) + " resolves to " + span +
               ", which is neither in use nor a stack";
    case violation_kind::free_object_marked:
        return name(v.thread) + " marked free object " + n(v.a) + " of " + span + " (Go: \"marking free object\")";
    case violation_kind::invalid_free:
        return name(v.thread) + " freed " + span + " with allocCount " + n(v.b) +
               ": freeSpanLocked refuses it (Go throws \"invalid free\")";
    case violation_kind::live_span_freed:
        return name(v.thread) + " freed " + span + " while it held " + n(v.a) + " live object" + (v.a == 1 ? "" : "s");
    case violation_kind::data_race:
        if (v.field[0] == 0) return "data race";
        return "data race on " + std::string(v.field) + ": " + name(v.thread) + "'s " + (v.a ? "write" : "read") +
               " is not ordered with " + (v.other >= 0 ? name(v.other) : std::string("another thread")) +
               "'s access to it";
    case violation_kind::uninitialized_access: return "read of an uninitialized variable";
    case violation_kind::livelock:
        if (v.thread == setup_thread) return "livelock: a thread spins without progress";
        return "livelock: every thread still running waits; " + name(v.thread) + " waits for a location nobody will write";
    case violation_kind::deadlock:
        if (v.thread == setup_thread) return "deadlock";
        return "deadlock: every thread still running waits for a lock; " + name(v.thread) + " among them";
    case violation_kind::hang: return name(v.thread) + " hung: spun past the time budget";
    case violation_kind::crash: return "crash";
    case violation_kind::checker_error: return "checker error";
    }
    return "unknown violation";
}

}  // namespace spancheck
