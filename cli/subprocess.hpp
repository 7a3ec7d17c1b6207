// Running spancheck's executors as child processes: a crash of one executor
// becomes a verdict of its own ("crashed: signal 11") instead of ending the
// run, and several executors can run at once.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace spancheck::cli {

struct child_result {
    int exit_code = -1;  // -1 if the child died of a signal
    int signal = 0;
    bool not_run = false;  // interrupted before it started
    std::string out, err;
};

// Runs every command (argv[0] is the program's path), at most `jobs` at a
// time, and returns their results in the order of `commands`. Output goes to
// temporary files, so a chatty child never blocks on a full pipe.
//
// Ctrl-C or SIGTERM meanwhile: the running children are told to stop
// (SIGTERM; each ends its run as inconclusive and writes its report), no
// more are started (not_run), and this returns once they have ended, so the
// caller can still report what was done and clean up.
std::vector<child_result> run_children(const std::vector<std::vector<std::string>>& commands, unsigned jobs);

// A child asked for a report, and the report it wrote (null if it wrote
// none, or one that does not parse).
struct reporting_child : child_result {
    nlohmann::json report;
};

// run_children with `--json FILE` appended to every command, FILE in a
// temporary folder of its own that is removed once the reports are read.
std::vector<reporting_child> run_reporting_children(const std::vector<std::vector<std::string>>& commands,
                                                    unsigned jobs);

// Whether Ctrl-C or SIGTERM came while children ran; from then on
// run_children starts none.
bool interrupted();

// The path of the running executable.
std::string self_path();

}  // namespace spancheck::cli
