// Where a variant's executables are, and how the command line runs them. An
// in-tree variant's model runner and the stress executors sit in
// libexec/spancheck/ beside this spancheck (build/libexec/spancheck/ in the
// build tree, <prefix>/libexec/spancheck/ when installed); a variant file's
// are compiled on demand (variant_build.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "../report/model_result.hpp"
#include "catalog.hpp"

namespace spancheck::cli {

// libexec/spancheck/ of this spancheck; throws bad_input if there is none.
std::string libexec_dir();

// Whether a --variant value names a file rather than a shipped variant.
bool names_a_file(std::string_view variant);

// The model runner of a variant (shipped, by name; or a file, compiled if
// it is not in the cache). Throws bad_input.
std::string model_runner(const std::string& variant);

// A variant as the command line names it (a shipped variant, or a variant
// file, which is compiled for its model runner): its protocol, its own name
// and its sites. Throws bad_input.
struct described_variant {
    const protocol* p;
    std::string name;
    std::vector<site_row> sites;
};
described_variant describe_variant(const std::string& variant);

// Replaces this process with the model runner of args' variant, passing
// args on; `program` is how the user called spancheck (for printed
// commands). Returns only on failure, with the reason.
std::string exec_model(const std::string& variant, const std::vector<std::string>& args, const std::string& program);

// One model run in a child process (`program model ...`, program being a
// spancheck), read back from its JSON report; a refusal (exit 2) is its one
// line. For `mutants`, and for tests.
model::outcome run_model_child(std::string_view variant, std::string_view scenario, unsigned slots,
                               const model::options& opt, const std::string& program);
model::outcome run_model_child(std::string_view variant, std::string_view scenario, unsigned slots,
                               const model::options& opt);

}  // namespace spancheck::cli
