#include "merge.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

#include "../report/bad_input.hpp"
#include "check.hpp"
#include "../report/exit_codes.hpp"
#include "../report/report.hpp"

namespace spancheck::cli {

namespace {

using nlohmann::json;

const char* const accepted =
    "; accepted: the --json reports of spancheck model --search dpor --shard I/N or spancheck check --shard I/N";

struct part_report {
    std::string file;
    json j;
    unsigned part = 0, of = 0;  // 0: the file holds no report (empty or cut short)
    std::string name() const { return "part " + std::to_string(part) + " (" + file + ")"; }
};

part_report read_part(const std::string& file) {
    std::ifstream in(file);
    if (!in) throw report::bad_input{"cannot read report '" + file + "'" + accepted};
    part_report r{file, json::parse(in, nullptr, false)};
    const json& j = r.j;
    // A part killed before it finished leaves its report empty (opened at
    // the start) or cut short: that part is missing, which merge reports.
    if (j.is_discarded()) return r;
    if (!j.is_object() || j.value("schema", "") != "spancheck-report/1") {
        throw report::bad_input{"'" + file + "' is not a spancheck report" + accepted};
    }
    const std::string command = j.value("command", "");
    if (command != "model" && command != "check") {
        throw report::bad_input{"'" + file + "' is a report of spancheck " + command + ", not of a part of a run" + accepted};
    }
    const auto s = j.find("shard");
    if (s == j.end() || !s->is_object() || !(*s)["part"].is_number_unsigned() || !(*s)["of"].is_number_unsigned()) {
        throw report::bad_input{"'" + file + "' is the report of a whole run, not of a part (it has no shard)" + accepted};
    }
    r.part = (*s)["part"];
    r.of = (*s)["of"];
    if (r.part < 1 || r.part > r.of) throw report::bad_input{"'" + file + "' names part " + std::to_string(r.part) + " of " +
                                                     std::to_string(r.of) + accepted};
    return r;
}

// What makes two parts parts of the same run, by command: a field path
// ("shard.build": j["shard"]["build"]).
const std::vector<std::string>& identity_fields(const std::string& command) {
    static const std::vector<std::string> model = {"command", "version", "protocol", "variant", "scenario",
                                                   "slots", "shape", "orders_given", "engine", "search", "shard.of",
                                                   "shard.roots_total", "shard.build"};
    static const std::vector<std::string> check = {"command", "version", "protocol", "variant", "level",
                                                   "against.variant", "shard.of", "shard.cells_total"};
    return command == "check" ? check : model;
}

json field(const json& j, const std::string& path) {
    const json* at = &j;
    std::size_t from = 0;
    while (true) {
        const auto dot = path.find('.', from);
        const std::string key = path.substr(from, dot - from);
        if (!at->is_object() || !at->contains(key)) return nullptr;
        at = &(*at)[key];
        if (dot == std::string::npos) return *at;
        from = dot + 1;
    }
}

// "3", "3 and 4", "2, 3 and 4"
std::string listed(const std::vector<unsigned>& parts) {
    std::string s;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        s += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + std::to_string(parts[i]);
    }
    return s;
}

// The parts that belong together (those of the first report's run, each
// part once) and, in words, everything that keeps them from being the whole
// run: mismatched, duplicated and missing parts.
struct sorting {
    std::vector<part_report> parts;  // by part number
    std::vector<std::string> problems;
    unsigned of = 0;
};

sorting sort_parts(std::vector<part_report> all) {
    sorting s;
    for (auto it = all.begin(); it != all.end();) {
        if (it->part) {
            ++it;
            continue;
        }
        s.problems.push_back(it->file + " is empty or cut short: its part stopped before it wrote its report");
        it = all.erase(it);
    }
    if (all.empty()) throw report::bad_input{"no report to merge: every file given is empty or cut short" + std::string(accepted)};
    const part_report& first = all.front();
    s.of = first.of;
    const std::string command = first.j.value("command", "");
    std::map<unsigned, part_report> by_part;
    for (part_report& r : all) {
        std::string differs;
        for (const std::string& f : identity_fields(command)) {
            const json mine = field(r.j, f), theirs = field(first.j, f);
            if (mine != theirs) {
                differs = f + " is " + mine.dump() + ", not " + theirs.dump();
                break;
            }
        }
        if (!differs.empty()) {
            std::string what = r.name() + " is of another run than " + first.file + ": " + differs;
            if (r.j.value("verdict", "") == "violated") what += " (its violation is not counted here)";
            s.problems.push_back(what);
            continue;
        }
        const auto [at, fresh] = by_part.emplace(r.part, r);
        if (!fresh) s.problems.push_back("part " + std::to_string(r.part) + " is given twice: " + at->second.file +
                                         " and " + r.file + " (the first is used)");
    }
    std::vector<unsigned> missing;
    for (unsigned i = 1; i <= s.of; ++i) {
        if (!by_part.count(i)) missing.push_back(i);
    }
    if (!missing.empty()) {
        s.problems.push_back((missing.size() == 1 ? "part " : "parts ") + listed(missing) + " of " +
                             std::to_string(s.of) + (missing.size() == 1 ? " is" : " are") + " missing");
    }
    for (auto& [n, r] : by_part) s.parts.push_back(std::move(r));
    return s;
}

int merge_model(sorting s, const merge_args& a) {
    if (!a.junit.empty() || !a.html.empty()) {
        throw report::bad_input{"--junit and --html apply to merging check reports; model parts merge to text and --json"};
    }
    report::report_file_or_throw(a.json, "--json");
    std::uint64_t executions = 0;
    double seconds = 0, longest = 0;
    std::size_t roots = 0;
    const part_report* violation = nullptr;
    json rows = json::array();
    for (const part_report& p : s.parts) {
        const std::string verdict = p.j.value("verdict", "");
        executions += p.j.value("executions", std::uint64_t(0));
        const double t = p.j.value("seconds", 0.0);
        seconds += t;
        longest = std::max(longest, t);
        roots += field(p.j, "shard.roots").is_number() ? field(p.j, "shard.roots").get<std::size_t>() : 0;
        rows.push_back({{"part", p.part}, {"file", p.file}, {"verdict", verdict},
                        {"executions", p.j.value("executions", std::uint64_t(0))}, {"seconds", t},
                        {"roots", field(p.j, "shard.roots")}});
        if (verdict == "violated") {
            if (!violation) violation = &p;
        } else if (verdict != "holds" || !p.j.value("exhaustive", false)) {
            const json stopped = p.j.value("stopped_by", json(nullptr));
            s.problems.push_back(p.name() + " did not complete" +
                                 (stopped.is_string() ? ": stopped by " + stopped.get<std::string>() : std::string()) +
                                 "; run it again, with --resume if it wrote a --checkpoint");
        }
    }
    const part_report& head = s.parts.front();
    report::run_info run = report::model_run_from_json(head.j, a.program);
    run.part = run.parts = 0;
    const std::string verdict = violation ? "violated" : s.problems.empty() ? "holds" : "inconclusive";

    if (violation) {
        std::cout << "Found in " << violation->name() << " of " << s.of << ":\n";
        const report::run_info vrun = report::model_run_from_json(violation->j, a.program);
        report::print_model(std::cout, vrun, report::model_result_from_json(violation->j));
    } else {
        model::result r = report::model_result_from_json(head.j);
        const std::string what = run.variant + " on " + run.scenario + " (" + run.protocol +
                                 (run.slots ? ", " + std::to_string(run.slots) + " slots per block" : "") +
                                 (r.shape.empty() ? "" : "; " + r.shape) + ")";
        std::cout << (verdict == "holds" ? "HOLDS: " : "INCONCLUSIVE: ") << what << ", " << s.parts.size() << " of "
                  << s.of << " parts merged\n";
        const double mean = s.parts.empty() ? 0 : double(executions) / double(s.parts.size());
        std::uint64_t most = 0;
        for (const part_report& p : s.parts) most = std::max(most, p.j.value("executions", std::uint64_t(0)));
        char balance[32];
        std::snprintf(balance, sizeof balance, "%.2f", mean > 0 ? double(most) / mean : 1.0);
        std::cout << "  " << executions << " executions in all, " << roots << " of "
                  << r.roots_total << " subtrees; most in one part " << most << " (max/mean " << balance
                  << "); " << report::duration(seconds) << " of work, the longest part " << report::duration(longest) << "\n";
        if (verdict == "holds") {
            std::cout << "  exhaustive: every interleaving up to equivalence (the explorer: sequentially consistent, "
                         "partial-order reduction), over all "
                      << s.of << " parts\n";
        }
    }
    if (!s.problems.empty()) {
        std::cout << "\n" << (violation ? "Also, the parts do not make up the whole search:"
                                        : "No violation in the parts merged, but this is no proof:")
                  << "\n";
        for (const std::string& why : s.problems) std::cout << "  " << why << "\n";
    }
    std::cout.flush();

    if (!a.json.empty()) {
        json j = head.j;
        for (const char* k : {"shard", "violation", "trace", "breaking_step", "race_steps", "preemptions", "replay",
                              "replay_search", "replay_command", "exhaustive", "stopped_by", "blocked", "retried"}) {
            j.erase(k);
        }
        j["command"] = "merge";
        j["merged"] = "model";
        j["verdict"] = verdict;
        j["parts"] = s.of;
        j["part_reports"] = rows;
        j["problems"] = s.problems;
        j["executions"] = executions;
        j["seconds"] = seconds;
        j["longest_part_seconds"] = longest;
        if (violation) {
            j["violating_part"] = violation->part;
            for (const char* k : {"violation", "trace", "breaking_step", "race_steps", "documented", "replay",
                                  "replay_search", "replay_command"}) {
                if (violation->j.contains(k)) j[k] = violation->j[k];
            }
        } else {
            j["violation"] = nullptr;
        }
        report::write_report(a.json, j.dump(2) + "\n", "--json");
    }
    return violation ? report::exit_violated : s.problems.empty() ? report::exit_holds : report::exit_inconclusive;
}

}  // namespace

void add_merge_command(CLI::App& app, merge_args& a) {
    CLI::App* c = app.add_subcommand(
        "merge", "one verdict from the --json reports of the parts of a sharded run (model or check --shard I/N)");
    c->add_option("REPORT", a.reports, "the parts' --json reports, any order")->required();
    c->add_option("--json", a.json, "also write the merged report as JSON to this file");
    c->add_option("--junit", a.junit, "check parts: also write JUnit XML of the whole matrix to this file");
    c->add_option("--html", a.html, "check parts: also write the whole matrix as DIR/index.html");
}

int run_merge(const merge_args& a) try {
    std::vector<part_report> all;
    for (const std::string& f : a.reports) all.push_back(read_part(f));
    sorting s = sort_parts(std::move(all));
    if (s.parts.front().j.value("command", "") == "check") {
        std::vector<json> parts;
        for (part_report& p : s.parts) parts.push_back(std::move(p.j));
        check_args out;
        out.json = a.json;
        out.junit = a.junit;
        out.html = a.html;
        return merge_check(parts, s.of, std::move(s.problems), out);
    }
    return merge_model(std::move(s), a);
} catch (const nlohmann::json::exception& e) {
    // A report whose fields are not what spancheck writes (edited or cut short).
    throw report::bad_input{std::string("a report has a field of the wrong kind (") + e.what() + ")" + accepted};
}

}  // namespace spancheck::cli
