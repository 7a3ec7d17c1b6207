// `spancheck orders VARIANT`: which memory orders the variant's protocol
// needs. Each access site (impl/sites.hpp) is weakened alone, one step at a
// time (seq_cst → acquire, release or acq_rel as fits → relaxed), and every
// scenario of the protocol is run under the weak-memory engine (Relacy) with
// it; the weakest order with which every scenario still holds is the site's
// finding, and the first order that breaks it comes with its violation and
// replay line. Then every site at most acquire/release, and every site
// relaxed, together. The weakenings that hold are run under stress on real
// threads (plain and ThreadSanitizer) before they are called safe.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace spancheck::cli {

struct orders_args {
    std::string variant, protocol, search = "bound:2", json;
    unsigned jobs = 2;
    bool no_stress = false;
};

void add_orders_command(CLI::App& app, orders_args& a);

// Exit code: 0 the report completed (its findings are in the table, not in
// the exit code), 3 interrupted. Throws bad_input.
int run_orders(const orders_args& a);

}  // namespace spancheck::cli
