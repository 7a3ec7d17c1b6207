// The real world: std::atomic, std::mutex and real threads. Used by the unit
// tests and by the stress executor (plain and ThreadSanitizer builds).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>

#include "source_loc.hpp"
#include "step.hpp"
#include "violation.hpp"
#include "world.hpp"

namespace spancheck {

// Thrown by real_world::fail: a broken invariant ends the thread's operation,
// as Go's throw would end the program. The executor catches it.
struct violation_raised {
    violation what;
};

// A plain access as World::plain_access announces it.
struct plain_access_note {
    const char* what = nullptr;
    const void* where = nullptr;
    bool write = false;
};

// Per-thread state of a real-world run, set by whoever starts the thread.
struct real_thread {
    static inline thread_local int number = setup_thread;
    // Hook called at every protocol step (schedule perturbation); null when off.
    using step_hook = void (*)(std::uint16_t point, std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d);
    static inline thread_local step_hook on_step = nullptr;
    // Called on each turn of a spin loop; lets an executor abandon a hung trial.
    using spin_hook = void (*)();
    static inline thread_local spin_hook on_spin = nullptr;
#if defined(__SANITIZE_THREAD__)
    // The last plain access begun (World::plain_access): when ThreadSanitizer
    // reports a race at that address, this names the field (tsan/race_reports.cpp).
    static inline thread_local plain_access_note last_plain{};
#endif
};

struct real_world {
    template <class T>
    class atomic {
    public:
        atomic() = default;
        atomic(const atomic&) = delete;
        atomic& operator=(const atomic&) = delete;

        T load(std::memory_order mo, source_loc = source_loc::current()) const { return a_.load(mo); }
        void store(T v, std::memory_order mo, source_loc = source_loc::current()) { a_.store(v, mo); }
        T exchange(T v, std::memory_order mo, source_loc = source_loc::current()) { return a_.exchange(v, mo); }
        T fetch_add(T v, std::memory_order mo, source_loc = source_loc::current()) { return a_.fetch_add(v, mo); }
        T fetch_sub(T v, std::memory_order mo, source_loc = source_loc::current()) { return a_.fetch_sub(v, mo); }
        bool compare_exchange_strong(T& expected, T desired, std::memory_order mo,
                                     source_loc = source_loc::current()) {
            return a_.compare_exchange_strong(expected, desired, mo);
        }
        bool compare_exchange_confirm(T& expected, T desired, std::memory_order mo,
                                      source_loc = source_loc::current()) {
            return a_.compare_exchange_strong(expected, desired, mo);
        }
        template <class Pred>
        T await(Pred ready, std::memory_order mo, source_loc l = source_loc::current()) const {
            T v = a_.load(mo);
            while (!ready(v)) {
                spin_wait(l);
                v = a_.load(mo);
            }
            return v;
        }

    private:
        std::atomic<T> a_{T{}};
    };

    // Plain data: ThreadSanitizer is the race checker here.
    template <class T>
    class var {
    public:
        var() = default;
        var(const var&) = delete;
        var& operator=(const var&) = delete;

        T load(source_loc = source_loc::current()) const { return v_; }
        void store(T v, source_loc = source_loc::current()) { v_ = v; }

    private:
        T v_{};
    };

    class mutex {
    public:
        void lock(source_loc) { m_.lock(); }
        void unlock(source_loc) { m_.unlock(); }

    private:
        std::mutex m_;
    };

    static void fence(std::memory_order mo, source_loc = source_loc::current()) { std::atomic_thread_fence(mo); }

    static void spin_wait(source_loc = source_loc::current()) {
        if (real_thread::on_spin) real_thread::on_spin();
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }

    template <class Point>
    static void step(Point p, std::int64_t a = 0, std::int64_t b = 0, std::int64_t c = 0, std::int64_t d = 0) {
        if (real_thread::on_step) real_thread::on_step(point_code(p), a, b, c, d);
    }

#if defined(__SANITIZE_THREAD__)
    static void plain_access(const char* what, bool write, const void* where) {
        real_thread::last_plain = {what, where, write};
    }
#else
    static void plain_access(const char*, bool, const void*) {}
#endif

    static int thread() { return real_thread::number; }

    // Real threads do not tell their happens-before (ThreadSanitizer does, for
    // plain data): the ghost's ordering checks are off here.
    static constexpr bool tracks_happens_before = false;
    static hb_stamp stamp() { return {}; }
    static bool ordered_before(const hb_stamp&) { return true; }

    [[noreturn]] static void fail(const violation& v) { throw violation_raised{v}; }
};

}  // namespace spancheck
