#include "model_args.hpp"

#include "../model/search.hpp"

namespace spancheck::cli {

void add_model_options(CLI::App& app, model_args& a) {
    app.add_option("--variant", a.variant,
                   "protocol variant, e.g. used or popped (see spancheck list), or the path of a variant file")
        ->required();
    app.add_option("--scenario", a.scenario, "scenario, e.g. two-poppers (see spancheck list)")->required();
    app.add_option("--protocol", a.protocol, "protocol (default: the one that has the variant)");
    app.add_option("--slots", a.slots, "span set slots per block (model: 2 or 4; default 2)");
    app.add_option("--search", a.search, std::string("how to explore: ") + std::string(model::search_forms))
        ->capture_default_str();
    app.add_option("--json", a.json, "also write the report as JSON to this file");
    app.add_option("--replay", a.replay, "run the one execution a previous run printed after 'Replay:'");
    app.add_flag("--raw", a.raw, "also print Relacy's own history of the failing execution");
}

}  // namespace spancheck::cli
