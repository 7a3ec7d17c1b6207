// The span set under the model checker: picks the variant, scenario and block
// size by name and runs it. Declared here without Relacy so that the command
// line does not see Relacy's headers.
#pragma once

#include <string>
#include <string_view>

#include "result.hpp"

namespace spancheck::model {

// Block sizes the model is built for (slots per block).
inline constexpr unsigned spanset_model_slots[] = {2, 4};

outcome run_spanset(std::string_view variant, std::string_view scenario, unsigned slots, const options& opt);

}  // namespace spancheck::model
