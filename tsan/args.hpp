// The arguments of a stress run, shared by `spancheck stress` (which checks
// them, then hands the run to a stress binary) and the stress binaries
// themselves (which check them again when run on their own).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "plan.hpp"

namespace spancheck::stress {

inline constexpr std::uint64_t default_trials = 10000;

struct stress_args {
    std::string protocol, variant, scenario, perturb = "pct:3", json, svg;
    std::optional<unsigned> slots;
    // Signed, so that a negative number is refused here rather than wrapped by the parser.
    std::optional<long long> threads;
    // The budget and the seed as given: checked here (report/budgets.hpp), so
    // that every bad form (a sign, "inf", too many digits) gets the same
    // one-line reason, where the parser would clamp it to a number.
    std::optional<std::string> trials, seconds, seed;
    bool stop_at_first = false;
    std::string orders;  // SITE=ORDER,... or all=ORDER (impl/sites.hpp)
};

void add_stress_options(CLI::App& app, stress_args& a);

// A checked stress run.
struct stress_request {
    std::string protocol, variant, scenario;
    std::string name;  // the variant's own name (variant: as given, which may be its file)
    unsigned slots = 0;  // 0: the protocol has no block size
    plan p;
    std::vector<std::string> threads;  // by thread number
    std::string orders;  // --orders as given (checked); empty: the variant's own
};

// The request, or the one-line reason the arguments cannot be run.
std::variant<stress_request, std::string> check_stress_args(const stress_args& a);

// The request as stress arguments, each option spelt out (and the seed
// fixed): run them again to make the same decisions.
std::vector<std::string> stress_arguments(const stress_request& r);

// The arguments as given (but --json and --svg), unchecked: for an executor that checks them itself.
std::vector<std::string> given_arguments(const stress_args& a);

}  // namespace spancheck::stress
