// What the explorer explores: a program that it makes afresh for every
// execution (the explorer is stateless: it replays each execution from the
// start), written against explorer_world.
#pragma once

#include <functional>
#include <memory>

namespace spancheck::explorer {

// Threads are bits of a 32-bit mask and components of fixed-size vector
// clocks; the protocols of this project run 2 or 3.
inline constexpr unsigned max_threads = 8;

struct program {
    virtual ~program() = default;
    virtual void setup() = 0;             // single-threaded, before the threads
    virtual void thread(unsigned i) = 0;  // scenario thread i, one fiber each
    virtual void check() = 0;             // single-threaded, after every thread finished
};

struct subject {
    std::function<std::unique_ptr<program>()> make;
    unsigned threads = 0;
};

}  // namespace spancheck::explorer
