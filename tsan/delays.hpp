// The delays the stress executor injects at protocol points, and the record
// of those injected in one trial (printed with a violation).
#pragma once

#include <sched.h>
#include <time.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <string_view>

namespace spancheck::stress {

enum class delay_action : std::uint8_t {
    yield,  // give up the processor once
    spin,   // stay on the processor, busy, for a while
    sleep,  // leave the processor for a while
    stall,  // yield repeatedly for a while: others progress even on a shared core
    wait,   // pct: wait while a thread of higher priority runs
};

constexpr std::string_view action_name(delay_action a) {
    switch (a) {
    case delay_action::yield: return "yield";
    case delay_action::spin: return "spin";
    case delay_action::sleep: return "sleep";
    case delay_action::stall: return "stall";
    case delay_action::wait: return "wait";
    }
    return "?";
}

using stress_clock = std::chrono::steady_clock;

inline std::int64_t nanoseconds_since(stress_clock::time_point t0) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(stress_clock::now() - t0).count();
}

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

// Performs a timed action (not wait, which perturb.hpp runs) and returns how
// long it actually took.
inline std::int64_t perform(delay_action a, std::int64_t ns) {
    const auto t0 = stress_clock::now();
    switch (a) {
    case delay_action::yield: sched_yield(); break;
    case delay_action::spin:
        while (nanoseconds_since(t0) < ns) cpu_relax();
        break;
    case delay_action::sleep: {
        const timespec ts{0, long(ns)};
        nanosleep(&ts, nullptr);
        break;
    }
    case delay_action::stall:
        while (nanoseconds_since(t0) < ns) sched_yield();
        break;
    case delay_action::wait: break;
    }
    return nanoseconds_since(t0);
}

struct delay_record {
    std::uint16_t point;
    delay_action action;
    std::int64_t requested;  // ns; what the seed decides (0 for yield and wait)
    std::int64_t took;       // ns, measured
};

// One thread's delays in one trial: the first few in full, all of them counted.
class delay_log {
public:
    static constexpr std::size_t kept = 16;

    void clear() { count_ = 0; }
    void add(delay_record r) {
        if (count_ < kept) first_[count_] = r;
        ++count_;
    }
    std::size_t count() const { return count_; }
    std::size_t shown() const { return count_ < kept ? count_ : kept; }
    const delay_record& operator[](std::size_t i) const { return first_[i]; }

private:
    std::array<delay_record, kept> first_{};
    std::size_t count_ = 0;
};

}  // namespace spancheck::stress
