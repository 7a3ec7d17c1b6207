// A variant's model runner: runs one scenario of the variant under a model
// engine and reports, as `spancheck model` prints it (cli/report.hpp).
// `spancheck model` checks its arguments, then becomes the runner of the
// variant (exec); a runner can also be run on its own with the same options.
// Exit codes: cli/exit_codes.hpp.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <string>

#include "../cli/bad_input.hpp"
#include "../cli/exit_codes.hpp"
#include "../cli/model_args.hpp"
#include "../cli/report.hpp"
#include "runner.hpp"
#include "search.hpp"

namespace spancheck::model {

namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// A variant given as a file path is the one this runner was compiled from.
bool names_this_variant(const std::string& given, const variant_engines& v) {
    return given == v.variant || given.find('/') != std::string::npos || given.ends_with(".hpp");
}

int run(const cli::model_args& a, const std::string& program) {
    const variant_engines v = this_variant();
    if (!names_this_variant(a.variant, v)) {
        throw cli::bad_input{"this model runner runs variant " + v.variant + ", not '" + a.variant +
                             "'; run spancheck model --variant " + a.variant};
    }
    if (!a.protocol.empty() && a.protocol != v.protocol) {
        throw cli::bad_input{"variant " + v.variant + " is of protocol " + v.protocol + ", not " + a.protocol};
    }
    if (std::find(v.scenarios.begin(), v.scenarios.end(), a.scenario) == v.scenarios.end()) {
        throw cli::bad_input{"unknown scenario '" + a.scenario + "' for protocol " + v.protocol +
                             "; accepted: " + joined(v.scenarios)};
    }
    cli::run_info run{program, v.protocol, a.variant, a.scenario, 0, a.search, !a.replay.empty()};
    if (!v.slots.empty()) {
        run.slots = a.slots ? a.slots : v.slots.front();
        if (std::find(v.slots.begin(), v.slots.end(), run.slots) == v.slots.end()) {
            std::vector<std::string> sizes;
            for (unsigned s : v.slots) sizes.push_back(std::to_string(s));
            throw cli::bad_input{"--slots " + std::to_string(a.slots) +
                                 " is not a block size the model is built for; accepted: " + joined(sizes)};
        }
    } else if (a.slots) {
        throw cli::bad_input{"--slots applies to the span set only, not to protocol " + v.protocol};
    }
    options opt;
    const auto how = parse_search(a.search);
    if (!how) throw cli::bad_input{"bad --search '" + a.search + "'; accepted: " + std::string(search_forms)};
    opt.how = *how;
    opt.replay = a.replay;
    opt.raw = a.raw;
    if (!a.replay.empty() && a.replay.find_first_not_of("0123456789,") != std::string::npos) {
        throw cli::bad_input{"bad --replay '" + a.replay +
                             "'; accepted: the comma-separated state printed after 'Replay:'"};
    }
    std::ofstream json_out;
    if (!a.json.empty()) {
        json_out.open(a.json);
        if (!json_out) throw cli::bad_input{"cannot write --json file '" + a.json + "'"};
    }

    outcome out = v.relacy(a.scenario, run.slots, opt);
    if (auto* refusal = std::get_if<std::string>(&out)) throw cli::bad_input{*refusal};
    const result& r = std::get<result>(out);
    if (r.replay_missed) {
        throw cli::bad_input{"--replay state does not lead to a violation for variant " + a.variant + " on " +
                             a.scenario + " with --search " + a.search +
                             "; accepted: a state printed by the same command"};
    }
    cli::print_model(std::cout, run, r);
    if (a.raw && r.violated) std::cout << "\nRelacy's history of the failing execution:\n" << r.raw;
    if (json_out.is_open()) json_out << cli::model_json(run, r).dump(2) << "\n";
    return r.violated ? cli::exit_violated : cli::exit_holds;
}

}  // namespace

}  // namespace spancheck::model

int main(int argc, char** argv) {
    using namespace spancheck;
    CLI::App app{"model runner of spancheck: one variant's scenarios under the model checker"};
    app.failure_message(CLI::FailureMessage::simple);
    cli::model_args a;
    cli::add_model_options(app, a);
    std::string rerun_as = argv[0];
    app.add_option("--rerun-as", rerun_as, "the command that runs this one again, before its arguments")->group("");
    // The variant as data, for spancheck (a variant file's name and protocol).
    if (argc == 2 && std::string_view(argv[1]) == "--describe") {
        std::cout << model::this_variant().describe().dump(2) << "\n";
        return 0;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << "spancheck: " << e.what() << "; see spancheck model --help\n";
        return cli::exit_bad_input;
    }
    try {
        return model::run(a, rerun_as);
    } catch (const cli::bad_input& e) {
        std::cerr << "spancheck: " << e.message << "\n";
        return cli::exit_bad_input;
    }
}
