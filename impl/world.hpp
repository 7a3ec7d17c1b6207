// The atomics abstraction ("world") that every protocol in impl/ is written
// against. A protocol is a template on World and never learns which world it
// runs in: Relacy's model checker (model/relacy_world.hpp), real threads with
// std::atomic (impl/real_world.hpp), or any later explorer that provides the
// same members.
//
// A World provides:
//
//   template <class T> class atomic;   zero-initialised, like Go's freshly allocated memory
//       T load(std::memory_order, source_loc = current())
//       void store(T, std::memory_order, source_loc = current())
//       T exchange(T, std::memory_order, source_loc = current())
//       T fetch_add(T, std::memory_order, source_loc = current())     returns the OLD value
//       T fetch_sub(T, std::memory_order, source_loc = current())     returns the OLD value
//       bool compare_exchange_strong(T& expected, T desired, std::memory_order,
//                                    source_loc = current())
//
//   template <class T> class var;      plain data the checker proves is never raced
//       T load(source_loc = current()) const
//       void store(T, source_loc = current())
//
//   class mutex;                       lock(source_loc) / unlock(source_loc)
//
//   static void fence(std::memory_order, source_loc = current())
//   static void spin_wait(source_loc = current())
//                                      one turn of a spin loop: yields under the model
//                                      (so bounded search sees progress), pauses on real threads
//   template <class Point> static void step(Point, int64 a = 0, int64 b = 0, int64 c = 0, int64 d = 0)
//                                      the protocol-step hook (impl/step.hpp)
//   static void plain_access(const char* what, bool write, const void* where)
//                                      the protocol is about to access the var named `what`
//                                      (a static string) at `where`: a checker that finds a
//                                      race there names it (model: recorded; real: recorded
//                                      under ThreadSanitizer, nothing otherwise)
//   static int thread()                the scenario thread running now (or setup/checks)
//   static void fail(const violation&) report a broken invariant; does not come back
//                                      to the caller in any world (model: ends the
//                                      execution; real: unwinds the thread's operation)
//
// Memory orders are std::memory_order in every world. Go's atomics are
// sequentially consistent (docs/spanset-protocol.md §15.1), so protocol code
// spells them with the short names below and keeps them seq_cst unless a
// comment argues otherwise.
#pragma once

#include <atomic>

#include "source_loc.hpp"
#include "step.hpp"
#include "violation.hpp"

namespace spancheck {

inline constexpr auto seq_cst = std::memory_order_seq_cst;
inline constexpr auto relaxed = std::memory_order_relaxed;
inline constexpr auto acquire = std::memory_order_acquire;
inline constexpr auto release = std::memory_order_release;

// RAII over World::mutex, so a reported violation (which unwinds on real
// threads) never leaves a lock held.
template <class Mutex>
class locked {
public:
    explicit locked(Mutex& m, source_loc loc = source_loc::current()) : m_(m), loc_(loc) { m_.lock(loc_); }
    ~locked() { m_.unlock(loc_); }
    locked(const locked&) = delete;
    locked& operator=(const locked&) = delete;

private:
    Mutex& m_;
    source_loc loc_;
};

// Go's throw(): the invariant is broken and the operation cannot go on.
template <class World>
[[noreturn]] void fail(const violation& v) {
    World::fail(v);
    // World::fail ends the operation in every world; reaching here is a bug in the world.
    __builtin_trap();
}

}  // namespace spancheck
