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

#include "../report/model_result.hpp"

namespace spancheck::model {

struct variant_engines {
    std::string protocol, variant;
    std::vector<std::string> scenarios;  // in catalog order
    // Span set block sizes each engine is built for (first: default); none for publication.
    std::vector<unsigned> slots, explorer_slots;
    // Relacy: one scenario in its default shape, exhaustive within a
    // preemption bound or fully, weak memory explored in part.
    outcome (*relacy)(std::string_view scenario, unsigned slots, const options& opt);
    // The explorer: every sequentially consistent interleaving (source-DPOR),
    // in any shape the scenario accepts.
    outcome (*explorer)(std::string_view scenario, unsigned slots, const options& opt);
    // The variant as data: name, upstream, summary, expected kinds, sites
    // with their orders (`--describe`, for spancheck on a variant file).
    nlohmann::json (*describe)();
    // --orders: sets this run's memory orders by site (impl/sites.hpp); ""
    // or the one-line reason the spec is refused.
    std::string (*set_orders)(std::string_view spec);
    // The sites whose order differs from the variant's own: name → order.
    nlohmann::json (*changed_orders)();
};

// Defined by the variant's generated translation unit.
variant_engines this_variant();

}  // namespace spancheck::model
