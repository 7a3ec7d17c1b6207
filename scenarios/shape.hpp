// How many threads of each role a scenario runs. The model checker runs a
// scenario's default shape (Relacy fixes the thread count at compile time);
// the stress executor may scale it (--threads).
#pragma once

#include <string>

namespace spancheck {

struct shape {
    unsigned pushers = 0;  // threads that push (span set) or publish (publication)
    unsigned poppers = 0;  // threads that pop (span set) or read (publication)
    constexpr unsigned threads() const { return pushers + poppers; }
    constexpr unsigned roles() const { return (pushers > 0) + (poppers > 0); }

    // The same roles in about the same proportions over n threads, each role
    // keeping at least one thread. Needs n >= roles().
    constexpr shape scaled_to(unsigned n) const {
        if (pushers == 0) return {0, n};
        if (poppers == 0) return {n, 0};
        unsigned p = (n * pushers + threads() / 2) / threads();
        p = p < 1 ? 1 : p > n - 1 ? n - 1 : p;
        return {p, n - p};
    }
};

}  // namespace spancheck
