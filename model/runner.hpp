// One variant's model runner: an executable per variant (in-tree variants are
// built with spancheck; a variant file elsewhere is compiled on demand, see
// cli/variant_build.hpp), made of the generic main (runner_main.cpp) and the
// generated translation units that instantiate the engines for that variant
// (variant_engines.hpp). Neither the command line nor a runner of another
// variant sees those instantiations.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "result.hpp"

namespace spancheck::model {

struct variant_engines {
    std::string protocol, variant;
    std::vector<std::string> scenarios;  // in catalog order
    std::vector<unsigned> slots;         // span set block sizes the model is built for (first: default); none for publication
    // Relacy: one scenario in its default shape, exhaustive within a
    // preemption bound or fully, weak memory explored in part.
    outcome (*relacy)(std::string_view scenario, unsigned slots, const options& opt);
    // The variant as data: name, upstream, summary, expected kinds, sites
    // with their orders (`--describe`, for spancheck on a variant file).
    nlohmann::json (*describe)();
};

// Defined by the variant's generated translation unit.
variant_engines this_variant();

}  // namespace spancheck::model
