// spancheck-stress and spancheck-stress-tsan: the stress executor, built
// plain and with ThreadSanitizer from this same source, and never with
// Relacy (which replaces operator new and must not meet a sanitizer).
// `spancheck stress` checks its arguments and runs one of these; they can
// also be run on their own. Exit codes: report/exit_codes.hpp.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>

#include "../report/bad_input.hpp"
#include "../report/exit_codes.hpp"
#include "../report/report.hpp"
#include "args.hpp"
#include "executor.hpp"
#include "publication_stress.hpp"
#include "spanset_stress.hpp"
#include "stress_trace.hpp"

namespace spancheck::stress {

namespace {

volatile std::sig_atomic_t interrupted = 0;
extern "C" void on_interrupt(int) { interrupted = 1; }

// The progress line on stderr, once a second once a run has taken 2 s: a
// line that rewrites itself on a terminal, plain lines otherwise.
void print_progress(const progress& p) {
    static const bool terminal = isatty(STDERR_FILENO);
    char line[160];
    std::snprintf(line, sizeof line, "spancheck: %llu trials, %.0f/s, %.0f s, %llu window hits",
                  static_cast<unsigned long long>(p.trials), p.seconds > 0 ? double(p.trials) / p.seconds : 0.0,
                  p.seconds, static_cast<unsigned long long>(p.window_hits));
    if (terminal) {
        std::fprintf(stderr, "\r%s\033[K", line);
    } else {
        std::fprintf(stderr, "%s\n", line);
    }
    std::fflush(stderr);
}

// "10000 trials", "60 s": the budget the run was given.
std::string budget(const plan& p) {
    if (p.trials) return std::to_string(p.trials) + " trials";
    std::ostringstream s;
    s << p.seconds << " s";
    return s.str();
}

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
        throw report::bad_input{std::string(e.what()) + "; see " + self + " --help"};
    }
    auto checked = check_stress_args(a);
    if (auto* why = std::get_if<std::string>(&checked)) throw report::bad_input{*why};
    stress_request request = std::get<stress_request>(checked);
    report::report_file_or_throw(a.json, "--json");
    report::report_file_or_throw(a.svg, "--svg");
    request.p.trace = !a.svg.empty();
    request.p.stop = &interrupted;
    request.p.on_progress = print_progress;

    report::run_info info;
    info.program = rerun_as;
    info.protocol = request.protocol;
    info.variant = request.variant;
    info.scenario = request.scenario;
    info.slots = request.slots;
    info.orders = request.orders;
    report::print_stress_start(std::cout, info,
                            {.threads = request.threads,
                             .executor = executor_name,
                             .perturbation = request.p.perturbation.text,
                             .seed = request.p.seed,
                             .trials = request.p.trials,
                             .seconds = request.p.seconds,
                             .stop_at_first = request.p.stop_at_first});
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    result r = request.protocol == "publication" ? run_publication(request) : run_spanset(request);
    if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\r\033[K");
    stress_request rerun = request;
    rerun.p.stop_at_first = true;
    r.rerun_command = rerun_as;
    for (const std::string& word : stress_arguments(rerun)) r.rerun_command += " " + word;

    r.budget = budget(request.p);
    report::print_stress(std::cout, info, r);
    print_trace(std::cout, r);
    std::cout.flush();
    report::write_report(a.json, report::stress_json(info, r).dump(2) + "\n", "--json");
    if (!a.svg.empty()) report::write_report(a.svg, stress_svg(info, r), "--svg");
    if (r.violated) return report::exit_violated;
    return r.inconclusive() ? report::exit_inconclusive : report::exit_holds;
}

}  // namespace

}  // namespace spancheck::stress

int main(int argc, char** argv) {
    using namespace spancheck;
    try {
        return stress::run(argc, argv);
    } catch (const report::bad_input& e) {
        std::cerr << "spancheck: " << report::one_line(e.message) << "\n";
        return report::exit_bad_input;
    }
}
