// The model world: the protocol's atomics, plain data and locks become
// Relacy's, so that Relacy explores their interleavings and weak-memory
// outcomes and checks every plain access for races. Only model/ includes
// Relacy; impl/ never does.
#pragma once

#include <relacy/relacy.hpp>

// relacy.hpp rewrites ordinary names with macros (new, delete, free,
// memory_order_*, assert, ...) for code written against std::. Our code uses
// Relacy's API explicitly, so the macros only break it: drop them here.
#undef memory_order_relaxed
#undef memory_order_consume
#undef memory_order_acquire
#undef memory_order_release
#undef memory_order_acq_rel
#undef memory_order_seq_cst
#undef new
#undef delete
#undef malloc
#undef calloc
#undef realloc
#undef free
#undef assert
#undef errno

#include <atomic>
#include <cstddef>
#include <cstring>

#include "../impl/source_loc.hpp"
#include "../impl/step.hpp"
#include "../impl/violation.hpp"
#include "../impl/world.hpp"

namespace spancheck::model {

inline rl::memory_order to_rl(std::memory_order mo) {
    switch (mo) {
    case std::memory_order_relaxed: return rl::mo_relaxed;
    case std::memory_order_consume: return rl::mo_consume;
    case std::memory_order_acquire: return rl::mo_acquire;
    case std::memory_order_release: return rl::mo_release;
    case std::memory_order_acq_rel: return rl::mo_acq_rel;
    case std::memory_order_seq_cst: return rl::mo_seq_cst;
    }
    return rl::mo_seq_cst;
}

inline rl::debug_info at(source_loc l) { return rl::debug_info(l.function, l.file, l.line); }

// What one execution left behind for the driver: the protocol steps of the
// execution Relacy replays with history, and the violation the protocol or the
// final checks reported. Plain static storage: nothing here may allocate while
// Relacy owns the allocator.
struct recorder {
    static constexpr std::size_t capacity = 4096;
    static inline step_record steps[capacity];
    static inline std::size_t count = 0;
    static inline bool truncated = false;
    static inline bool has_violation = false;
    static inline violation reported{};
    static inline int phase = setup_thread;  // setup, checks, or >= 0 while threads run
    // The last plain access begun (World::plain_access). Relacy reports a race
    // inside the access, with no scheduling point since the note: it is the
    // access that raced.
    static inline const char* accessing = nullptr;
    static inline int accessing_thread = setup_thread;
    static inline bool accessing_write = false;
    // The access of another thread the one begun may race with (a var's last
    // write, or its last read for a write), and the step counts of both.
    static inline int conflicting_thread = setup_thread;
    static inline std::uint32_t conflicting_step = 0, accessing_step = 0;
    // The thread that spun last (a livelock's spinner), and the thread whose
    // next load is a spin's re-load (-1: none).
    static inline int spinning = -1;
    static inline int reloading = -1;

    static void begin_execution() {
        count = 0;
        truncated = false;
        has_violation = false;
        phase = setup_thread;
        accessing = nullptr;
        spinning = reloading = -1;
    }
};

struct relacy_world {
    // Zero-initialised without a scheduling point, like Go's zeroed memory:
    // allocating a block must not multiply the schedules to explore.
    template <class T>
    class atomic {
    public:
        atomic() = default;
        atomic(const atomic&) = delete;
        atomic& operator=(const atomic&) = delete;

        T load(std::memory_order mo, source_loc l = source_loc::current()) const {
            // A spin's re-load reads the newest store (see spin_wait).
            if (recorder::reloading >= 0 && recorder::reloading == thread()) {
                recorder::reloading = -1;
                return newest(mo, l);
            }
            return a_.load(to_rl(mo), at(l));
        }
        void store(T v, std::memory_order mo, source_loc l = source_loc::current()) {
            a_.store(v, to_rl(mo), at(l));
            latest_ = v;
        }
        T exchange(T v, std::memory_order mo, source_loc l = source_loc::current()) {
            latest_ = v;
            return a_.exchange(v, to_rl(mo), at(l));
        }
        T fetch_add(T v, std::memory_order mo, source_loc l = source_loc::current()) {
            const T old = a_.fetch_add(v, to_rl(mo), at(l));
            latest_ = T(old + v);
            return old;
        }
        T fetch_sub(T v, std::memory_order mo, source_loc l = source_loc::current()) {
            const T old = a_.fetch_sub(v, to_rl(mo), at(l));
            latest_ = T(old - v);
            return old;
        }
        bool compare_exchange_strong(T& expected, T desired, std::memory_order mo,
                                     source_loc l = source_loc::current()) {
            const bool ok = a_.compare_exchange_strong(expected, desired, to_rl(mo), at(l));
            if (ok) latest_ = desired;
            return ok;
        }
        bool compare_exchange_confirm(T& expected, T desired, std::memory_order mo,
                                      source_loc l = source_loc::current()) {
            return compare_exchange_strong(expected, desired, mo, l);
        }
        template <class Pred>
        T await(Pred ready, std::memory_order mo, source_loc l = source_loc::current()) const {
            T v = load(mo, l);
            while (!ready(v)) {
                spin_wait(l);
                v = load(mo, l);
            }
            return v;
        }

    private:
        // The newest value in the location's modification order, read as a
        // compare-and-swap that fails (an expected value that differs from
        // the newest, which this wrapper mirrors): Relacy lets a
        // read-modify-write, failed or not, read only the newest store, and a
        // failed one writes nothing. It synchronises as a load of order mo.
        T newest(std::memory_order mo, source_loc l) const {
            T expected = latest_;
            unsigned char bytes[sizeof(T)];
            std::memcpy(bytes, &expected, sizeof(T));
            bytes[0] ^= 1;
            std::memcpy(&expected, bytes, sizeof(T));
            a_.compare_exchange_strong(expected, expected, to_rl(mo), at(l));
            return expected;
        }

        mutable rl::generic_atomic<T, true> a_;
        T latest_{};  // what the location holds now (one thread runs at a time)
    };

    template <class T>
    class var {
    public:
        var() = default;
        var(const var&) = delete;
        var& operator=(const var&) = delete;

        T load(source_loc l = source_loc::current()) const {
            begin(writer_);
            const T x = v_(at(l)).load();
            reader_ = {thread(), std::uint32_t(recorder::count)};
            return x;
        }
        void store(T v, source_loc l = source_loc::current()) {
            begin(reader_.thread != thread() && reader_.thread != setup_thread ? reader_ : writer_);
            v_(at(l)) = v;
            writer_ = {thread(), std::uint32_t(recorder::count)};
        }

    private:
        struct access {
            int thread = setup_thread;
            std::uint32_t step = 0;
        };
        // Relacy reports a race inside the access: say beforehand which
        // access of another thread it would race with.
        static void begin(const access& other) {
            recorder::conflicting_thread = other.thread;
            recorder::conflicting_step = other.step;
            recorder::accessing_step = std::uint32_t(recorder::count);
        }

        rl::var<T> v_{T{}};
        mutable access writer_, reader_;
    };

    class mutex {
    public:
        void lock(source_loc l) { m_.lock(at(l)); }
        void unlock(source_loc l) { m_.unlock(at(l)); }

    private:
        rl::mutex m_;
    };

    static void fence(std::memory_order mo, source_loc l = source_loc::current()) {
        rl::atomic_thread_fence(to_rl(mo), at(l));
    }

    // A spin loop must yield, or bounded and full search see a thread that
    // never lets the one it waits for run, and report a livelock. The
    // spin's next load then reads the newest store: in C++ a store becomes
    // visible in finite time, so re-reading an older one only spins longer,
    // and Relacy would explore such spins until its depth limit and call
    // them a livelock. The spin's first load may still read an older store.
    static void spin_wait(source_loc l = source_loc::current()) {
        recorder::spinning = recorder::reloading = thread();
        rl::yield(1, at(l));
    }

    template <class Point>
    static void step(Point p, std::int64_t a = 0, std::int64_t b = 0, std::int64_t c = 0, std::int64_t d = 0) {
        // Only the replay of a failing execution collects history; the search
        // itself pays one branch per step.
        if (!rl::ctx().collecting_history()) return;
        if (recorder::count == recorder::capacity) {
            recorder::truncated = true;
            return;
        }
        step_record& r = recorder::steps[recorder::count++];
        r = step_record{std::int16_t(thread()), point_code(p), a, b, c, d};
    }

    static void plain_access(const char* what, bool write, const void*) {
        recorder::accessing = what;
        recorder::accessing_thread = thread();
        recorder::accessing_write = write;
    }

    static int thread() { return recorder::phase >= 0 ? int(rl::ctx().current_thread()) : recorder::phase; }

    // Happens-before as Relacy's race detector keeps it: each thread's vector
    // clock of acquire/release orders (the same test as rl::var's).
    static constexpr bool tracks_happens_before = true;
    static hb_stamp stamp() {
        const std::uint32_t step = std::uint32_t(recorder::count);
        if (recorder::phase < 0) return {recorder::phase, 0, step};
        rl::thread_info_base& t = *rl::ctx().threadx_;
        t.own_acq_rel_order_ += 1;
        return {int(t.index_), t.own_acq_rel_order_, step};
    }
    static bool ordered_before(const hb_stamp& s) {
        // Setup happens before every thread, every thread before the checks.
        if (s.thread < 0 || recorder::phase < 0) return true;
        const rl::thread_info_base& t = *rl::ctx().threadx_;
        return int(t.index_) == s.thread || t.acq_rel_order_[s.thread] >= s.clock;
    }

    static void fail(const violation& v) {
        recorder::reported = v;
        recorder::has_violation = true;
        rl::ctx().fail_test("spancheck invariant violated", rl::test_result_user_assert_failed, RL_INFO);
    }
};

}  // namespace spancheck::model
