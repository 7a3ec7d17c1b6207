// The arguments of a model run, shared by `spancheck model` (which checks
// their syntax, then hands the run to the variant's model runner) and the
// runners themselves (model/runner_main.cpp, which check the rest).
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace spancheck::report {

struct model_args {
    std::string protocol, variant, scenario, search = "bound:3", json, svg, replay;
    unsigned slots = 0;
    bool raw = false;
    // The explorer's shape (span set: pushers, poppers, spans; publication: readers, spans).
    std::optional<unsigned> pushers, poppers, readers;
    std::optional<std::size_t> spans;
    // Budgets: reaching one ends the search as inconclusive.
    std::optional<std::string> max_executions, seconds;
    std::string checkpoint, resume, shard;
    std::string orders;  // SITE=ORDER,... or all=ORDER (impl/sites.hpp)
};

void add_model_options(CLI::App& app, model_args& a);

// --shard: part I of N (1-based), from "I/N", or "env/N" with I from the job
// runner's index variable (Kubernetes Indexed Jobs' JOB_COMPLETION_INDEX,
// Slurm's SLURM_ARRAY_TASK_ID, both counted from 0 here: part index+1).
// Throws bad_input.
struct shard_part {
    unsigned part = 0, of = 0;
};
shard_part parse_shard(const std::string& text);

}  // namespace spancheck::report
