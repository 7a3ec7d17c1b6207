// How results are shown: text for people, JSON (schema spancheck-report/1,
// described in README.md) for machines. One schema for every command.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "model_result.hpp"
#include "stress_result.hpp"

namespace spancheck::report {

// What was run, for the headline, the JSON report and the replay command.
struct run_info {
    std::string program;  // argv[0], so that printed commands can be pasted as they are
    std::string protocol, variant, scenario;
    unsigned slots = 0;   // 0: not a span set run
    std::string search;
    bool replay = false;  // one execution from --replay, not a search
    std::vector<std::string> run_args;  // model: --pushers/--poppers/--readers/--spans/--orders as given
    std::string orders;   // --orders as given: the run's memory orders differ from the variant's
    unsigned part = 0, parts = 0;  // --shard I/N (0: the whole search)
    std::string build;    // --shard: the digest of the executable that ran, so merge can tell builds apart
};

// The version of spancheck that writes reports (merge compares it).
extern const char* const version;

// s padded with spaces to width w, and at least one space: a column of a text table.
std::string pad(const std::string& s, std::size_t w);

// "12.3 ms", "4.56 s"
std::string duration(double seconds);

// Report files: checked before a run (a path that cannot be opened is bad
// input before any work), written after it; a report that cannot be written
// (a full disk) is bad input too, after the verdict was printed. Empty path:
// no report.
std::ofstream report_file_or_throw(const std::string& path, const char* option);
void write_report(const std::string& path, const std::string& content, const char* option = "report");

// The command that runs the failing execution of r again.
std::string replay_command(const run_info& run, const model::result& r);

void print_model(std::ostream& out, const run_info& run, const model::result& r);
nlohmann::json model_json(const run_info& run, const model::result& r);
// The counterexample as a thread-lane picture (SVG); a run that holds draws
// its verdict only.
std::string model_svg(const run_info& run, const model::result& r);
// A model report read back (for the runs check and mutants make in child
// processes): what the JSON keeps of the result.
model::result model_result_from_json(const nlohmann::json& j);
run_info model_run_from_json(const nlohmann::json& j, const std::string& program);

// Before a stress run: what runs, the seed, the policy and the budget.
struct stress_start {
    std::vector<std::string> threads;  // by thread number: "popper A", ...
    std::string executor;              // "stress" or "stress-tsan"
    std::string perturbation;          // the policy as on the command line
    std::uint64_t seed = 0;
    std::uint64_t trials = 0;          // the budget: this many trials, or (if 0) ...
    double seconds = 0;                // ... trials until this much time has passed
    bool stop_at_first = false;
};
void print_stress_start(std::ostream& out, const run_info& run, const stress_start& s);
// After it: the first violation, the outcome table and the window hits.
void print_stress(std::ostream& out, const run_info& run, const stress::result& r);
nlohmann::json stress_json(const run_info& run, const stress::result& r);

}  // namespace spancheck::report
