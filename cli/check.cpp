#include "check.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <iostream>
#include <optional>

#include "../report/bad_input.hpp"
#include "catalog.hpp"
#include "../report/exit_codes.hpp"
#include "../report/model_args.hpp"
#include "../pictures/picture.hpp"
#include "../report/report.hpp"
#include "../report/report_pictures.hpp"
#include "runners.hpp"
#include "variant_options.hpp"
#include "subprocess.hpp"
#include "variant_build.hpp"

#include "../support/fnv1a.hpp"

namespace spancheck::cli {

namespace {

// An executor, as a column of the matrix: the spancheck arguments that run
// one scenario with it.
struct column {
    std::string name;
    std::vector<std::string> args;
    bool stress = false;                 // needs the protocol's stress support
    std::vector<std::string> scenarios;  // the scenarios it applies to; empty: all
};

std::vector<column> columns(const protocol& p, bool thorough) {
    std::vector<column> cols;
    // The stress columns' perturbation: pct with one change point orders the
    // threads by seeded priorities, so every scenario's race window is hit
    // in 6-50% of trials on both builds, even with other cells running
    // (random: push-pop 0-3 and trusted-pointer 0-600 hits per 1,000 under
    // ThreadSanitizer, depending on the load).
    const std::string policy = "pct:2";
    // Two model engines, each for what it proves: the explorer every
    // sequentially consistent interleaving (Go's atomics are SC), within a
    // time budget (a cell it cannot finish is inconclusive, not a pass);
    // Relacy weak-memory outcomes, in part, within a preemption bound.
    if (!thorough) {
        cols.push_back({"model dpor", {"model", "--search", "dpor", "--seconds", "20"}, false, {}});
        cols.push_back({"model bound:2", {"model", "--search", "bound:2"}, false, {}});
        cols.push_back({"stress", {"stress", "--trials", "2000", "--perturb", policy, "--seed", "1"}, true, {}});
        cols.push_back({"stress-tsan", {"stress", "--tsan", "--trials", "1000", "--perturb", policy, "--seed", "1"}, true, {}});
    } else {
        cols.push_back({"model dpor", {"model", "--search", "dpor", "--seconds", "120"}, false, {}});
        if (!p.model_slots.empty()) {
            cols.push_back({"model dpor N=4", {"model", "--search", "dpor", "--slots", "4", "--seconds", "120"}, false, {}});
        }
        cols.push_back({"model bound:3", {"model", "--search", "bound:3"}, false, {}});
        cols.push_back({"model full", {"model", "--search", "full"}, false, p.full_search_scenarios});
        cols.push_back({"stress", {"stress", "--trials", "50000", "--perturb", policy, "--seed", "1"}, true, {}});
        if (!p.go_size_scenarios.empty()) {
            cols.push_back({"stress N=512",
                            {"stress", "--slots", "512", "--trials", "5000", "--perturb", policy, "--seed", "1"},
                            true, p.go_size_scenarios});
        }
        cols.push_back({"stress-tsan", {"stress", "--tsan", "--trials", "5000", "--perturb", policy, "--seed", "1"}, true, {}});
    }
    std::erase_if(cols, [&](const column& c) {
        return (c.stress && !p.stress) || (c.name == "model full" && c.scenarios.empty());
    });
    return cols;
}

struct cell {
    std::string variant, scenario, executor;
    std::string verdict;  // holds, documented, violated, inconclusive, crashed, refused
    std::string kind, text, detail;
    std::string documented;  // verdict documented: why the scenario fails this way by design
    double seconds = 0;
    nlohmann::json report;
};

cell read_cell(const std::string& variant, const std::string& scenario, const column& col, const reporting_child& c) {
    cell x;
    x.variant = variant;
    x.scenario = scenario;
    x.executor = col.name;
    x.detail = c.out;
    if (c.not_run) {
        x.verdict = "inconclusive";
        x.text = "not run (interrupted)";
        return x;
    }
    if (c.signal) {
        x.verdict = "crashed";
        x.text = "crashed: signal " + std::to_string(c.signal);
        x.detail = c.out + c.err;
        return x;
    }
    if (c.exit_code == report::exit_bad_input || !c.report.is_object()) {
        x.verdict = "refused";
        x.text = "n/a";
        x.detail = c.err;
        return x;
    }
    x.report = c.report;
    x.verdict = x.report.value("verdict", "crashed");
    x.seconds = x.report.value("seconds", 0.0);
    if (x.verdict == "violated") {
        x.kind = x.report["violation"].value("kind", "");
        x.text = "VIOLATED: " + x.kind;
        // The executor judged the violation against what the scenario
        // documents (scenarios/documented.hpp) and said so in its report;
        // check takes its word, whichever executor it is.
        if (const auto d = x.report.find("documented"); d != x.report.end() && d->is_string() && !d->empty()) {
            x.verdict = "documented";
            x.documented = d->get<std::string>();
            x.text = "documented: " + x.kind;
        }
    } else if (x.verdict == "holds") {
        if (x.report.contains("trials")) {
            x.text = "holds (" + std::to_string(x.report["trials"].get<std::uint64_t>()) + " trials)";
        } else {
            const std::string search = x.report.value("search", "");
            x.text = "holds (" + std::to_string(x.report.value("executions", std::uint64_t(0))) + ", " +
                     (x.report.value("exhaustive", false) ? search : search + ", not exhaustive") + ")";
        }
    } else if (x.verdict == "inconclusive" && x.report.contains("stopped_by") && x.report["stopped_by"].is_string()) {
        x.text = "inconclusive (" + x.report["stopped_by"].get<std::string>() + ")";
    } else {
        x.text = x.verdict;
    }
    return x;
}

// Every cell of the variants' matrices, in the order check runs them; with
// --shard I/N, the cells shuffled by a hash of their names are dealt out in
// turn, so that each part gets a share of every kind of work (dealt in
// order, a part would get whole columns when N divides their number).
struct planned {
    std::string variant, scenario;
    const column* col;
    unsigned part;
};

std::vector<planned> plan_cells(const protocol& p, const std::vector<std::string>& variants,
                                const std::vector<column>& cols, unsigned parts) {
    std::vector<planned> plan;
    for (const auto& v : variants) {
        for (const entry& s : p.scenarios) {
            for (const column& col : cols) {
                if (!col.scenarios.empty() &&
                    std::find(col.scenarios.begin(), col.scenarios.end(), s.name) == col.scenarios.end()) {
                    continue;
                }
                plan.push_back({v, s.name, &col, 0});
            }
        }
    }
    if (parts) {
        std::vector<std::size_t> order(plan.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        const auto key = [&](std::size_t k) {
            return fnv1a().add(plan[k].variant).add("|").add(plan[k].scenario).add("|").add(plan[k].col->name).h;
        };
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
        for (std::size_t k = 0; k < order.size(); ++k) plan[order[k]].part = unsigned(k % parts) + 1;
    }
    return plan;
}

// A cell another part runs (--shard), or whose part's report is missing (merge).
cell placeholder(const planned& c, const std::string& verdict) {
    cell x;
    x.variant = c.variant;
    x.scenario = c.scenario;
    x.executor = c.col->name;
    x.verdict = verdict;
    x.text = (verdict == "missing" ? "missing (part " : "(part ") + std::to_string(c.part) + ")";
    return x;
}

// The planned cells of part `part` (0: all), run as child processes.
std::vector<cell> run_matrix(const std::vector<planned>& plan, unsigned part, unsigned jobs) {
    std::vector<std::vector<std::string>> commands;
    const std::string self = self_path();
    for (const planned& c : plan) {
        if (part && c.part != part) continue;
        std::vector<std::string> cmd = {self};
        cmd.insert(cmd.end(), c.col->args.begin(), c.col->args.end());
        cmd.insert(cmd.end(), {"--variant", c.variant, "--scenario", c.scenario});
        commands.push_back(cmd);
    }
    const std::vector<reporting_child> results = run_reporting_children(commands, jobs);
    std::vector<cell> cells;
    std::size_t k = 0;
    for (const planned& c : plan) {
        if (part && c.part != part) {
            cells.push_back(placeholder(c, "elsewhere"));
            continue;
        }
        cells.push_back(read_cell(c.variant, c.scenario, *c.col, results[k++]));
    }
    return cells;
}

const cell* find_cell(const std::vector<cell>& cells, const std::string& v, const std::string& s, const std::string& e) {
    for (const cell& c : cells) {
        if (c.variant == v && c.scenario == s && c.executor == e) return &c;
    }
    return nullptr;
}

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char ch : s) {
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += ch;
        }
    }
    return out;
}

// The matrix as one self-contained page: each cell coloured by verdict, each
// counterexample drawn as thread lanes with its narrative and replay line.
// A matrix to show: run by check (all of it or one part), or merged from parts.
struct matrix {
    const protocol* p;
    std::string variant, against;
    bool thorough = false;
    std::vector<column> cols;
    std::vector<cell> cells;
    unsigned part = 0, parts = 0;  // check --shard I/N
    bool merged = false;           // spancheck merge of N parts
    std::vector<std::string> problems;  // merge: why the parts do not add up to the whole matrix
    std::string title() const {
        std::string t = "spancheck check: " + variant + " (" + p->name + "), " + (thorough ? "thorough" : "quick");
        if (part) t += ", part " + std::to_string(part) + " of " + std::to_string(parts);
        if (merged) t += ", " + std::to_string(parts) + " parts merged";
        return t;
    }
};

std::string html_page(const matrix& mx, const nlohmann::json& differences) {
    const protocol& p = *mx.p;
    pictures::matrix m;
    m.title = mx.title();
    m.subtitle = "every scenario of the protocol under every executor, each cell in a child process" +
                 (mx.against.empty() ? std::string() : "; against " + mx.against);
    for (const column& col : mx.cols) m.columns.push_back(col.name);
    for (const entry& s : p.scenarios) {
        std::vector<pictures::cell> row;
        for (const column& col : mx.cols) {
            const cell* c = find_cell(mx.cells, mx.variant, s.name, col.name);
            pictures::cell out;
            out.text = c ? c->text : "-";
            out.verdict = c ? c->verdict : "refused";
            if (c) {
                out.narrative = c->detail;
                out.note = c->documented;
                out.replay = c->report.value("replay_command", c->report.value("rerun_command", ""));
                if (c->verdict == "violated" && c->report.value("command", "") == "model") {
                    out.counterexample = report::picture_of(report::model_run_from_json(c->report, "spancheck"),
                                                    report::model_result_from_json(c->report));
                }
            }
            row.push_back(std::move(out));
        }
        m.rows.emplace_back(s.name, std::move(row));
    }
    for (const auto& d : differences) {
        m.notes.push_back(d.value("change", "") + ": " + d.value("scenario", "") + " × " + d.value("executor", "") + ": " +
                          d.value("baseline", "") + " → " + d.value("variant", ""));
    }
    m.notes.push_back("model dpor: the explorer, every sequentially consistent interleaving up to equivalence; "
                      "model bound:K: Relacy, weak-memory outcomes in part, within K preemptions");
    return pictures::html(m);
}

void write_junit(std::ostream& out, const std::string& protocol, const std::string& variant,
                 const std::vector<cell>& cells) {
    int failures = 0, skipped = 0, tests = 0;
    for (const cell& c : cells) {
        if (c.variant != variant) continue;
        ++tests;
        failures += c.verdict == "violated" || c.verdict == "crashed";
        skipped += c.verdict == "refused" || c.verdict == "inconclusive";
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"spancheck check "
        << xml_escape(variant) << "\" tests=\"" << tests << "\" failures=\"" << failures << "\" skipped=\"" << skipped
        << "\">\n";
    for (const cell& c : cells) {
        if (c.variant != variant) continue;
        out << "    <testcase classname=\"" << xml_escape(protocol + "." + variant + "." + c.scenario) << "\" name=\""
            << xml_escape(c.executor) << "\" time=\"" << c.seconds << "\">";
        if (c.verdict == "violated" || c.verdict == "crashed") {
            out << "\n      <failure message=\"" << xml_escape(c.text) << "\">" << xml_escape(c.detail)
                << "</failure>\n    ";
        } else if (c.verdict == "refused" || c.verdict == "inconclusive") {
            out << "<skipped message=\"" << xml_escape(c.verdict) << "\"/>";
        } else if (c.verdict == "documented") {
            // Passed: the scenario failed as its documentation says it must.
            out << "\n      <properties><property name=\"documented\" value=\"" << xml_escape(c.kind)
                << "\"/></properties>\n      <system-out>" << xml_escape(c.text + ", by design: " + c.documented)
                << "</system-out>\n    ";
        }
        out << "</testcase>\n";
    }
    out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace

void add_check_command(CLI::App& app, check_args& a) {
    CLI::App* c = app.add_subcommand(
        "check", "run a variant through every scenario and executor and print the verdict matrix");
    add_variant_options(c, a.variant, a.protocol, "the variant to check");
    c->add_option("--against", a.against, "a baseline variant of the same protocol: mark where verdicts differ");
    auto* quick = c->add_flag("--quick", a.quick, "a pre-commit check, about 10 s (the default)");
    c->add_flag("--thorough", a.thorough, "the pre-porting run: deeper searches, bigger budgets, Go's block size")
        ->excludes(quick);
    c->add_option("--json", a.json, "also write the matrix as JSON to this file");
    c->add_option("--junit", a.junit, "also write JUnit XML, one test case per cell, to this file");
    c->add_option("--html", a.html, "also write the matrix as one self-contained HTML page, DIR/index.html, with "
                                    "each counterexample drawn as thread lanes");
    c->add_option("-j,--jobs", a.jobs, "executors run at once")->capture_default_str()->check(CLI::Range(1, 64));
    c->add_option("--shard", a.shard, "run part I of N of the matrix's cells (I/N, or env/N to read I from "
                                      "JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID); spancheck merge the parts");
}

namespace {

// Prints the matrix, its differences from the baseline, the documented cells
// and each counterexample; writes the reports. The exit code of check.
int report_matrix(const matrix& m, const check_args& a) {
    const protocol& p = *m.p;
    std::size_t first = 8;
    for (const entry& s : p.scenarios) first = std::max(first, s.name.size() + 2);
    std::vector<std::size_t> widths;
    for (const column& col : m.cols) {
        std::size_t w = col.name.size() + 2;
        for (const cell& c : m.cells) {
            if (c.executor == col.name) w = std::max(w, c.text.size() + 2);
        }
        widths.push_back(w);
    }
    std::cout << m.title() << "\n\n" << report::pad("scenario", first);
    for (std::size_t i = 0; i < m.cols.size(); ++i) std::cout << report::pad(m.cols[i].name, widths[i]);
    std::cout << "\n";
    bool violated = false, inconclusive = !m.problems.empty();
    for (const entry& s : p.scenarios) {
        std::cout << report::pad(s.name, first);
        for (std::size_t i = 0; i < m.cols.size(); ++i) {
            const cell* c = find_cell(m.cells, m.variant, s.name, m.cols[i].name);
            std::cout << report::pad(c ? c->text : "-", widths[i]);
            if (c) {
                violated |= c->verdict == "violated" || c->verdict == "crashed";
                inconclusive |= c->verdict == "inconclusive" || c->verdict == "missing";
            }
        }
        std::cout << "\n";
    }

    // Where the variant differs from its baseline.
    nlohmann::json differences = nlohmann::json::array();
    if (!m.against.empty()) {
        std::cout << "\nAgainst " << m.against << ":\n";
        for (const cell& c : m.cells) {
            if (c.variant != m.variant) continue;
            const cell* base = find_cell(m.cells, m.against, c.scenario, c.executor);
            if (!base || base->verdict == c.verdict) continue;
            // A documented cell fails by design, so it breaks nothing; next
            // to a baseline that holds it is a change to look at, not a
            // regression. A variant that holds where the baseline failed by
            // design (hardened against 7de15e36 on late-limit) newly holds.
            const bool base_ok = base->verdict == "holds" || base->verdict == "documented";
            const bool base_failed = base->verdict == "violated" || base->verdict == "documented";
            const std::string change = c.verdict == "violated" && base_ok     ? "newly broken"
                                       : c.verdict == "holds" && base_failed ? "newly holds"
                                                                             : "changed";
            std::cout << "  " << change << ": " << c.scenario << " × " << c.executor << ": " << base->text << " → "
                      << c.text << "\n";
            differences.push_back({{"scenario", c.scenario}, {"executor", c.executor}, {"change", change},
                                   {"baseline", base->text}, {"variant", c.text}});
        }
        if (differences.empty()) std::cout << "  same verdict in every cell\n";
    }

    // The cells that failed as documented: not counted, but shown with the
    // reason, and with how to see the run (its counterexample is Go's
    // throw or race, which the reason already names).
    bool any_documented = false;
    for (const cell& c : m.cells) {
        if (c.variant != m.variant || c.verdict != "documented") continue;
        if (!any_documented) std::cout << "\nDocumented (fails by design, not counted):\n";
        any_documented = true;
        std::cout << "  " << c.scenario << " × " << c.executor << ": " << c.kind << ": " << c.documented << "\n";
        const std::string see = c.report.value("replay_command", c.report.value("rerun_command", ""));
        if (!see.empty()) std::cout << "    see: " << see << "\n";
    }

    // Each counterexample, as its executor printed it (narrative and replay line).
    for (const cell& c : m.cells) {
        if (c.variant != m.variant || (c.verdict != "violated" && c.verdict != "crashed")) continue;
        std::cout << "\n── " << c.scenario << " × " << c.executor << " ──\n" << c.detail;
    }

    std::cout << "\nEngines: model dpor is the explorer: every sequentially consistent interleaving (Go's atomics are "
                 "sequentially consistent), up to equivalence; model bound:K is Relacy: weak-memory outcomes in "
                 "part, within K preemptions; stress runs real threads, stress-tsan under ThreadSanitizer.\n";
    if (interrupted()) {
        std::cout << "\nINTERRUPTED: Ctrl-C or SIGTERM stopped the run; the cells not run or cut short are "
                     "inconclusive.\n";
    }
    if (m.part) {
        std::cout << "This is part " << m.part << " of " << m.parts << ": the cells marked (part J) are run by the "
                  << "other parts; spancheck merge their --json reports for the whole matrix.\n";
    }
    if (!m.problems.empty()) {
        std::cout << "\nThe parts do not make up the whole matrix, so it cannot hold:\n";
        for (const std::string& why : m.problems) std::cout << "  " << why << "\n";
    }
    std::cout.flush();

    if (!a.json.empty()) {
        nlohmann::json j = {{"schema", "spancheck-report/1"}, {"command", m.merged ? "merge" : "check"},
                            {"protocol", p.name}, {"variant", m.variant}, {"level", m.thorough ? "thorough" : "quick"},
                            {"version", report::version}};
        j["verdict"] = violated ? "violated" : inconclusive ? "inconclusive" : "holds";
        auto& names = j["columns"] = nlohmann::json::array();
        for (const column& col : m.cols) names.push_back(col.name);
        if (m.part) j["shard"] = {{"part", m.part}, {"of", m.parts}, {"cells_total", m.cells.size()}};
        if (m.merged) j["parts"] = m.parts, j["problems"] = m.problems;
        auto& rows = j["cells"] = nlohmann::json::array();
        for (const cell& c : m.cells) {
            if (c.verdict == "elsewhere") continue;
            rows.push_back({{"variant", c.variant}, {"scenario", c.scenario}, {"executor", c.executor},
                            {"verdict", c.verdict}, {"text", c.text},
                            {"documented", c.documented.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.documented)},
                            {"output", c.detail}, {"report", c.report}});
        }
        if (!m.against.empty()) j["against"] = {{"variant", m.against}, {"differences", differences}};
        report::write_report(a.json, j.dump(2) + "\n", "--json");
    }
    if (!a.junit.empty()) {
        std::ostringstream junit;
        write_junit(junit, p.name, m.variant, m.cells);
        report::write_report(a.junit, junit.str(), "--junit");
    }
    if (!a.html.empty()) {
        report::write_report((std::filesystem::path(a.html) / "index.html").string(), html_page(m, differences), "--html");
    }
    return violated ? report::exit_violated : inconclusive ? report::exit_inconclusive : report::exit_holds;
}

void check_report_files(const check_args& a) {
    report::report_file_or_throw(a.json, "--json");
    report::report_file_or_throw(a.junit, "--junit");
    if (!a.html.empty()) {
        std::error_code e;
        std::filesystem::create_directories(a.html, e);
        report::report_file_or_throw((std::filesystem::path(a.html) / "index.html").string(), "--html");
    }
}

}  // namespace

int run_check(const check_args& a) {
    if (a.variant.empty()) throw report::bad_input{"no variant to check; accepted: spancheck check VARIANT, a name or a variant file"};
    const report::shard_part shard = a.shard.empty() ? report::shard_part{} : report::parse_shard(a.shard);
    // A variant file: compiled first, once for every cell.
    const protocol* file_protocol = nullptr;
    if (names_a_file(a.variant)) {
        const built_variant b = build_variant(a.variant, {build_kind::model, build_kind::stress, build_kind::stress_tsan});
        file_protocol = protocol_named(b.protocol);
    }
    const protocol* p = file_protocol ? file_protocol
                        : a.protocol.empty() ? protocol_of_variant(a.variant) : protocol_named(a.protocol);
    if (!p || (!file_protocol && protocol_of_variant(a.variant) != p)) {
        std::string names;
        for (const protocol& q : protocols()) names += (names.empty() ? "" : ", ") + names_of(q.variants);
        throw report::bad_input{"unknown variant '" + a.variant + "'" + (a.protocol.empty() ? "" : " in protocol " + a.protocol) +
                        "; accepted: " + names};
    }
    if (!a.against.empty() && protocol_of_variant(a.against) != p) {
        throw report::bad_input{"--against '" + a.against + "' is not a variant of protocol " + p->name + "; accepted: " +
                        names_of(p->variants)};
    }
    check_report_files(a);

    matrix m{p, a.variant, a.against, a.thorough, columns(*p, a.thorough), {}, shard.part, shard.of, false, {}};
    std::vector<std::string> variants = {a.variant};
    if (!a.against.empty()) variants.push_back(a.against);
    m.cells = run_matrix(plan_cells(*p, variants, m.cols, shard.of), shard.part, a.jobs);
    return report_matrix(m, a);
}

int merge_check(const std::vector<nlohmann::json>& parts, unsigned of, std::vector<std::string> problems,
                const check_args& a) {
    const nlohmann::json& head = parts.front();
    const protocol* p = protocol_named(head.value("protocol", ""));
    if (!p) throw report::bad_input{"the check reports name no known protocol ('" + head.value("protocol", "") + "')"};
    check_report_files(a);
    const std::string against = head.contains("against") ? head["against"].value("variant", "") : "";
    matrix m{p, head.value("variant", ""), against, head.value("level", "") == "thorough",
             columns(*p, head.value("level", "") == "thorough"), {}, 0, of, true, std::move(problems)};
    std::vector<std::string> variants = {m.variant};
    if (!against.empty()) variants.push_back(against);
    // Each planned cell from its part's report; a part that is not there
    // leaves its cells missing, which keeps the matrix from holding.
    for (const planned& c : plan_cells(*p, variants, m.cols, of)) {
        const nlohmann::json* found = nullptr;
        for (const nlohmann::json& part : parts) {
            if (part["shard"].value("part", 0u) != c.part || !part.contains("cells") || !part["cells"].is_array()) {
                continue;
            }
            for (const nlohmann::json& x : part["cells"]) {
                if (x.value("variant", "") == c.variant && x.value("scenario", "") == c.scenario &&
                    x.value("executor", "") == c.col->name) {
                    found = &x;
                }
            }
        }
        if (!found) {
            m.cells.push_back(placeholder(c, "missing"));
            continue;
        }
        cell x;
        x.variant = c.variant;
        x.scenario = c.scenario;
        x.executor = c.col->name;
        x.verdict = found->value("verdict", "crashed");
        x.text = found->value("text", x.verdict);
        x.detail = found->value("output", "");
        if (const auto d = found->find("documented"); d != found->end() && d->is_string()) x.documented = *d;
        x.report = found->value("report", nlohmann::json::object());
        x.kind = x.report.is_object() && x.report.contains("violation") && x.report["violation"].is_object()
                     ? x.report["violation"].value("kind", "")
                     : "";
        x.seconds = x.report.is_object() ? x.report.value("seconds", 0.0) : 0.0;
        m.cells.push_back(std::move(x));
    }
    return report_matrix(m, a);
}

}  // namespace spancheck::cli
