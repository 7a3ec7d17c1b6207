#include "model_args.hpp"

#include <cstdlib>

#include "bad_input.hpp"
#include "budgets.hpp"
#include "search.hpp"

namespace spancheck::report {

void add_model_options(CLI::App& app, model_args& a) {
    app.add_option("--variant", a.variant,
                   "protocol variant, e.g. used or popped (see spancheck list), or the path of a variant file")
        ->required();
    app.add_option("--scenario", a.scenario, "scenario, e.g. two-poppers (see spancheck list)")->required();
    app.add_option("--protocol", a.protocol, "protocol (default: the one that has the variant)");
    app.add_option("--slots", a.slots, "span set slots per block (Relacy: 2 or 4; dpor: 2, 4 or 8; default 2)");
    app.add_option("--search", a.search, std::string("how to explore: ") + std::string(model::search_forms))
        ->capture_default_str();
    app.add_option("--pushers", a.pushers, "span set, --search dpor: pusher threads (default: the scenario's)");
    app.add_option("--poppers", a.poppers, "span set, --search dpor: popper threads (default: the scenario's)");
    app.add_option("--readers", a.readers, "publication, --search dpor: reader threads (default: 1)");
    app.add_option("--spans", a.spans, "--search dpor: spans the scenario moves (default: the scenario's)");
    app.add_option("--max-executions", a.max_executions,
                   "end the search after this many executions, as inconclusive (exit 3)");
    app.add_option("--seconds", a.seconds, "end the search after this many seconds, as inconclusive (exit 3)");
    app.add_option("--checkpoint", a.checkpoint,
                   "--search dpor: write the search state to this file (every 10 s, and when it ends early)");
    app.add_option("--resume", a.resume, "--search dpor: continue the search a --checkpoint file holds");
    app.add_option("--shard", a.shard,
                   "--search dpor: explore part I of N of the search (I/N, or env/N to read I from "
                   "JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)");
    app.add_option("--orders", a.orders,
                   "run with these memory orders: SITE=ORDER,... or all=ORDER (at most ORDER everywhere); "
                   "spancheck list --sites VARIANT names the sites");
    app.add_option("--json", a.json, "also write the report as JSON to this file");
    app.add_option("--svg", a.svg, "also draw the counterexample as an SVG picture in this file");
    app.add_option("--replay", a.replay, "run the one execution a previous run printed after 'Replay:'");
    app.add_flag("--raw", a.raw, "also print Relacy's own history of the failing execution");
}

shard_part parse_shard(const std::string& text) {
    const auto slash = text.find('/');
    const std::string accepted = "accepted: I/N with 1 <= I <= N <= 4096, or env/N";
    const auto n = slash == std::string::npos ? std::nullopt : parse_count(text.substr(slash + 1), 4096);
    if (!n || *n < 1) throw bad_input{"bad --shard '" + text + "'; " + accepted};
    std::optional<std::uint64_t> i;
    if (text.substr(0, slash) == "env") {
        const char* index = std::getenv("JOB_COMPLETION_INDEX");
        if (!index) index = std::getenv("SLURM_ARRAY_TASK_ID");
        if (!index) throw bad_input{"--shard env/N needs JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID in the environment"};
        const auto zero_based = parse_count(index, 4095);
        if (!zero_based) throw bad_input{std::string("bad job index '") + index + "'; " + accepted};
        i = *zero_based + 1;
    } else {
        i = parse_count(text.substr(0, slash), 4096);
    }
    if (!i || *i < 1 || *i > *n) throw bad_input{"bad --shard '" + text + "'; " + accepted};
    return {unsigned(*i), unsigned(*n)};
}

}  // namespace spancheck::report
