// ThreadSanitizer's race reports as trial outcomes. In the TSan build a
// report raised while a trial runs becomes the trial's violation, if no
// other violation came first: kind data-race, naming the field when the
// racing access is a protocol field (World::plain_access noted it). The
// sanitizer prints its own report, with both stacks, on stderr. The plain
// build has no reports.
#pragma once

#include <atomic>

#include "../impl/violation.hpp"

namespace spancheck::stress {

// Where a report goes: the trial's first violation, decided by whoever sets
// `decided` first, and the flag that tells the trial's other threads to stop.
struct race_sink {
    std::atomic<bool>* decided;
    violation* first;
    std::atomic<bool>* abandoned;
};

// The sink of the current run, or null to drop reports.
void set_race_sink(const race_sink* sink);

}  // namespace spancheck::stress
