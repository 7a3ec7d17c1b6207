// Model runs for tests: spancheck model in a child process (the variant's
// runner, as a user gets it), its JSON report read back.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "cli/runners.hpp"
#include "report/search.hpp"

namespace spancheck::model {

inline outcome run_model(const std::string& variant, const std::string& scenario, const std::string& how,
                         unsigned slots = 0, const std::string& replay = "") {
    options opt;
    opt.how = *parse_search(how);
    opt.replay = replay;
    return cli::run_model_child(variant, scenario, slots, opt, SPANCHECK_PROGRAM);
}

inline result run_ok(const std::string& variant, const std::string& scenario, const std::string& how,
                     unsigned slots = 0, const std::string& replay = "") {
    outcome out = run_model(variant, scenario, how, slots, replay);
    if (auto* refusal = std::get_if<std::string>(&out)) {
        ADD_FAILURE() << "refused: " << *refusal;
        return {};
    }
    return std::get<result>(out);
}

}  // namespace spancheck::model
