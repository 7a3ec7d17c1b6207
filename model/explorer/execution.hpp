// One execution of a program under the explorer: the fibers that run its
// threads, stopped before each visible operation, and the bookkeeping that
// the operations feed (C++ happens-before for data races, DPOR's trace).
//
// The world (explorer_world.hpp) calls the "world side" members from protocol
// code; the search (explorer.cpp) drives the "engine side": it asks which
// threads are enabled, picks one, and execute() runs that thread's pending
// operation and lets the fiber go on to its next one.
//
// Two clocks per thread, kept apart on purpose:
//   - hb:   C++ happens-before (program order, release/acquire, locks, fences);
//           it decides data races and World::ordered_before;
//   - dpor: happens-before of the trace (program order + dependence), which
//           decides which pairs of events race for the search.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include <boost/context/fiber.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>

#include "impl/source_loc.hpp"
#include "impl/step.hpp"
#include "impl/violation.hpp"
#include "impl/world.hpp"
#include "model/explorer/program.hpp"

namespace spancheck::explorer::detail {

using mask = std::uint32_t;
using clock = std::array<std::uint32_t, max_threads>;

inline constexpr std::uint32_t none = ~std::uint32_t(0);

// Unlocks are no scheduling point (execution::unlock says why).
enum class op_kind : std::uint8_t { load, store, rmw, cas, lock };

// The operation a fiber is stopped before: enough to decide dependence
// without running it.
struct pending_op {
    op_kind kind = op_kind::load;
    std::uint32_t loc = 0;
    const std::uint64_t* cell = nullptr;  // cas, await: the atomic's value ...
    std::uint64_t expected = 0;           // ... and the value the cas succeeds on
    // An await (World::atomic::await): a load that can run only once the
    // value satisfies the condition; until then the thread is not enabled.
    bool (*ready)(std::uint64_t value) = nullptr;
    // A confirming cas (World::atomic::compare_exchange_confirm): if it
    // fails, its loop retries from a fresh load, having done nothing since.
    bool confirms = false;

    // Under SC the value a pending cas meets is known now: it writes only if
    // it will succeed (a failed cas is a read).
    bool writes() const {
        if (kind == op_kind::load) return false;
        if (kind == op_kind::cas) return *cell == expected;
        return true;
    }
};

// One executed operation, as DPOR sees it.
struct event {
    std::uint8_t thread;
    bool write;
    std::uint32_t loc;
    std::uint32_t index;  // 1-based position among its thread's events (= hb[thread])
    clock hb;             // DPOR clock: event x happens before this one iff hb[x.thread] >= x.index
};

struct race_record {
    int thread, other;
    std::uint32_t step, other_step;
    bool write, other_write;
};

// Thrown by fail(): ends the execution. Caught at the fiber's entry, and
// around setup and the final checks.
struct execution_ended {};

// Fiber stacks, allocated (mmap'd, with a guard page) once per OS thread and
// reused by every execution of every search on it.
class stack_pool {
public:
    explicit stack_pool(std::size_t size) : alloc_(size) {}
    ~stack_pool();
    stack_pool(const stack_pool&) = delete;
    stack_pool& operator=(const stack_pool&) = delete;

    boost::context::stack_context take();
    void give(boost::context::stack_context sc) { free_.push_back(sc); }

private:
    boost::context::protected_fixedsize_stack alloc_;
    std::vector<boost::context::stack_context> free_;
};

class execution {
public:
    explicit execution(unsigned threads);
    ~execution();
    execution(const execution&) = delete;
    execution& operator=(const execution&) = delete;

    // ---- engine side ----------------------------------------------------
    // Makes the program, runs setup, starts every fiber up to its first
    // visible operation. May end in a violation (violated()).
    void start(const subject&);
    mask enabled() const;
    const pending_op& pending(unsigned q) const { return threads_[q].op; }
    bool dependent(unsigned p, unsigned q) const;
    // Runs p's pending operation and p up to its next one (or its end).
    // Records the event; races() then lists the earlier events it races with.
    std::uint32_t execute(unsigned p);
    // No thread is enabled: runs the final checks if every thread finished,
    // else reports the deadlock or livelock.
    void finish();
    // A violation found by the engine (e.g. an execution too long).
    void report(const violation&);
    // Ends the execution (unwinding unfinished fibers) and drops the program.
    void end();

    bool violated() const { return violated_; }
    // The last event was a confirming cas that failed: the execution is
    // covered by one in which the loop's load comes after what made it fail.
    bool retried() const { return retried_; }
    const violation& what() const { return violation_; }
    bool has_race() const { return has_race_; }
    const race_record& race() const { return race_; }
    const std::vector<event>& trace() const { return trace_; }
    const std::vector<std::uint32_t>& races() const { return races_; }
    const std::vector<step_record>& steps() const { return steps_; }

    // ---- world side -----------------------------------------------------
    // The execution running on this OS thread (searches on different OS
    // threads are independent).
    static inline thread_local execution* current = nullptr;

    // Operations are scheduled only while the threads run; in setup, in the
    // final checks and after a violation they take effect at once.
    bool scheduling() const { return phase_ == phase::threads; }
    std::uint32_t new_location();
    // Stops before the operation, then applies its happens-before effects.
    void access(const pending_op&, std::memory_order);
    void lock_now(std::uint32_t loc);  // a lock outside the threads
    void unlock(std::uint32_t loc);
    void plain(std::uint32_t loc, bool write, const void* where);
    void note(const char* what, const void* where);
    void fence(std::memory_order);
    void spin_wait();
    void step(const step_record& r) {
        if (phase_ != phase::ended) steps_.push_back(r);
    }
    int thread() const;
    hb_stamp stamp() const;
    bool ordered_before(const hb_stamp&) const;
    [[noreturn]] void fail(const violation&);

private:
    enum class phase { setup, threads, checks, ended };

    struct epoch {
        std::uint32_t clock = 0;  // 0: no access
        std::uint32_t step = 0;
    };

    struct location {
        // C++ happens-before: what an acquire of the current value joins (the
        // release sequence of an atomic; the last unlock of a mutex).
        clock rel{};
        std::uint32_t version = 0;  // writes so far: wakes awaiting threads
        bool held = false;          // mutex
        // DPOR
        std::uint32_t last_write = none, last_lock = none;
        std::vector<std::uint32_t> reads;  // since the last write
        // var (FastTrack): the last write and the reads since, per thread
        int writer = 0;
        epoch write;
        std::array<epoch, max_threads> read{};
        mask readers = 0;
        const char* name = nullptr;  // from the last plain_access note

        void reset();
    };

    struct note_rec {
        const char* what = nullptr;
        const void* where = nullptr;
    };

    struct thread_state {
        boost::context::fiber fiber;  // the suspended fiber
        boost::context::fiber sink;   // the scheduler, while the fiber runs
        pending_op op;
        bool finished = false;
        bool awaiting = false;
        std::uint32_t await_loc = none, await_version = 0;
        std::uint32_t last_read = none, last_read_version = 0;
        bool last_read_plain = false;  // the last read was of plain data (a var)
        std::uint32_t last_event = none;  // in trace_
        clock hb{};             // C++ happens-before
        clock acquired{};       // released clocks read by relaxed loads: joined by an acquire fence
        clock fence_release{};  // hb at the last release fence: what later relaxed stores release
        clock dpor{};           // DPOR clock of the thread's last event
        note_rec note;
    };

    void start_fiber(unsigned i);
    void resume(unsigned p);
    void stop(const pending_op&);
    template <class F>
    void guarded(F&& f);
    void read_effects(thread_state&, location&, std::memory_order, std::uint32_t loc);
    void write_effects(thread_state&, location&, std::memory_order, bool rmw);
    void race(location&, int other, std::uint32_t other_step, bool write, bool other_write);

    unsigned n_;
    std::unique_ptr<program> program_;
    phase phase_ = phase::ended;
    unsigned running_ = 0;
    std::array<thread_state, max_threads> threads_;
    std::vector<location> locs_;  // by id; reused: the first nlocs_ belong to this execution
    std::uint32_t nlocs_ = 0;
    std::vector<event> trace_;
    std::vector<std::uint32_t> races_;
    std::vector<step_record> steps_;
    bool violated_ = false;
    bool retried_ = false;
    violation violation_{};
    bool has_race_ = false;
    race_record race_{};
};

}  // namespace spancheck::explorer::detail
