// Reports as pictures (pictures/picture.hpp): a model counterexample as
// thread lanes, for --svg and for check's --html page.
#pragma once

#include <string>

#include "model_result.hpp"
#include "../pictures/picture.hpp"
#include "report.hpp"

namespace spancheck::report {

// Lanes in the order the threads first act; setup and the final checks as
// bands; the breaking step and a race's two accesses marked.
pictures::picture picture_of(const run_info& run, const model::result& r);

}  // namespace spancheck::report
