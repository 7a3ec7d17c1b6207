// `spancheck go`: Go's own span set (mspanset.go, lfstack.go,
// lfstack_64bit.go of a GOROOT, a user's files, or GOROOT's patched) under
// spancheck's span set scenarios, on goroutines under a controlled scheduler
// or free-running. The work is done by Go programs in libexec/spancheck/
// (go/ in the source tree): spancheck-go-build builds the harness for a
// given source (cached by content), spancheck-go-harness runs it. The
// command checks its arguments here, then becomes one of them.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace spancheck::cli {

struct go_command {
    std::string goroot;              // a Go root (its src/runtime/ holds the span set)
    std::vector<std::string> files;  // files that replace GOROOT's of the same name
    std::string patch;               // a unified diff against GOROOT (paths src/runtime/...)
    bool race = false;
    std::string scenario = "two-poppers";
    int pushers = -1, poppers = -1, spans = 0;
    std::string schedule = "random";
    int trials = 1000;
    long long seed = 1;
    std::string json;
    bool trace = false;
};

void add_go_command(CLI::App& app, go_command& c);

// Replaces this process with the harness (or its builder, when the source
// is not Debian's GOROOT as built, or --race); returns only if it cannot,
// with the one-line reason.
std::string exec_go(const go_command& c);

}  // namespace spancheck::cli
