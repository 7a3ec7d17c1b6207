// Everything the command line can name: protocols, their variants and
// scenarios, the searches, and how to run each under the model checker.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "../report/model_result.hpp"

namespace spancheck::cli {

// One access site of a variant (impl/sites.hpp).
struct site_row {
    std::string name, kind, go, order, orders;  // kind: load, store, rmw or fence
};

struct entry {
    std::string name;
    std::string summary;
    std::string upstream;               // Go commit, or "mutant Mk" for a seeded bug
    std::vector<std::string> expected;  // variants: the violation kinds it must be caught with; empty if correct
    std::string by_design;              // scenarios: how correct variants fail here by design; empty if they hold
    std::string stem;                   // variants: the file it is defined in (impl/<protocol>/variants/<stem>.hpp)
    std::vector<site_row> sites;        // variants: every access site, Go's order and the variant's
};

struct protocol {
    std::string name;
    std::string summary;
    std::vector<entry> variants;
    std::vector<entry> scenarios;
    std::vector<entry> unreachable;     // mutants that are configurations Go cannot reach (not counted)
    std::vector<unsigned> model_slots;  // block sizes the model is built for (first: default)
    std::vector<std::string> full_search_scenarios;  // where an unbounded model search finishes
    std::vector<std::string> go_size_scenarios;      // where stress at Go's 512 slots reaches the race window
    bool stress = false;                // runs under spancheck stress (real threads)
    model::outcome (*model)(std::string_view variant, std::string_view scenario, unsigned slots,
                            const model::options& opt);
};

const std::vector<protocol>& protocols();

// The protocol that has this variant, or nullptr.
const protocol* protocol_of_variant(std::string_view variant);
// The shipped variant of this name, or nullptr.
const entry* variant_named(std::string_view variant);
const protocol* protocol_named(std::string_view name);

// "a, b, c" from the names of entries.
std::string names_of(const std::vector<entry>& entries);

}  // namespace spancheck::cli
