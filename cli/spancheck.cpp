// spancheck: the command line. Exit codes: exit_codes.hpp.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "../report/search.hpp"
#include "../report/bad_input.hpp"
#include "catalog.hpp"
#include "check.hpp"
#include "../report/exit_codes.hpp"
#include "go_command.hpp"
#include "merge.hpp"
#include "../report/model_args.hpp"
#include "mutants.hpp"
#include "orders.hpp"
#include "../report/report.hpp"
#include "runners.hpp"
#include "stress_command.hpp"
#include "subprocess.hpp"
#include "variant_build.hpp"

namespace spancheck::cli {

namespace {

model::search search_or_throw(const std::string& text) {
    auto how = model::parse_search(text);
    if (!how) throw report::bad_input{"bad --search '" + text + "'; accepted: " + std::string(model::search_forms)};
    return *how;
}

std::string padded(const std::string& s, std::size_t width) {
    return s + std::string(s.size() < width ? width - s.size() : 1, ' ');
}

void list_all(std::ostream& out) {
    for (const protocol& p : protocols()) {
        out << "protocol " << p.name << ": " << p.summary << "\n  variants:\n";
        for (const entry& v : p.variants) out << "    " << padded(v.name, 16) << "(" << v.upstream << ") " << v.summary << "\n";
        out << "  scenarios:\n";
        for (const entry& s : p.scenarios) {
            out << "    " << padded(s.name, 20) << s.summary << "\n";
            if (!s.by_design.empty()) out << std::string(24, ' ') << s.by_design << "\n";
        }
    }
    out << "searches (spancheck model --search):\n"
        << "    bound:K             every schedule with at most K preemptions (exhaustive within K; default bound:3)\n"
        << "    full                every schedule (exhaustive; only the smallest scenarios finish)\n"
        << "    random:N[@SEED]     N random schedules starting from seed SEED (default 0; not exhaustive)\n";
    list_stress(out);
    out << "variant files: spancheck model|stress|check take the path of a variant file for --variant\n"
        << "    (compiled on demand and cached; see README, \"Adding a variant\"); spancheck list --sites VARIANT\n"
        << "    prints a variant's access sites and their memory orders\n";
}

// `spancheck list --sites VARIANT`: every access site with Go's order, the
// variant's, and what the order is for.
void list_sites(std::ostream& out, const std::string& variant) {
    const described_variant d = describe_variant(variant);
    const std::string& name = d.name;
    const std::string& protocol_name = d.p->name;
    const std::vector<site_row>& sites = d.sites;
    out << "access sites of " << name << " (" << protocol_name
        << "): each atomic access of the protocol, Go's order, this variant's, and what it orders\n"
        << "  " << padded("site", 22) << padded("Go", 9) << padded(name, std::max<std::size_t>(9, name.size() + 2))
        << "what the order is for\n";
    for (const site_row& s : sites) {
        out << "  " << padded(s.name, 22) << padded(s.go, 9)
            << padded(s.order == s.go ? s.order : s.order + " *", std::max<std::size_t>(9, name.size() + 2)) << s.orders
            << "\n";
    }
    out << "  (* this variant's order differs from Go's; Go's relaxed sites are plain accesses in Go, raced on "
           "on purpose)\n";
}

int run_mutants_command(const std::string& search_text, const std::string& json) {
    const model::search how = search_or_throw(search_text);
    report::report_file_or_throw(json, "--json");
    const std::vector<kill> kills = run_mutants(how);
    const bool all_killed = print_mutants(std::cout, kills);
    if (interrupted()) {
        std::cout << "INTERRUPTED: Ctrl-C or SIGTERM stopped the run; the mutants not checked are no score\n";
    }
    nlohmann::json j = mutants_json(kills, how);
    if (interrupted() && j["verdict"] == "violated") j["verdict"] = "inconclusive";
    report::write_report(json, j.dump(2) + "\n", "--json");
    if (all_killed) return report::exit_holds;
    return interrupted() ? report::exit_inconclusive : report::exit_violated;
}

// The words after `model` on the command line, to hand to the runner as they are.
std::vector<std::string> words_after(int argc, char** argv, std::string_view subcommand) {
    std::vector<std::string> out;
    bool after = false;
    for (int i = 1; i < argc; ++i) {
        if (after) out.emplace_back(argv[i]);
        after = after || subcommand == argv[i];
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"spancheck: model checking and stress testing of two lock-free protocols of Go's memory manager"};
    app.require_subcommand(1);
    app.failure_message(CLI::FailureMessage::simple);

    std::string sites_of;
    CLI::App* list = app.add_subcommand("list", "protocols, variants, scenarios and searches, one line each");
    list->add_option("--sites", sites_of, "print this variant's access sites and their memory orders instead");

    report::model_args m;
    CLI::App* model = app.add_subcommand("model", "explore a scenario's interleavings with the model checker");
    report::add_model_options(*model, m);

    std::string mutants_search = "bound:3", mutants_json_file;
    CLI::App* mutants = app.add_subcommand(
        "mutants", "run every seeded bug through its protocol's scenarios and print the mutation score");
    mutants->add_option("--search", mutants_search, "model search per scenario")->capture_default_str();
    mutants->add_option("--json", mutants_json_file, "also write the report as JSON to this file");

    stress_command stress;
    add_stress_command(app, stress);

    go_command go;
    add_go_command(app, go);

    check_args check;
    add_check_command(app, check);

    orders_args orders;
    add_orders_command(app, orders);

    merge_args merge;
    merge.program = argv[0];
    add_merge_command(app, merge);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << "spancheck: " << report::one_line(e.what()) << "; see spancheck --help\n";
        return report::exit_bad_input;
    }
    try {
        if (app.got_subcommand("list")) {
            if (!sites_of.empty()) {
                list_sites(std::cout, sites_of);
            } else {
                list_all(std::cout);
            }
            return 0;
        }
        if (app.got_subcommand("stress")) throw report::bad_input{exec_stress(stress, argv[0])};
        if (app.got_subcommand("go")) throw report::bad_input{exec_go(go)};
        if (app.got_subcommand("mutants")) return run_mutants_command(mutants_search, mutants_json_file);
        if (app.got_subcommand("check")) return run_check(check);
        if (app.got_subcommand("merge")) return run_merge(merge);
        if (app.got_subcommand("orders")) return run_orders(orders);
        throw report::bad_input{exec_model(m.variant, words_after(argc, argv, "model"), argv[0])};
    } catch (const report::bad_input& e) {
        std::cerr << "spancheck: " << report::one_line(e.message) << "\n";
        return report::exit_bad_input;
    }
}

}  // namespace spancheck::cli

int main(int argc, char** argv) { return spancheck::cli::main(argc, argv); }
