// The stress executor's threads: created once per run and reused for every
// trial, so that a trial costs a wake-up instead of thread creations (which
// dominate under ThreadSanitizer). Within a trial the workers start their
// bodies together at a spin gate.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <sched.h>
#include <sys/prctl.h>
#include <thread>
#include <vector>

#include "delays.hpp"

namespace spancheck::stress {

class workers {
public:
    // job(i) is worker i's part of a trial; it calls gate() before the body.
    workers(unsigned n, std::function<void(unsigned)> job) : n_(n), job_(std::move(job)) {
        for (unsigned i = 0; i < n; ++i) threads_.emplace_back([this, i] { loop(i); });
    }
    ~workers() {
        stop_.store(true);
        generation_.fetch_add(1);
        generation_.notify_all();
        for (std::thread& t : threads_) t.join();
    }
    workers(const workers&) = delete;
    workers& operator=(const workers&) = delete;

    // Runs one trial: every worker's job, concurrently; returns when all are done.
    void run_trial() {
        arrived_.store(0);
        finished_.store(0);
        generation_.fetch_add(1);
        generation_.notify_all();
        for (unsigned done = finished_.load(); done != n_; done = finished_.load()) finished_.wait(done);
    }

    // The start gate: returns once every worker of the trial has reached it.
    // Spins (the bodies are microseconds long; a sleep would let one thread
    // finish before the other starts), yielding now and then in case there
    // are more workers than cores.
    void gate() {
        arrived_.fetch_add(1);
        for (unsigned turn = 1; arrived_.load() != n_; ++turn) {
            if (turn % 64 == 0) {
                sched_yield();
            } else {
                cpu_relax();
            }
        }
    }

private:
    void loop(unsigned i) {
        // Injected sleeps are microseconds long; the default timer slack
        // (50 µs) would stretch each of them to a hundred.
        prctl(PR_SET_TIMERSLACK, 1000UL);
        for (std::uint32_t seen = 0;;) {
            generation_.wait(seen);
            seen = generation_.load();
            if (stop_.load()) return;
            job_(i);
            if (finished_.fetch_add(1) + 1 == n_) finished_.notify_one();
        }
    }

    const unsigned n_;
    std::function<void(unsigned)> job_;
    std::atomic<std::uint32_t> generation_{0};
    std::atomic<unsigned> arrived_{0};
    std::atomic<unsigned> finished_{0};
    std::atomic<bool> stop_{false};
    std::vector<std::thread> threads_;
};

}  // namespace spancheck::stress
