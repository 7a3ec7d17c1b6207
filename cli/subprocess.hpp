// Running spancheck's executors as child processes: a crash of one executor
// becomes a verdict of its own ("crashed: signal 11") instead of ending the
// run, and several executors can run at once.
#pragma once

#include <string>
#include <vector>

namespace spancheck::cli {

struct child_result {
    int exit_code = -1;  // -1 if the child died of a signal
    int signal = 0;
    std::string out, err;
};

// Runs every command (argv[0] is the program's path), at most `jobs` at a
// time, and returns their results in the order of `commands`. Output goes to
// temporary files, so a chatty child never blocks on a full pipe.
std::vector<child_result> run_children(const std::vector<std::vector<std::string>>& commands, unsigned jobs);

// The path of the running executable.
std::string self_path();

}  // namespace spancheck::cli
