// The span set under the stress executor, by name (declared apart from the
// executor so that its templates are built in one translation unit).
#pragma once

#include "args.hpp"
#include "../report/stress_result.hpp"

namespace spancheck::stress {

result run_spanset(const stress_request& r);

}  // namespace spancheck::stress
