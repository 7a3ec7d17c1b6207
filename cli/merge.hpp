// `spancheck merge REPORT.json...`: one verdict from the --json reports of
// the parts of a sharded run (model --search dpor --shard I/N, or check
// --shard I/N). It holds only if every part 1..N is there once, of the same
// run, completed and held; any violation wins; anything else is
// inconclusive and says which part is missing, duplicated, incomplete or
// mismatched.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace spancheck::cli {

struct merge_args {
    std::vector<std::string> reports;
    std::string json, junit, html;
    std::string program = "spancheck";  // argv[0], for the replay line
};

void add_merge_command(CLI::App& app, merge_args& a);

// Exit code: 0 holds, 1 violated, 3 inconclusive. Throws bad_input (a file
// that is not a part's report).
int run_merge(const merge_args& a);

}  // namespace spancheck::cli
