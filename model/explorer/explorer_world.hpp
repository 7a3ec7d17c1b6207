// The explorer's world (see impl/world.hpp for the contract): sequentially
// consistent atomics whose every access, and every lock, is a scheduling point
// of the explorer's search; plain data checked for data races with C++
// happens-before; mutexes; and awaits.
//
// Each object takes a location id from the current execution when it is
// constructed, so that an object has the same id in every execution that
// shares the schedule prefix before its construction (addresses need not).
// Objects live in the program the explorer makes for one execution; outside
// an execution they act as plain, unchecked values.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "impl/world.hpp"
#include "model/explorer/execution.hpp"

namespace spancheck::explorer {

struct explorer_world {
private:
    using execution = detail::execution;
    using op_kind = detail::op_kind;

    static std::uint32_t new_location() {
        execution* x = execution::current;
        return x ? x->new_location() : detail::none;
    }
    // The execution, if operations on location `id` are scheduled now.
    static execution* scheduled(std::uint32_t id) {
        execution* x = execution::current;
        return x && x->scheduling() && id != detail::none ? x : nullptr;
    }

public:
    // stamp() and ordered_before() follow C++ happens-before.
    static constexpr bool tracks_happens_before = true;

    template <class T>
    class atomic {
        static_assert(std::is_trivially_copyable_v<T> && sizeof(T) <= sizeof(std::uint64_t));

    public:
        atomic() = default;
        atomic(const atomic&) = delete;
        atomic& operator=(const atomic&) = delete;

        T load(std::memory_order mo, source_loc = source_loc::current()) const {
            if (execution* x = scheduled(id_)) x->access({op_kind::load, id_}, mo);
            return get();
        }
        void store(T v, std::memory_order mo, source_loc = source_loc::current()) {
            if (execution* x = scheduled(id_)) x->access({op_kind::store, id_}, mo);
            bits_ = bits(v);
        }
        T exchange(T v, std::memory_order mo, source_loc = source_loc::current()) {
            if (execution* x = scheduled(id_)) x->access({op_kind::rmw, id_}, mo);
            const T old = get();
            bits_ = bits(v);
            return old;
        }
        T fetch_add(T v, std::memory_order mo, source_loc = source_loc::current()) {
            if (execution* x = scheduled(id_)) x->access({op_kind::rmw, id_}, mo);
            const T old = get();
            bits_ = bits(T(unsigned_of(old) + unsigned_of(v)));
            return old;
        }
        T fetch_sub(T v, std::memory_order mo, source_loc = source_loc::current()) {
            if (execution* x = scheduled(id_)) x->access({op_kind::rmw, id_}, mo);
            const T old = get();
            bits_ = bits(T(unsigned_of(old) - unsigned_of(v)));
            return old;
        }
        // A load that waits until pred(value) holds (protocol code's spin
        // loops): one event, which the explorer runs only once the value is
        // ready, so a wait adds no executions. Pred is a lambda without captures.
        template <class Pred>
        T await(Pred, std::memory_order mo, source_loc = source_loc::current()) const {
            static_assert(std::is_default_constructible_v<Pred>, "await takes a lambda without captures");
            if (execution* x = scheduled(id_)) {
                x->access({op_kind::load, id_, &bits_, 0, [](std::uint64_t b) { return Pred{}(from(b)); }}, mo);
            } else if (!Pred{}(get())) {
                // In setup or the final checks nobody else runs: the wait is forever.
                if (execution* y = execution::current) y->spin_wait();
            }
            return get();
        }
        bool compare_exchange_strong(T& expected, T desired, std::memory_order mo,
                                     source_loc l = source_loc::current()) {
            return cas(expected, desired, mo, false, l);
        }
        // A cas whose loop, if it fails, retries from a fresh load having done
        // nothing but loads since the last one: the explorer cuts the
        // execution where it fails (the one where it succeeds covers it).
        bool compare_exchange_confirm(T& expected, T desired, std::memory_order mo,
                                      source_loc l = source_loc::current()) {
            return cas(expected, desired, mo, true, l);
        }

    private:
        bool cas(T& expected, T desired, std::memory_order mo, bool confirms, source_loc) {
            const std::uint64_t e = bits(expected);
            if (execution* x = scheduled(id_)) x->access({op_kind::cas, id_, &bits_, e, nullptr, confirms}, mo);
            if (bits_ == e) {
                bits_ = bits(desired);
                return true;
            }
            expected = get();
            return false;
        }

    private:
        // The value as its object representation, so that the explorer can
        // tell whether a pending cas will succeed without knowing T.
        static std::uint64_t bits(T v) {
            std::uint64_t b = 0;
            std::memcpy(&b, &v, sizeof v);
            return b;
        }
        static T from(std::uint64_t b) {
            T v;
            std::memcpy(&v, &b, sizeof v);
            return v;
        }
        T get() const { return from(bits_); }
        // Integer arithmetic wraps, as std::atomic's does.
        static auto unsigned_of(T v) {
            static_assert(std::is_integral_v<T>, "fetch_add/fetch_sub need an integer type");
            return std::make_unsigned_t<T>(v);
        }

        std::uint64_t bits_ = 0;
        std::uint32_t id_ = new_location();
    };

    template <class T>
    class var {
    public:
        var() = default;
        var(const var&) = delete;
        var& operator=(const var&) = delete;

        T load(source_loc = source_loc::current()) const {
            if (execution* x = scheduled(id_)) x->plain(id_, false, this);
            return v_;
        }
        void store(T v, source_loc = source_loc::current()) {
            if (execution* x = scheduled(id_)) x->plain(id_, true, this);
            v_ = v;
        }

    private:
        T v_{};
        std::uint32_t id_ = new_location();
    };

    class mutex {
    public:
        mutex() = default;
        mutex(const mutex&) = delete;
        mutex& operator=(const mutex&) = delete;

        void lock(source_loc = source_loc::current()) {
            if (execution* x = scheduled(id_))
                x->access({op_kind::lock, id_}, std::memory_order_acquire);
            else if (execution* y = execution::current)
                y->lock_now(id_);
        }
        // Not a scheduling point (see execution::unlock).
        void unlock(source_loc = source_loc::current()) {
            if (execution* x = execution::current) x->unlock(id_);
        }

    private:
        std::uint32_t id_ = new_location();
    };

    // Not a scheduling point: a fence only changes happens-before.
    static void fence(std::memory_order mo, source_loc = source_loc::current()) {
        if (execution* x = execution::current; x && x->scheduling()) x->fence(mo);
    }

    // An await on the location the thread loaded last: the thread is not
    // scheduled again until another thread writes it, so a spin loop adds no
    // executions and cannot run forever.
    static void spin_wait(source_loc = source_loc::current()) {
        if (execution* x = execution::current) x->spin_wait();
    }

    template <class Point>
    static void step(Point p, std::int64_t a = 0, std::int64_t b = 0, std::int64_t c = 0, std::int64_t d = 0) {
        if (execution* x = execution::current) x->step(step_record{std::int16_t(x->thread()), point_code(p), a, b, c, d});
    }

    static void plain_access(const char* what, bool, const void* where) {
        if (execution* x = execution::current) x->note(what, where);
    }

    static int thread() {
        execution* x = execution::current;
        return x ? x->thread() : setup_thread;
    }

    static hb_stamp stamp() {
        execution* x = execution::current;
        return x ? x->stamp() : hb_stamp{};
    }

    static bool ordered_before(const hb_stamp& s) {
        execution* x = execution::current;
        return x ? x->ordered_before(s) : true;
    }

    [[noreturn]] static void fail(const violation& v) {
        if (execution* x = execution::current) x->fail(v);
        throw detail::execution_ended{};
    }
};

}  // namespace spancheck::explorer
