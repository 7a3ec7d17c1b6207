// A variant's model runner: runs one scenario of the variant under a model
// engine (Relacy, or the explorer for --search dpor) and reports, as
// `spancheck model` prints it (report/report.hpp). `spancheck model` checks its
// arguments, then becomes the runner of the variant (exec); a runner can also
// be run on its own with the same options. Exit codes: report/exit_codes.hpp.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "../report/bad_input.hpp"
#include "../report/budgets.hpp"
#include "../report/exit_codes.hpp"
#include "../report/model_args.hpp"
#include "../report/report.hpp"
#include "../support/fnv1a.hpp"
#include "replay_token.hpp"
#include "runner.hpp"
#include "../report/search.hpp"

namespace spancheck::model {

namespace {

volatile std::sig_atomic_t interrupted = 0;
extern "C" void on_interrupt(int) { interrupted = 1; }

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// A variant given as a file path is the one this runner was compiled from.
bool names_this_variant(const std::string& given, const variant_engines& v) {
    return given == v.variant || given.find('/') != std::string::npos || given.ends_with(".hpp");
}

// The progress line on stderr, once a second once a search has run 2 s: a
// line that rewrites itself on a terminal, plain lines otherwise.
void print_progress(const progress& p) {
    static const bool terminal = isatty(STDERR_FILENO);
    char line[160];
    std::snprintf(line, sizeof line, "spancheck: %llu executions, %.0f/s, %.0f s, %s",
                  static_cast<unsigned long long>(p.executions), p.seconds > 0 ? double(p.executions) / p.seconds : 0.0,
                  p.seconds, p.where.c_str());
    if (terminal) {
        std::fprintf(stderr, "\r%s\033[K", line);
    } else {
        std::fprintf(stderr, "%s\n", line);
    }
    std::fflush(stderr);
}

// What tells two builds of this runner apart: a hash of its own executable
// (the parts of one proof must all run the same one).
std::string executable_digest() {
    std::ifstream in("/proc/self/exe", std::ios::binary);
    fnv1a h;
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount()) h.add(std::string_view(buf, std::size_t(in.gcount())));
    return h.hex();
}

// A checkpoint is written as PATH.tmp, then renamed to PATH: both must be
// files this run can write (never a device such as /dev/null, which the
// rename would replace).
void check_checkpoint_path(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code e;
    const auto st = fs::status(path, e);
    if (fs::exists(st) && !fs::is_regular_file(st)) {
        throw report::bad_input{"--checkpoint '" + path + "' is not a regular file; accepted: the path of a file to write"};
    }
    const std::string tmp = path + ".tmp";
    if (!std::ofstream(tmp)) {
        throw report::bad_input{"cannot write --checkpoint file '" + tmp + "': " + std::strerror(errno)};
    }
    fs::remove(tmp, e);
}

int run(const report::model_args& a, const std::string& program) {
    const variant_engines v = this_variant();
    if (!names_this_variant(a.variant, v)) {
        throw report::bad_input{"this model runner runs variant " + v.variant + ", not '" + a.variant +
                             "'; run spancheck model --variant " + a.variant};
    }
    if (!a.protocol.empty() && a.protocol != v.protocol) {
        throw report::bad_input{"variant " + v.variant + " is of protocol " + v.protocol + ", not " + a.protocol};
    }
    if (std::find(v.scenarios.begin(), v.scenarios.end(), a.scenario) == v.scenarios.end()) {
        throw report::bad_input{"unknown scenario '" + a.scenario + "' for protocol " + v.protocol +
                             "; accepted: " + joined(v.scenarios)};
    }
    options opt;
    const auto how = parse_search(a.search);
    if (!how) throw report::bad_input{"bad --search '" + a.search + "'; accepted: " + std::string(search_forms)};
    opt.how = *how;
    const bool dpor = opt.how.k == search::kind::dpor;
    const std::vector<unsigned>& sizes = dpor ? v.explorer_slots : v.slots;

    report::run_info run;
    run.program = program;
    run.protocol = v.protocol;
    run.variant = a.variant;
    run.scenario = a.scenario;
    run.search = a.search;
    run.replay = !a.replay.empty();
    const auto shape_arg = [&](const char* option, const auto& value) {
        if (value) run.run_args.insert(run.run_args.end(), {option, std::to_string(*value)});
    };
    shape_arg("--pushers", a.pushers);
    shape_arg("--poppers", a.poppers);
    shape_arg("--readers", a.readers);
    shape_arg("--spans", a.spans);
    if (!a.orders.empty()) {
        if (const std::string why = v.set_orders(a.orders); !why.empty()) throw report::bad_input{why};
        run.orders = a.orders;
        run.run_args.insert(run.run_args.end(), {"--orders", a.orders});
    }
    if (!sizes.empty()) {
        run.slots = a.slots ? a.slots : sizes.front();
        if (std::find(sizes.begin(), sizes.end(), run.slots) == sizes.end()) {
            std::vector<std::string> words;
            for (unsigned s : sizes) words.push_back(std::to_string(s));
            throw report::bad_input{"--slots " + std::to_string(a.slots) + " is not a block size " +
                                 (dpor ? "the explorer" : "Relacy") + " is built for; accepted: " + joined(words)};
        }
    } else if (a.slots) {
        throw report::bad_input{"--slots applies to the span set only, not to protocol " + v.protocol};
    }
    if (v.protocol == "spanset") {
        if (a.readers) throw report::bad_input{"--readers applies to publication; the span set has --pushers and --poppers"};
        opt.shape = {a.pushers, a.poppers, a.spans};
    } else {
        if (a.pushers || a.poppers) {
            throw report::bad_input{"--pushers and --poppers apply to the span set; publication has --readers"};
        }
        opt.shape = {std::nullopt, a.readers, a.spans};
    }
    if ((a.pushers && *a.pushers == 0) || (a.poppers && *a.poppers == 0) || (a.readers && *a.readers == 0)) {
        throw report::bad_input{"a role given by --pushers, --poppers or --readers needs 1 thread or more"};
    }
    // More spans than this make executions too long to be worth a search
    // (100,000 spans outrun a popper's spin budget).
    constexpr std::size_t most_spans = 4096;
    if (a.spans && (*a.spans == 0 || *a.spans > most_spans)) {
        throw report::bad_input{"--spans " + std::to_string(*a.spans) + " is out of range; accepted: 1 to " +
                             std::to_string(most_spans)};
    }
    if (a.max_executions) opt.max_executions = report::budget_executions(*a.max_executions);
    if (a.seconds) opt.seconds = report::budget_seconds(*a.seconds);
    if (!dpor && (!a.checkpoint.empty() || !a.resume.empty() || !a.shard.empty())) {
        throw report::bad_input{"--checkpoint, --resume and --shard are the explorer's: use them with --search dpor"};
    }
    if (!a.checkpoint.empty()) check_checkpoint_path(a.checkpoint);
    opt.checkpoint = a.checkpoint;
    opt.resume = a.resume;
    if (!a.shard.empty()) {
        const report::shard_part sp = report::parse_shard(a.shard);
        opt.shard = sp.part;
        opt.shards = sp.of;
    }
    opt.raw = a.raw;
    opt.stop = &interrupted;
    opt.on_progress = print_progress;

    // The run a replay token belongs to: the variant, scenario, sizes, shape and search.
    const auto identity = [&](const std::string& search) {
        return v.variant + "|" + a.scenario + "|" + std::to_string(run.slots) + "|" +
               std::to_string(opt.shape.pushers.value_or(0)) + "," + std::to_string(opt.shape.poppers.value_or(0)) +
               "," + std::to_string(opt.shape.spans.value_or(0)) + "|" + search +
               (a.orders.empty() ? "" : "|" + a.orders);
    };
    const char engine = dpor ? 'd' : 'r';
    if (!a.replay.empty()) {
        std::string why;
        const auto record = open_token(a.replay, engine, identity(a.search), why);
        if (!record) {
            throw report::bad_input{"the --replay token " + why + "; accepted: the token printed after 'Replay:' by "
                                 "the same command"};
        }
        if (dpor) {
            opt.replay = *record;
        } else {
            const auto numbers = unpack_numbers(*record);
            if (!numbers) throw report::bad_input{"the --replay token is damaged; accepted: the token printed after 'Replay:'"};
            for (std::uint64_t n : *numbers) opt.replay += std::to_string(n) + " ";
        }
    }
    report::report_file_or_throw(a.json, "--json");
    report::report_file_or_throw(a.svg, "--svg");

    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    outcome out = dpor ? v.explorer(a.scenario, run.slots, opt) : v.relacy(a.scenario, run.slots, opt);
    if (isatty(STDERR_FILENO) && opt.on_progress) std::fprintf(stderr, "\r\033[K");
    if (auto* refusal = std::get_if<std::string>(&out)) throw report::bad_input{*refusal};
    result& r = std::get<result>(out);
    if (r.replay_missed) {
        throw report::bad_input{"the --replay token does not lead to a violation of variant " + a.variant + " on " +
                             a.scenario + "; accepted: a token printed by the same command"};
    }
    if (r.violated) {
        std::string record = r.replay_state;
        if (!dpor) {
            std::vector<std::uint64_t> numbers;
            for (std::size_t i = 0; i < record.size();) {
                const auto end = record.find(' ', i);
                if (end != i) numbers.push_back(std::stoull(record.substr(i, end - i)));
                if (end == std::string::npos) break;
                i = end + 1;
            }
            record = pack_numbers(numbers);
        }
        r.replay_state = make_token(engine, identity(r.replay_search), record);
    }
    if (opt.shards) {
        run.part = opt.shard;
        run.parts = opt.shards;
        run.build = executable_digest();
    }
    report::print_model(std::cout, run, r);
    if (a.raw && r.violated) std::cout << "\nRelacy's history of the failing execution:\n" << r.raw;
    std::cout.flush();
    nlohmann::json report = report::model_json(run, r);
    report["orders"] = v.changed_orders();  // the sites whose order differs from the variant's
    report::write_report(a.json, report.dump(2) + "\n", "--json");
    if (!a.svg.empty()) report::write_report(a.svg, report::model_svg(run, r), "--svg");
    if (r.violated) return report::exit_violated;
    return r.inconclusive() ? report::exit_inconclusive : report::exit_holds;
}

}  // namespace

}  // namespace spancheck::model

int main(int argc, char** argv) {
    using namespace spancheck;
    CLI::App app{"model runner of spancheck: one variant's scenarios under the model checkers"};
    app.failure_message(CLI::FailureMessage::simple);
    report::model_args a;
    report::add_model_options(app, a);
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
        std::cerr << "spancheck: " << report::one_line(e.what()) << "; see spancheck model --help\n";
        return report::exit_bad_input;
    }
    try {
        return model::run(a, rerun_as);
    } catch (const report::bad_input& e) {
        std::cerr << "spancheck: " << report::one_line(e.message) << "\n";
        return report::exit_bad_input;
    }
}
