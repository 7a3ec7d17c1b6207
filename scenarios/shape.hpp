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
};

}  // namespace spancheck
