#include "orders.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <optional>

#include "../report/bad_input.hpp"
#include "catalog.hpp"
#include "../report/exit_codes.hpp"
#include "../report/report.hpp"
#include "runners.hpp"
#include "variant_options.hpp"
#include "subprocess.hpp"
#include "variant_build.hpp"

#include "../impl/sites.hpp"
#include "../report/search.hpp"

namespace spancheck::cli {

namespace {

using nlohmann::json;

// What one scenario run with one set of orders found.
struct scenario_run {
    std::string scenario;
    std::string verdict;  // holds, violated, documented, inconclusive, refused, crashed, not run
    std::string kind, replay, why;
};

// Runs of every scenario with one --orders spec ("" for the variant's own).
struct config {
    std::string spec;
    std::vector<scenario_run> runs;
    // The first run, in catalog order, of a judged scenario that does not
    // hold (a documented violation is the scenario failing by design: it holds).
    const scenario_run* first_break(const std::vector<std::string>& judged) const {
        for (const scenario_run& r : runs) {
            if (std::find(judged.begin(), judged.end(), r.scenario) == judged.end()) continue;
            if (r.verdict != "holds" && r.verdict != "documented") return &r;
        }
        return nullptr;
    }
};

// The stress columns of check, smaller: evidence on real threads, quickly.
const std::vector<std::string> stress_plain = {"stress", "--trials", "2000", "--perturb", "pct:2", "--seed", "1"};
const std::vector<std::string> stress_tsan = {"stress", "--tsan", "--trials", "500", "--perturb", "pct:2", "--seed", "1"};

scenario_run read_run(const std::string& scenario, const reporting_child& c) {
    scenario_run r{scenario, "", "", "", ""};
    if (c.not_run) {
        r.verdict = "not run";
        return r;
    }
    if (c.signal) {
        r.verdict = "crashed";
        r.why = "signal " + std::to_string(c.signal);
        return r;
    }
    const json& j = c.report;
    if (c.exit_code == report::exit_bad_input || !j.is_object()) {
        r.verdict = "refused";
        r.why = c.err.substr(0, c.err.find('\n'));
        return r;
    }
    r.verdict = j.value("verdict", "crashed");
    if (r.verdict == "violated") {
        r.kind = j["violation"].value("kind", "");
        r.replay = j.value("replay_command", j.value("rerun_command", ""));
        if (j.contains("documented") && j["documented"].is_string()) r.verdict = "documented";
    }
    return r;
}

// Every (spec, scenario) pair as a child process, `jobs` at a time: the
// executor's arguments, then --variant, --scenario and --orders.
std::vector<config> run_configs(const std::string& variant, const std::vector<std::string>& executor,
                                const std::vector<std::string>& specs, const std::vector<std::string>& scenarios,
                                unsigned jobs) {
    const std::string self = self_path();
    std::vector<std::vector<std::string>> commands;
    for (const std::string& spec : specs) {
        for (const std::string& s : scenarios) {
            std::vector<std::string> cmd = {self};
            cmd.insert(cmd.end(), executor.begin(), executor.end());
            cmd.insert(cmd.end(), {"--variant", variant, "--scenario", s});
            if (!spec.empty()) cmd.insert(cmd.end(), {"--orders", spec});
            commands.push_back(std::move(cmd));
        }
    }
    const std::vector<reporting_child> results = run_reporting_children(commands, jobs);
    std::vector<config> out;
    std::size_t k = 0;
    for (const std::string& spec : specs) {
        config c{spec, {}};
        for (const std::string& s : scenarios) c.runs.push_back(read_run(s, results[k++]));
        out.push_back(std::move(c));
    }
    return out;
}

access_kind kind_named(const std::string& name) {
    for (access_kind k : {access_kind::load, access_kind::store, access_kind::rmw, access_kind::fence}) {
        if (access_kind_name(k) == name) return k;
    }
    return access_kind::rmw;
}

std::memory_order order_or_seq_cst(const std::string& name) {
    return order_named(name).value_or(std::memory_order_seq_cst);
}

// One site's finding.
struct site_finding {
    site_row row;
    std::vector<std::memory_order> ladder;  // the weaker orders to try, strongest first
    std::size_t held = 0;                   // how many of them held, in turn
    std::optional<scenario_run> broke;      // at ladder[held], if it was tried and broke
    std::string spec(std::size_t i) const { return row.name + "=" + std::string(order_name(ladder[i])); }
    std::string weakest() const { return held ? std::string(order_name(ladder[held - 1])) : row.order; }
    std::string stress;                     // stress on real threads, for a weakening that held
};

// "premature-free on two-poppers"
std::string what_broke(const scenario_run& r) {
    if (r.verdict == "violated") return r.kind + " on " + r.scenario;
    return r.verdict + " on " + r.scenario + (r.why.empty() ? "" : " (" + r.why + ")");
}

json run_json(const scenario_run& r) {
    return {{"scenario", r.scenario}, {"verdict", r.verdict}, {"kind", r.kind}, {"replay_command", r.replay}};
}

}  // namespace

void add_orders_command(CLI::App& app, orders_args& a) {
    CLI::App* c = app.add_subcommand(
        "orders", "which memory orders a variant needs: each access site weakened alone, under every scenario");
    add_variant_options(c, a.variant, a.protocol, "the variant");
    c->add_option("--search", a.search, "the weak-memory search per scenario (Relacy): bound:K or full")
        ->capture_default_str();
    c->add_flag("--no-stress", a.no_stress, "do not confirm the weakenings that hold on real threads");
    c->add_option("--json", a.json, "also write the report as JSON to this file");
    c->add_option("-j,--jobs", a.jobs, "runs at once")->capture_default_str()->check(CLI::Range(1, 64));
}

int run_orders(const orders_args& a) {
    const auto t0 = std::chrono::steady_clock::now();
    if (a.variant.empty()) throw report::bad_input{"no variant; accepted: spancheck orders VARIANT, a name or a variant file"};
    const auto how = model::parse_search(a.search);
    if (!how || how->k == model::search::kind::dpor || how->k == model::search::kind::random) {
        throw report::bad_input{"bad --search '" + a.search + "' for orders; accepted: bound:K or full (Relacy, which "
                        "explores weak memory; the explorer is sequentially consistent)"};
    }
    if (names_a_file(a.variant)) build_variant(a.variant, {build_kind::model, build_kind::stress, build_kind::stress_tsan});
    const described_variant d = describe_variant(a.variant);
    if (!a.protocol.empty() && a.protocol != d.p->name) {
        throw report::bad_input{"variant " + d.name + " is of protocol " + d.p->name + ", not " + a.protocol};
    }
    report::report_file_or_throw(a.json, "--json");
    std::vector<std::string> scenarios;
    for (const entry& s : d.p->scenarios) scenarios.push_back(s.name);
    const std::vector<std::string> model_executor = {"model", "--search", a.search};

    std::vector<site_finding> sites;
    for (const site_row& row : d.sites) {
        site_finding f{row, {}, 0, std::nullopt, ""};
        const access_kind k = kind_named(row.kind);
        for (std::memory_order mo = order_or_seq_cst(row.order);;) {
            const std::memory_order weaker = one_step_weaker(k, mo);
            if (weaker == mo) break;
            f.ladder.push_back(weaker);
            mo = weaker;
        }
        sites.push_back(std::move(f));
    }

    // Round 0: the variant's own orders, each site one step weaker, and all
    // sites together at most acquire/release and relaxed.
    const std::vector<std::string> together = {"all=acq_rel", "all=relaxed"};
    std::vector<std::string> specs = {""};
    std::vector<std::size_t> trying;  // the sites of specs[1..], in order
    for (std::size_t i = 0; i < sites.size(); ++i) {
        if (sites[i].ladder.empty()) continue;
        specs.push_back(sites[i].spec(0));
        trying.push_back(i);
    }
    specs.insert(specs.end(), together.begin(), together.end());
    std::cerr << "spancheck orders: " << d.name << ": " << specs.size() * scenarios.size() << " model runs ("
              << a.search << "), then the weaker steps of the sites that hold\n";
    std::vector<config> first = run_configs(a.variant, model_executor, specs, scenarios, a.jobs);
    const config baseline = first.front();
    std::vector<std::string> judged;  // the scenarios the variant itself holds on (or fails by design)
    for (const scenario_run& r : baseline.runs) {
        if (r.verdict == "holds" || r.verdict == "documented") judged.push_back(r.scenario);
    }
    std::vector<config> joint(first.end() - 2, first.end());
    std::vector<config> round(first.begin() + 1, first.end() - 2);
    // Each next round: the sites whose last weakening held, one step weaker.
    while (!trying.empty() && !interrupted()) {
        std::vector<std::size_t> next;
        std::vector<std::string> next_specs;
        for (std::size_t t = 0; t < trying.size(); ++t) {
            site_finding& f = sites[trying[t]];
            if (const scenario_run* b = round[t].first_break(judged)) {
                f.broke = *b;
                continue;
            }
            ++f.held;
            if (f.held < f.ladder.size()) {
                next.push_back(trying[t]);
                next_specs.push_back(f.spec(f.held));
            }
        }
        trying = std::move(next);
        if (!trying.empty()) round = run_configs(a.variant, model_executor, next_specs, scenarios, a.jobs);
    }

    // Stress on real threads: every weakening that held, all at once; where
    // that breaks, each alone.
    std::string combined;
    for (const site_finding& f : sites) {
        if (f.held) combined += (combined.empty() ? "" : ",") + f.spec(f.held - 1);
    }
    // Every weakening that held alone, at once: under the model too.
    if (!combined.empty() && !interrupted()) {
        joint.push_back(run_configs(a.variant, model_executor, {combined}, scenarios, a.jobs).front());
    }
    json stress_runs = nullptr;
    std::vector<scenario_run> stress_breaks;  // with every ~ weakening at once
    std::vector<std::string> stress_unhit;
    std::map<std::string, int> stress_held;  // by executor
    const bool stressed = !a.no_stress && d.p->stress && !combined.empty() && !interrupted();
    if (stressed) {
        stress_runs = json::array();
        std::vector<std::pair<std::string, std::string>> failing;  // executor, scenario
        for (const auto* executor : {&stress_plain, &stress_tsan}) {
            const std::string name = executor == &stress_plain ? "stress" : "stress-tsan";
            const config c = run_configs(a.variant, *executor, {combined}, judged, a.jobs).front();
            for (scenario_run r : c.runs) {
                stress_runs.push_back({{"executor", name}, {"orders", combined}, {"run", run_json(r)}});
                if (r.verdict == "holds" || r.verdict == "documented") ++stress_held[name];
                if (r.verdict == "inconclusive") stress_unhit.push_back(name + " on " + r.scenario);
                if (r.verdict == "violated" || r.verdict == "crashed") {
                    failing.emplace_back(name, r.scenario);
                    r.scenario += " (" + name + ")";
                    stress_breaks.push_back(r);
                }
            }
        }
        // Where they break together, each alone (one batch per executor).
        std::vector<std::size_t> held;
        std::vector<std::string> alone;
        for (std::size_t i = 0; i < sites.size(); ++i) {
            if (!sites[i].held) continue;
            held.push_back(i);
            alone.push_back(sites[i].spec(sites[i].held - 1));
        }
        for (const auto* executor : {&stress_plain, &stress_tsan}) {
            const std::string name = executor == &stress_plain ? "stress" : "stress-tsan";
            std::vector<std::string> where;
            for (const auto& [e, scenario] : failing) {
                if (e == name) where.push_back(scenario);
            }
            if (where.empty()) continue;
            const std::vector<config> runs = run_configs(a.variant, *executor, alone, where, a.jobs);
            for (std::size_t k = 0; k < held.size(); ++k) {
                site_finding& f = sites[held[k]];
                if (!f.stress.empty()) continue;
                for (const scenario_run& r : runs[k].runs) {
                    if (r.verdict != "violated" && r.verdict != "crashed") continue;
                    f.stress = name + ": " + what_broke(r);
                    break;
                }
            }
        }
    }

    // The table.
    std::vector<std::string> replays;
    const auto ref = [&](const scenario_run& r) {
        if (r.replay.empty()) return std::string();
        replays.push_back(r.replay);
        return " [" + std::to_string(replays.size()) + "]";
    };
    std::cout << "Memory orders of " << d.name << " (" << d.p->name << "): each access site weakened alone, one step "
              << "at a time; every scenario under Relacy (weak memory), search " << a.search << "\n\n";
    if (judged.size() < scenarios.size()) {
        std::cout << "The variant itself does not hold on";
        for (const scenario_run& r : baseline.runs) {
            if (std::find(judged.begin(), judged.end(), r.scenario) == judged.end()) {
                std::cout << " " << what_broke(r) << ";";
            }
        }
        std::cout << " those scenarios are left out of the verdicts below.\n\n";
    }
    std::size_t w = 6;
    for (const site_finding& f : sites) w = std::max(w, f.row.name.size() + 2);
    const std::size_t own_w = std::max<std::size_t>(9, d.name.size() + 2);
    std::cout << report::pad("site", w) << report::pad("kind", 7) << report::pad(d.name, own_w) << report::pad("weakest that holds", 21)
              << report::pad("breaks with", 13) << "what breaks" << "\n";
    json site_rows = json::array();
    std::vector<std::string> needed, at_least, relaxable;  // by what the site turned out to need
    for (const site_finding& f : sites) {
        std::string weakest = f.weakest(), breaks = "-", what;
        if (f.ladder.empty()) {
            weakest += f.row.go == "relaxed" ? " (Go: plain)" : "";
        } else if (f.held) {
            weakest += " ~";
        } else {
            weakest += " (needed)";
        }
        if (!f.ladder.empty()) {
            (!f.held ? needed : f.held < f.ladder.size() ? at_least : relaxable).push_back(f.row.name);
        }
        if (f.broke) {
            breaks = std::string(order_name(f.ladder[f.held]));
            what = what_broke(*f.broke) + ref(*f.broke);
        }
        if (!f.stress.empty()) what += (what.empty() ? "" : "; ") + std::string("alone under ") + f.stress;
        std::cout << report::pad(f.row.name, w) << report::pad(f.row.kind, 7) << report::pad(f.row.order, own_w) << report::pad(weakest, 21)
                  << report::pad(breaks, 13) << what << "\n";
        json tried = json::array();
        for (std::size_t i = 0; i < f.held; ++i) tried.push_back({{"order", order_name(f.ladder[i])}, {"verdict", "holds"}});
        if (f.broke) {
            tried.push_back({{"order", order_name(f.ladder[f.held])}, {"verdict", "breaks"}, {"run", run_json(*f.broke)}});
        }
        site_rows.push_back({{"site", f.row.name}, {"kind", f.row.kind}, {"go", f.row.go}, {"order", f.row.order},
                             {"orders", f.row.orders}, {"weakest_holding", f.weakest()},
                             {"necessary", !f.ladder.empty() && !f.held}, {"tried", tried},
                             {"stress", !stressed || !f.held ? json(nullptr) : json(f.stress.empty() ? "no violation" : f.stress)}});
    }
    std::cout << "\n";
    json joint_rows = json::array();
    for (const config& c : joint) {
        const scenario_run* b = c.first_break(judged);
        const std::string what = c.spec == "all=acq_rel"   ? "Every site at most acquire/release (all=acq_rel)"
                                 : c.spec == "all=relaxed" ? "Every site relaxed (all=relaxed)"
                                                           : "Every ~ weakening at once";
        std::cout << what << ": " << (b ? "breaks: " + what_broke(*b) + ref(*b) : "holds on every scenario") << "\n";
        json runs = json::array();
        for (const scenario_run& r : c.runs) runs.push_back(run_json(r));
        joint_rows.push_back({{"orders", c.spec}, {"holds", !b}, {"runs", runs}});
    }
    if (stressed) {
        std::cout << "\nStress on real threads, every ~ weakening at once, on each scenario the variant holds on "
                     "(2000 trials plain, 500 under ThreadSanitizer, pct:2, seed 1): no violation on "
                  << stress_held["stress"] << " of " << judged.size() << " plain, " << stress_held["stress-tsan"]
                  << " of " << judged.size() << " under ThreadSanitizer";
        if (!stress_unhit.empty()) {
            std::cout << "; window never hit (untested):";
            for (const std::string& u : stress_unhit) std::cout << " " << u << ";";
        }
        std::cout << "\n";
        if (!stress_breaks.empty()) {
            std::cout << "  Together they break:";
            for (const scenario_run& r : stress_breaks) std::cout << " " << what_broke(r) << ref(r) << ";";
            std::cout << "\n  Each alone was run there again (column what breaks says where one breaks alone): a "
                         "site can be weakened only while the others keep their orders.\n";
        }
        std::cout << "  x86 does not reorder loads with loads nor stores with stores, so stress here rarely shows a "
                     "missing acquire or release: it confirms, it does not prove.\n";
    }
    const auto listed = [](const std::vector<std::string>& v) {
        std::string s;
        for (const std::string& n : v) s += (s.empty() ? "" : ", ") + n;
        return s.empty() ? std::string("none") : s;
    };
    std::cout << "\nNeeded as " << d.name << " has them (" << needed.size() << "): " << listed(needed) << "\n"
              << "Needed at least as in the column weakest that holds (" << at_least.size() << "): " << listed(at_least)
              << "\nCan be relaxed alone (" << relaxable.size() << "): " << listed(relaxable) << "\n"
              << "~ means no violation found, not proved: Relacy explores weak memory in part (a load reads from a "
                 "bounded history of stores, within "
              << a.search << "), and only the scenarios' shapes. What each site orders: spancheck list --sites "
              << a.variant << "\n";
    if (!replays.empty()) {
        std::cout << "\nReplays:\n";
        for (std::size_t i = 0; i < replays.size(); ++i) std::cout << "  [" << i + 1 << "] " << replays[i] << "\n";
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "\n" << report::duration(seconds) << "\n";
    if (interrupted()) std::cout << "INTERRUPTED: Ctrl-C or SIGTERM stopped the run; the table is incomplete\n";
    std::cout.flush();

    if (!a.json.empty()) {
        json j = {{"schema", "spancheck-report/1"}, {"command", "orders"}, {"protocol", d.p->name},
                  {"variant", d.name}, {"search", a.search}, {"version", report::version}};
        j["verdict"] = interrupted() ? "inconclusive" : "complete";
        j["judged_scenarios"] = judged;
        j["sites"] = site_rows;
        j["together"] = joint_rows;
        j["stress"] = stress_runs;
        j["seconds"] = seconds;
        report::write_report(a.json, j.dump(2) + "\n", "--json");
    }
    return interrupted() ? report::exit_inconclusive : report::exit_holds;
}

}  // namespace spancheck::cli
