#include "go_command.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "runners.hpp"
#include "variant_build.hpp"

namespace spancheck::cli {

namespace fs = std::filesystem;

void add_go_command(CLI::App& app, go_command& c) {
    CLI::App* cmd = app.add_subcommand(
        "go", "run Go's own span set (from GOROOT, your files, or GOROOT patched) under the span set scenarios");
    cmd->add_option("--goroot", c.goroot, "a Go root whose src/runtime/ holds mspanset.go (default: Debian's Go)");
    cmd->add_option("--file", c.files, "use this mspanset.go, lfstack.go or lfstack_64bit.go instead of GOROOT's")
        ->check(CLI::ExistingFile);
    cmd->add_option("--patch", c.patch, "apply this unified diff (paths src/runtime/..., patch -p1) to GOROOT's files")
        ->check(CLI::ExistingFile);
    cmd->add_flag("--race", c.race, "run the -race build (the race detector on the goroutines)");
    cmd->add_option("--scenario", c.scenario, "span set scenario (see spancheck list)")->capture_default_str();
    cmd->add_option("--pushers", c.pushers, "pusher threads (default: the scenario's)");
    cmd->add_option("--poppers", c.poppers, "popper threads (default: the scenario's)");
    cmd->add_option("--spans", c.spans, "spans the scenario moves (default: the scenario's)");
    cmd->add_option("--schedule", c.schedule,
                    "free[:PERCENT] (free-running, perturbed), random, pct:D, or replay:TOKEN (as a report printed it)")
        ->capture_default_str();
    cmd->add_option("--trials", c.trials, "trials to run (a replay runs one)")->capture_default_str();
    cmd->add_option("--seed", c.seed, "seed of the random and PCT schedules (trial k uses SEED+k)")->capture_default_str();
    cmd->add_option("--json", c.json, "also write the report as JSON to this file");
    cmd->add_flag("--trace", c.trace, "print every operation of the (last) trial, even if it holds");
}

std::string exec_go(const go_command& c) {
    const fs::path libexec = libexec_dir();
    std::vector<std::string> source;  // the builder's words that name the source
    if (!c.goroot.empty()) source.insert(source.end(), {"--goroot", c.goroot});
    for (const std::string& f : c.files) source.insert(source.end(), {"--file", f});
    if (!c.patch.empty()) source.insert(source.end(), {"--patch", c.patch});
    std::string rerun = "spancheck go";
    for (const std::string& w : source) rerun += " " + w;
    if (c.race) rerun += " --race";

    std::vector<std::string> words;
    if (source.empty() && !c.race) {
        words.push_back((libexec / "spancheck-go-harness").string());
    } else {
        words = {(libexec / "spancheck-go-build").string(), "--work", (cache_root() / "go").string()};
        words.insert(words.end(), source.begin(), source.end());
        if (c.race) words.push_back("--race");
        words.push_back("--");
    }
    words.insert(words.end(), {"--scenario", c.scenario, "--schedule", c.schedule, "--trials", std::to_string(c.trials),
                               "--seed", std::to_string(c.seed), "--rerun-as", rerun});
    if (c.pushers >= 0) words.insert(words.end(), {"--pushers", std::to_string(c.pushers)});
    if (c.poppers >= 0) words.insert(words.end(), {"--poppers", std::to_string(c.poppers)});
    if (c.spans > 0) words.insert(words.end(), {"--spans", std::to_string(c.spans)});
    if (!c.json.empty()) words.insert(words.end(), {"--json", c.json});
    if (c.trace) words.push_back("--trace");
    std::vector<char*> argv;
    for (std::string& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    return "cannot run " + words[0] + ": " + std::strerror(errno) +
           "; build it (cmake --build build --target spancheck-go; it needs Debian's golang-1.19-go)";
}

}  // namespace spancheck::cli
