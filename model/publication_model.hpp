// Span publication under the model checker: picks the variant and scenario
// by name and runs it. Declared here without Relacy so that the command line
// does not see Relacy's headers.
#pragma once

#include <string_view>

#include "result.hpp"

namespace spancheck::model {

// `slots` is the span set's; publication has no such size and ignores it.
outcome run_publication(std::string_view variant, std::string_view scenario, unsigned slots, const options& opt);

}  // namespace spancheck::model
