// Schedule perturbation on real threads: at each protocol point a thread may
// be delayed, as its policy (policy.hpp) decides.
//
//   none     no delay. The executor's step hook still runs, to watch the
//            race window; outside the executor the hook pointer is null and
//            a protocol step costs one test of it.
//   random   ConTest style: at each point, with probability P, yield, spin or
//            sleep a random short time.
//   pct:D    probabilistic concurrency testing (Burckhardt et al., ASPLOS
//            2010): threads get random distinct priorities D .. D+n-1, and
//            D-1 change points drawn over the steps of a trial lower the
//            priority of the thread that reaches them to 1 .. D-1. Real
//            threads cannot be scheduled, so the priorities are approximated:
//            at each point a thread waits while a thread of higher priority
//            is running and not spinning on another (bounded, since it may be
//            blocked on us in a way we cannot see, e.g. a mutex).
//   delay:P  one thread, drawn per trial, stalls at its last pass of point
//            P: a deterministic regression of a known window, at the end of
//            the thread's work, where the threads of the span set scenarios
//            meet at a block's last slots (docs/spanset-protocol.md §9.1).
//            Stalling at every pass would only slow the thread down until the
//            others had finished their share before it. Passes are counted in
//            trial 0, which does not stall: exact for scenarios whose threads
//            do a fixed amount of work, approximate for those that drain.
//
// Decisions come from generators seeded from (seed, trial) for what all
// threads of a trial share (pct priorities and change points, the delayed
// thread) and from (seed, trial, thread) for each thread's own draws.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "delays.hpp"
#include "policy.hpp"
#include "prng.hpp"

namespace spancheck::stress {

inline constexpr std::int64_t stall_ns = 20'000;         // delay:POINT
inline constexpr std::int64_t max_spin_ns = 20'000;      // random
inline constexpr std::int64_t max_sleep_ns = 50'000;     // random
inline constexpr std::int64_t pct_wait_cap_ns = 100'000;  // pct, per point

// The point code of a thread's start, where pct may first hold it back.
inline constexpr std::uint16_t start_point = 0xffff;

// What the threads of one trial share: the per-trial draws and pct's priorities.
class trial_schedule {
public:
    trial_schedule(const policy& p, std::uint64_t seed, unsigned threads)
        : policy_(p),
          seed_(seed),
          threads_(threads),
          passes_(threads),
          last_pass_(threads),
          priority_(threads),
          running_(threads),
          spinning_(threads) {}

    const policy& rules() const { return policy_; }
    std::uint64_t seed() const { return seed_; }
    std::uint64_t trial() const { return trial_; }

    // Main thread, before trial t.
    void begin(std::uint64_t t) {
        trial_ = t;
        prng draw{seed_, t};
        if (policy_.k == policy::kind::delay) delayed_ = unsigned(draw.below(threads_));
        if (policy_.k != policy::kind::pct) return;
        // A random permutation of D .. D+n-1.
        std::vector<int> order(threads_);
        for (unsigned i = 0; i < threads_; ++i) order[i] = int(policy_.depth + i);
        for (unsigned i = threads_; i > 1; --i) std::swap(order[i - 1], order[draw.below(i)]);
        for (unsigned i = 0; i < threads_; ++i) {
            priority_[i].store(order[i], relaxed);
            running_[i].store(true, relaxed);
            spinning_[i].store(false, relaxed);
        }
        steps_.store(0, relaxed);
        change_at_.clear();
        // Trial 0 has no change points: it measures the steps to draw them over.
        for (unsigned i = 1; i < policy_.depth && calibrated_steps_ > 0; ++i) {
            change_at_.push_back(draw.between(1, calibrated_steps_));
        }
    }

    // Main thread, after the trial: trial 0 calibrates pct and delay.
    void end() {
        if (trial_ != 0) return;
        calibrated_steps_ = steps_.load(relaxed);
        last_pass_ = passes_;
    }

    std::uint64_t calibrated_steps() const { return calibrated_steps_; }
    const std::vector<std::uint64_t>& calibrated_passes() const { return last_pass_; }

    // delay, from the threads: whether this pass of the point is the one to stall at.
    bool stalls(unsigned me, std::uint64_t pass) const {
        return trial_ != 0 && me == delayed_ && pass == last_pass_[me];
    }
    // At the end of the thread's body; `passes` of the delay point.
    void passed(unsigned me, std::uint64_t passes) { passes_[me] = passes; }

    // pct, from the threads.
    void step_taken(unsigned me) {
        spinning_[me].store(false, relaxed);
        const std::uint64_t n = steps_.fetch_add(1, relaxed) + 1;
        for (std::size_t i = 0; i < change_at_.size(); ++i) {
            if (change_at_[i] == n) priority_[me].store(int(i + 1), relaxed);
        }
    }
    bool outranked(unsigned me) const {
        const int mine = priority_[me].load(relaxed);
        for (unsigned j = 0; j < threads_; ++j) {
            if (j != me && running_[j].load(relaxed) && !spinning_[j].load(relaxed) &&
                priority_[j].load(relaxed) > mine) {
                return true;
            }
        }
        return false;
    }
    void spinning(unsigned me) { spinning_[me].store(true, relaxed); }
    void finished(unsigned me) { running_[me].store(false, relaxed); }

private:
    static constexpr auto relaxed = std::memory_order_relaxed;

    const policy& policy_;
    const std::uint64_t seed_;
    const unsigned threads_;
    std::uint64_t trial_ = 0;
    unsigned delayed_ = 0;
    std::uint64_t calibrated_steps_ = 0;
    std::vector<std::uint64_t> passes_;     // delay: each thread's passes of the point in this trial
    std::vector<std::uint64_t> last_pass_;  // ... and in trial 0
    std::vector<std::uint64_t> change_at_;  // global step numbers; change i gives priority i + 1
    std::vector<std::atomic<int>> priority_;
    std::vector<std::atomic<bool>> running_;
    std::vector<std::atomic<bool>> spinning_;
    std::atomic<std::uint64_t> steps_{0};
};

// One thread's perturbation within one trial.
class thread_perturbation {
public:
    void begin(trial_schedule& s, unsigned me) {
        schedule_ = &s;
        me_ = me;
        rng_ = prng{s.seed(), s.trial(), me};
        passes_ = 0;
        log_.clear();
    }

    // Before the thread's body: under pct, a thread starts in priority order.
    void start() {
        if (schedule_->rules().k == policy::kind::pct) wait_for_turn(start_point);
    }
    void finish() {
        if (schedule_->rules().k == policy::kind::pct) schedule_->finished(me_);
        schedule_->passed(me_, passes_);
    }
    // Called on each turn of a spin loop: a spinning thread waits for another.
    void spinning() {
        if (schedule_->rules().k == policy::kind::pct) schedule_->spinning(me_);
    }

    // A protocol point.
    void step(std::uint16_t point) {
        const policy& p = schedule_->rules();
        switch (p.k) {
        case policy::kind::none: return;
        case policy::kind::random: random_delay(point, p.probability); return;
        case policy::kind::pct:
            schedule_->step_taken(me_);
            wait_for_turn(point);
            return;
        case policy::kind::delay:
            if (point == p.point && schedule_->stalls(me_, ++passes_)) {
                inject(point, delay_action::stall, stall_ns);
            }
            return;
        }
    }

    const delay_log& log() const { return log_; }

private:
    void random_delay(std::uint16_t point, double probability) {
        if (!rng_.chance(probability)) return;
        switch (rng_.below(3)) {
        case 0: inject(point, delay_action::yield, 0); break;
        case 1: inject(point, delay_action::spin, std::int64_t(rng_.between(1000, max_spin_ns))); break;
        default: inject(point, delay_action::sleep, std::int64_t(rng_.between(1000, max_sleep_ns))); break;
        }
    }

    void inject(std::uint16_t point, delay_action action, std::int64_t ns) {
        log_.add({point, action, ns, perform(action, ns)});
    }

    void wait_for_turn(std::uint16_t point) {
        if (!schedule_->outranked(me_)) return;
        const auto t0 = stress_clock::now();
        while (schedule_->outranked(me_) && nanoseconds_since(t0) < pct_wait_cap_ns) sched_yield();
        log_.add({point, delay_action::wait, 0, nanoseconds_since(t0)});
    }

    trial_schedule* schedule_ = nullptr;
    unsigned me_ = 0;
    std::uint64_t passes_ = 0;  // of the delay point
    prng rng_{{}};
    delay_log log_;
};

}  // namespace spancheck::stress
