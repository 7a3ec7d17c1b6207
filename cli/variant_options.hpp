// The options that name the variant a command runs, alike in every command
// that takes one: VARIANT or --variant (a name or a variant file), --protocol.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace spancheck::cli {

inline void add_variant_options(CLI::App* c, std::string& variant, std::string& protocol, const std::string& what) {
    auto* given = c->add_option("VARIANT", variant, what + ": a name (see spancheck list) or the path of a variant file");
    c->add_option("--variant", variant, "the same, as an option")->excludes(given);
    c->add_option("--protocol", protocol, "protocol (default: the one that has the variant)");
}

}  // namespace spancheck::cli
