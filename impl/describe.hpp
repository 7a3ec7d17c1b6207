// Violations in words, for counterexamples and reports. The thread namer maps
// a thread number (or setup_thread / checks_thread) to its scenario name.
#pragma once

#include <functional>
#include <string>

#include "violation.hpp"

namespace spancheck {

using thread_namer = std::function<std::string(int)>;

inline std::string describe(const violation& v, const thread_namer& name) {
    auto n = [](std::int64_t x) { return std::to_string(x); };
    const std::string block = "block " + n(v.block);
    const std::string span = "span s" + n(v.span);
    switch (v.kind) {
    case violation_kind::block_leak:
        return block + " leaked: " + (v.a == v.b ? "all " + n(v.a) : n(v.a) + " of " + n(v.b)) +
               " slots popped, never returned to the pool";
    case violation_kind::use_after_free:
        return name(v.thread) + " used " + block + " after it was returned to the pool";
    case violation_kind::premature_free:
        return name(v.thread) + " returned " + block + " to the pool while " + name(v.other) + " still uses it";
    case violation_kind::span_duplicated:
        return span + " popped twice: by " + name(v.other) + " and by " + name(v.thread);
    case violation_kind::span_lost: return span + " lost: pushed, never popped";
    case violation_kind::pool_dirty:
        return block + " is in the pool in a bad state: counter " + n(v.a) + ", a non-nil slot, or listed wrongly (" +
               n(v.b) + " blocks on the free stack)";
    case violation_kind::nil_block:
        return name(v.thread) + " found no block at spine entry " + n(v.a) + " although spineLen is " + n(v.b);
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
    case violation_kind::uninitialized_read:
        return name(v.thread) + " read " + v.field + " before it was initialized";
    case violation_kind::foreign_field:
        return name(v.thread) + " read " + v.field + " of another life of the span struct";
    case violation_kind::object_out_of_span:
        return name(v.thread) + " computed object index " + n(v.a) + " outside the span (nelems " + n(v.b) + ")";
    case violation_kind::accepted_not_in_use:
        return name(v.thread) + " accepted a pointer into a span that is not in use";
    case violation_kind::data_race: return "data race";
    case violation_kind::uninitialized_access: return "read of an uninitialized variable";
    case violation_kind::livelock: return "livelock: a thread spins without progress";
    case violation_kind::deadlock: return "deadlock";
    case violation_kind::hang: return name(v.thread) + " hung: spun past the time budget";
    case violation_kind::crash: return "crash";
    case violation_kind::checker_error: return "checker error";
    }
    return "unknown violation";
}

}  // namespace spancheck
