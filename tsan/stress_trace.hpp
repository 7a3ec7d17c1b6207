// The steps of a stress run's first violating trial (--svg), for people: as
// text after the report, and as a thread-lane picture (pictures/picture.hpp).
// Real threads have no common order of events: the steps come in the order
// of the threads' clocks, which is approximate.
#pragma once

#include <ostream>
#include <string>

#include "../report/report.hpp"
#include "../report/stress_result.hpp"

namespace spancheck::stress {

// Nothing if the run recorded no steps.
void print_trace(std::ostream& out, const result& r);

// The trial as an SVG document: a lane per thread, setup and final checks
// as bands, the breaking step marked. A run without a violation draws its
// verdict only.
std::string stress_svg(const report::run_info& run, const result& r);

}  // namespace spancheck::stress
