// The protocol steps of one trial on real threads, for --svg: each thread
// records its own steps, with the time on its clock, into a log of its own
// (preallocated: a step costs a clock read and a copy); after the trial the
// logs are merged by time. Real threads have no common order of events, so
// that order is approximate: steps of two threads taken less than a clock
// read apart may show either way round.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "../impl/step.hpp"
#include "delays.hpp"

namespace spancheck::stress {

struct timed_step {
    stress_clock::time_point at;
    step_record step;
};

// One thread's steps in the current trial. A thread that spins takes steps
// without bound; the log keeps the last ones, where its violation is.
class step_log {
public:
    // A power of two, for the ring's index; a trial at Go's 512 slots takes about 3000 steps a thread.
    static constexpr std::size_t capacity = 1 << 13;

    step_log() : ring_(capacity) {}

    void clear() { taken_ = 0; }
    void add(const step_record& s) { ring_[taken_++ & (capacity - 1)] = {stress_clock::now(), s}; }

    std::uint64_t taken() const { return taken_; }
    std::size_t kept() const { return std::size_t(std::min<std::uint64_t>(taken_, capacity)); }
    bool dropped() const { return taken_ > capacity; }
    // The i-th kept step, oldest first.
    const timed_step& operator[](std::size_t i) const { return ring_[(taken_ - kept() + i) & (capacity - 1)]; }

private:
    std::vector<timed_step> ring_;
    std::uint64_t taken_ = 0;
};

// The kept steps of all logs in the order of their times. Where a log
// dropped its oldest steps, every log is cut to the time of its first kept
// one, so that no thread's steps are missing from what is left.
inline std::vector<timed_step> merged(const std::vector<step_log>& logs) {
    stress_clock::time_point from{};
    for (const step_log& log : logs) {
        if (log.dropped()) from = std::max(from, log[0].at);
    }
    std::vector<timed_step> out;
    for (const step_log& log : logs) {
        for (std::size_t i = 0; i < log.kept(); ++i) {
            if (log[i].at >= from) out.push_back(log[i]);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const timed_step& x, const timed_step& y) { return x.at < y.at; });
    return out;
}

}  // namespace spancheck::stress
