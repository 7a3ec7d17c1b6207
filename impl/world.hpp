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
//       bool compare_exchange_confirm(T& expected, T desired, std::memory_order,
//                                     source_loc = current())
//                                      the same, in a confirmation loop: if it fails, the loop
//                                      retries from a fresh load and has done nothing but loads
//                                      since the last one, and the location never holds the
//                                      expected value again (its value only grows, say): a
//                                      failed one could never succeed later. The explorer cuts
//                                      such an execution where the cas fails (the one in which
//                                      the load comes after the write that failed it covers it)
//       template <class Pred> T await(Pred, std::memory_order, source_loc = current())
//                                      loads until Pred{}(value) holds (Pred: a lambda without
//                                      captures) and returns that value: where Go spins on a
//                                      load. Real threads and Relacy spin (spin_wait between
//                                      loads); the explorer runs it as one load that can happen
//                                      only once the value is ready, so a wait adds no executions
//
//   template <class T> class var;      plain data the checker proves is never raced
//       T load(source_loc = current()) const
//       void store(T, source_loc = current())
//
//   class mutex;                       lock(source_loc) / unlock(source_loc)
//
//   static void fence(std::memory_order, source_loc = current())
//   static void spin_wait(source_loc = current())
//                                      one turn of a spin loop that waits for the location
//                                      the thread read last to change: yields under Relacy
//                                      (so bounded search sees progress), blocks the thread
//                                      under the explorer until another thread writes that
//                                      location (an await: a wait adds no executions),
//                                      pauses on real threads
//   template <class Point> static void step(Point, int64 a = 0, int64 b = 0, int64 c = 0, int64 d = 0)
//                                      the protocol-step hook (impl/step.hpp)
//   static void plain_access(const char* what, bool write, const void* where)
//                                      the protocol is about to access the var named `what`
//                                      (a static string) at `where`: a checker that finds a
//                                      race there names it (model: recorded; real: recorded
//                                      under ThreadSanitizer, nothing otherwise)
//   static int thread()                the scenario thread running now (or setup/checks)
//   static hb_stamp stamp()            where the running thread is in happens-before: its
//                                      clock, and the step it has reached (for messages)
//   static bool ordered_before(const hb_stamp&)
//                                      whether the access stamped so happens before the
//                                      running thread's next access (C++ happens-before from
//                                      program order, release/acquire and locks; engines that
//                                      do not track it answer true)
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
#include <cstdint>

#include "source_loc.hpp"
#include "step.hpp"
#include "violation.hpp"

namespace spancheck {

inline constexpr auto seq_cst = std::memory_order_seq_cst;
inline constexpr auto relaxed = std::memory_order_relaxed;
inline constexpr auto acquire = std::memory_order_acquire;
inline constexpr auto release = std::memory_order_release;
inline constexpr auto acq_rel = std::memory_order_acq_rel;

// A thread's place in happens-before, as World::stamp returns it: the thread,
// its own clock component, and how many protocol steps the execution had
// recorded (so that a message can name the step). Engines that do not track
// happens-before leave it zero.
struct hb_stamp {
    int thread = setup_thread;
    std::uint64_t clock = 0;
    std::uint32_t step = 0;
};

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
