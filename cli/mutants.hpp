// The mutant catalog: every variant that declares the violation kinds it must
// be caught with (seeded bugs and historic bugs) is run through its
// protocol's scenarios until one catches it. A kill counts only if the
// violation found is one of the declared kinds, in a scenario that does not
// document that violation for the variant (a documented violation is the
// scenario failing by design, not the mutant being caught).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "../report/search.hpp"
#include "catalog.hpp"

namespace spancheck::cli {

struct kill {
    std::string protocol, variant, summary, upstream;
    std::vector<std::string> expected;
    enum class verdict { killed, wrong_kind, survived, unreachable, interrupted } outcome = verdict::survived;
    std::string kind;                // what caught it
    std::string executor, scenario;  // where it was caught first
    std::uint64_t executions = 0;    // spent on this mutant, over every scenario tried until the kill
    double seconds = 0;
    std::vector<std::string> documented_seen;  // "invalid-free on free-live-span": passed over, not kills
};

// One mutant (v, a variant of p) through p's scenarios in catalog order,
// under p.model, until a scenario catches it.
kill hunt(const protocol& p, const entry& v, const model::search& how);

std::vector<kill> run_mutants(const model::search& how);

// The table, then the mutation score. Returns true if every mutant was killed with a declared kind.
bool print_mutants(std::ostream& out, const std::vector<kill>& kills);
nlohmann::json mutants_json(const std::vector<kill>& kills, const model::search& how);

}  // namespace spancheck::cli
