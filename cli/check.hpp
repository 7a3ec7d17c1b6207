// `spancheck check`: one variant through every scenario of its protocol and
// every executor, as a verdict matrix (rows: scenarios; columns: executors),
// then each counterexample. Each cell runs in a child process of its own.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace spancheck::cli {

struct check_args {
    std::string variant, protocol, against, json, junit, html, shard;
    bool quick = false, thorough = false;
    unsigned jobs = 2;
};

void add_check_command(CLI::App& app, check_args& a);

// Runs the matrix and prints it. Exit code: 0 every cell holds or fails as
// its scenario documents (verdict documented), 1 a cell is violated
// otherwise or crashed, 3 none violated but some inconclusive. Throws bad_input.
int run_check(const check_args& a);

// spancheck merge of check --shard reports: the whole matrix from `parts`
// (one report per part present, all of one check, as merge found them) of
// `of`, shown and written as check does (a's json, junit and html). The
// problems merge found (missing parts) are printed and keep it from holding.
int merge_check(const std::vector<nlohmann::json>& parts, unsigned of, std::vector<std::string> problems,
                const check_args& a);

}  // namespace spancheck::cli
