// spancheck-stress and spancheck-stress-tsan: the stress executor, built
// plain and with ThreadSanitizer from this same source, and never with
// Relacy (which replaces operator new and must not meet a sanitizer).
// `spancheck stress` checks its arguments and runs one of these; they can
// also be run on their own. Exit codes: cli/exit_codes.hpp.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <string>

#include "../cli/exit_codes.hpp"
#include "../cli/report.hpp"
#include "args.hpp"
#include "executor.hpp"
#include "publication_stress.hpp"
#include "spanset_stress.hpp"

namespace spancheck::stress {

namespace {

int run(int argc, char** argv) {
    const std::string self = argv[0];
    CLI::App app{"stress executor of spancheck: a scenario on real threads, trial after trial"};
    app.failure_message(CLI::FailureMessage::simple);
    stress_args a;
    add_stress_options(app, a);
    std::string rerun_as = self;
    app.add_option("--rerun-as", rerun_as, "the command that re-runs this one, before its arguments")->group("");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << self << ": " << e.what() << "; see " << self << " --help\n";
        return cli::exit_bad_input;
    }
    auto checked = check_stress_args(a);
    if (auto* why = std::get_if<std::string>(&checked)) {
        std::cerr << self << ": " << *why << "\n";
        return cli::exit_bad_input;
    }
    stress_request request = std::get<stress_request>(checked);
    std::ofstream json_out;
    if (!a.json.empty()) {
        json_out.open(a.json);
        if (!json_out) {
            std::cerr << self << ": cannot write --json file '" << a.json << "'\n";
            return cli::exit_bad_input;
        }
    }

    const cli::run_info info{rerun_as, request.protocol, request.variant, request.scenario, request.slots, "", false, {}};
    cli::print_stress_start(std::cout, info, request.p, request.threads, executor_name);
    result r = request.protocol == "publication" ? run_publication(request) : run_spanset(request);
    request.p.stop_at_first = true;
    r.rerun_command = rerun_as;
    for (const std::string& word : stress_arguments(request)) r.rerun_command += " " + word;

    cli::print_stress(std::cout, info, r);
    if (json_out.is_open()) json_out << cli::stress_json(info, r).dump(2) << "\n";
    if (r.violated) return cli::exit_violated;
    return r.inconclusive() ? cli::exit_inconclusive : cli::exit_holds;
}

}  // namespace

}  // namespace spancheck::stress

int main(int argc, char** argv) { return spancheck::stress::run(argc, argv); }
