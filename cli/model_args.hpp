// The arguments of a model run, shared by `spancheck model` (which checks
// their syntax, then hands the run to the variant's model runner) and the
// runners themselves (model/runner_main.cpp, which check the rest).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace spancheck::cli {

struct model_args {
    std::string protocol, variant, scenario, search = "bound:3", json, replay;
    unsigned slots = 0;
    bool raw = false;
};

void add_model_options(CLI::App& app, model_args& a);

}  // namespace spancheck::cli
