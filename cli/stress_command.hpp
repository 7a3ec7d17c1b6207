// `spancheck stress`: the stress executor lives in binaries of its own
// (spancheck-stress, spancheck-stress-tsan) because this one links Relacy,
// which replaces operator new and must never meet ThreadSanitizer. The
// command checks its arguments here, then becomes one of those binaries.
#pragma once

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>

#include "../tsan/args.hpp"

namespace spancheck::cli {

struct stress_command {
    stress::stress_args args;
    bool tsan = false;
};

void add_stress_command(CLI::App& app, stress_command& c);

// Replaces this process with the stress binary that sits next to it; returns
// only if it cannot, with the one-line reason (bad arguments, or no binary).
std::string exec_stress(const stress_command& c, const std::string& program);

// The perturbation policies and points, for `spancheck list`.
void list_stress(std::ostream& out);

}  // namespace spancheck::cli
