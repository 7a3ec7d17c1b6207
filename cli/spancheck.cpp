// spancheck: the command line. Exit codes: exit_codes.hpp.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <string>

#include "../model/search.hpp"
#include "bad_input.hpp"
#include "catalog.hpp"
#include "check.hpp"
#include "exit_codes.hpp"
#include "mutants.hpp"
#include "report.hpp"
#include "stress_command.hpp"

namespace spancheck::cli {

namespace {

model::search search_or_throw(const std::string& text) {
    auto how = model::parse_search(text);
    if (!how) throw bad_input{"bad --search '" + text + "'; accepted: " + std::string(model::search_forms)};
    return *how;
}

// Opened before the run, so that a bad path is reported before any work.
std::ofstream json_file_or_throw(const std::string& path) {
    std::ofstream out;
    if (path.empty()) return out;
    out.open(path);
    if (!out) throw bad_input{"cannot write --json file '" + path + "'"};
    return out;
}

void list_all(std::ostream& out) {
    for (const protocol& p : protocols()) {
        out << "protocol " << p.name << ": " << p.summary << "\n  variants:\n";
        for (const entry& v : p.variants) {
            out << "    " << v.name << std::string(v.name.size() < 16 ? 16 - v.name.size() : 1, ' ')
                << "(" << v.upstream << ") " << v.summary << "\n";
        }
        out << "  scenarios:\n";
        for (const entry& s : p.scenarios) {
            out << "    " << s.name << std::string(s.name.size() < 20 ? 20 - s.name.size() : 1, ' ') << s.summary
                << "\n";
            if (!s.by_design.empty()) out << std::string(24, ' ') << s.by_design << "\n";
        }
    }
    out << "searches (spancheck model --search):\n"
        << "    bound:K             every schedule with at most K preemptions (exhaustive within K; default bound:3)\n"
        << "    full                every schedule (exhaustive; only the smallest scenarios finish)\n"
        << "    random:N[@SEED]     N random schedules starting from seed SEED (default 0; not exhaustive)\n";
    list_stress(out);
}

struct model_args {
    std::string protocol, variant, scenario, search = "bound:3", json, replay;
    unsigned slots = 0;
    bool raw = false;
};

const protocol& resolve(const model_args& a) {
    const protocol* p = a.protocol.empty() ? protocol_of_variant(a.variant) : protocol_named(a.protocol);
    if (!a.protocol.empty() && !p) {
        std::string names;
        for (const protocol& q : protocols()) names += (names.empty() ? "" : ", ") + q.name;
        throw bad_input{"unknown protocol '" + a.protocol + "'; accepted: " + names};
    }
    if (!p || !protocol_of_variant(a.variant) || protocol_of_variant(a.variant) != p) {
        std::string names;
        for (const protocol& q : protocols()) names += (names.empty() ? "" : ", ") + names_of(q.variants);
        if (p) names = names_of(p->variants);
        throw bad_input{"unknown variant '" + a.variant + "'; accepted: " + names};
    }
    bool known = false;
    for (const entry& s : p->scenarios) known |= s.name == a.scenario;
    if (!known) {
        throw bad_input{"unknown scenario '" + a.scenario + "' for protocol " + p->name +
                        "; accepted: " + names_of(p->scenarios)};
    }
    return *p;
}

int run_model(const model_args& a, const std::string& program) {
    const protocol& p = resolve(a);
    run_info run{program, p.name, a.variant, a.scenario, 0, a.search, !a.replay.empty()};
    if (!p.model_slots.empty()) {
        run.slots = a.slots ? a.slots : p.model_slots.front();
        bool built = false;
        std::string sizes;
        for (unsigned s : p.model_slots) {
            built |= s == run.slots;
            sizes += (sizes.empty() ? "" : ", ") + std::to_string(s);
        }
        if (!built) {
            throw bad_input{"--slots " + std::to_string(a.slots) + " is not a block size the model is built for; accepted: " +
                            sizes};
        }
    } else if (a.slots) {
        throw bad_input{"--slots applies to the span set only, not to protocol " + p.name};
    }
    model::options opt;
    opt.how = search_or_throw(a.search);
    opt.replay = a.replay;
    opt.raw = a.raw;
    if (!a.replay.empty() && a.replay.find_first_not_of("0123456789,") != std::string::npos) {
        throw bad_input{"bad --replay '" + a.replay + "'; accepted: the comma-separated state printed after 'Replay:'"};
    }
    std::ofstream json_out = json_file_or_throw(a.json);

    model::outcome out = p.model(a.variant, a.scenario, run.slots, opt);
    if (auto* refusal = std::get_if<std::string>(&out)) throw bad_input{*refusal};
    const model::result& r = std::get<model::result>(out);
    if (r.replay_missed) {
        throw bad_input{"--replay state does not lead to a violation for variant " + a.variant + " on " + a.scenario +
                        " with --search " + a.search + "; accepted: a state printed by the same command"};
    }
    print_model(std::cout, run, r);
    if (a.raw && r.violated) std::cout << "\nRelacy's history of the failing execution:\n" << r.raw;
    if (json_out.is_open()) json_out << model_json(run, r).dump(2) << "\n";
    return r.violated ? exit_violated : exit_holds;
}

int run_mutants_command(const std::string& search_text, const std::string& json) {
    const model::search how = search_or_throw(search_text);
    std::ofstream json_out = json_file_or_throw(json);
    const std::vector<kill> kills = run_mutants(how);
    const bool all_killed = print_mutants(std::cout, kills);
    if (json_out.is_open()) json_out << mutants_json(kills, how).dump(2) << "\n";
    return all_killed ? exit_holds : exit_violated;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"spancheck: model checking and stress testing of two lock-free protocols of Go's memory manager"};
    app.require_subcommand(1);
    app.failure_message(CLI::FailureMessage::simple);

    app.add_subcommand("list", "protocols, variants, scenarios and searches, one line each");

    model_args m;
    CLI::App* model = app.add_subcommand("model", "explore a scenario's interleavings with the Relacy model checker");
    model->add_option("--variant", m.variant, "protocol variant, e.g. used or popped (see spancheck list)")->required();
    model->add_option("--scenario", m.scenario, "scenario, e.g. two-poppers (see spancheck list)")->required();
    model->add_option("--protocol", m.protocol, "protocol (default: the one that has the variant)");
    model->add_option("--slots", m.slots, "span set slots per block (model: 2 or 4; default 2)");
    model->add_option("--search", m.search, std::string("how to explore: ") + std::string(model::search_forms))
        ->capture_default_str();
    model->add_option("--json", m.json, "also write the report as JSON to this file");
    model->add_option("--replay", m.replay, "run the one execution a previous run printed after 'Replay:'");
    model->add_flag("--raw", m.raw, "also print Relacy's own history of the failing execution");

    std::string mutants_search = "bound:3", mutants_json_file;
    CLI::App* mutants = app.add_subcommand(
        "mutants", "run every seeded bug through its protocol's scenarios and print the mutation score");
    mutants->add_option("--search", mutants_search, "model search per scenario")->capture_default_str();
    mutants->add_option("--json", mutants_json_file, "also write the report as JSON to this file");

    stress_command stress;
    add_stress_command(app, stress);

    check_args check;
    add_check_command(app, check);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << "spancheck: " << e.what() << "; see spancheck --help\n";
        return exit_bad_input;
    }
    try {
        if (app.got_subcommand("list")) {
            list_all(std::cout);
            return 0;
        }
        if (app.got_subcommand("stress")) throw bad_input{exec_stress(stress, argv[0])};
        if (app.got_subcommand("mutants")) return run_mutants_command(mutants_search, mutants_json_file);
        if (app.got_subcommand("check")) return run_check(check);
        return run_model(m, argv[0]);
    } catch (const bad_input& e) {
        std::cerr << "spancheck: " << e.message << "\n";
        return exit_bad_input;
    }
}

}  // namespace spancheck::cli

int main(int argc, char** argv) { return spancheck::cli::main(argc, argv); }
