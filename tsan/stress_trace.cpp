#include "stress_trace.hpp"

#include <algorithm>
#include <cstdio>

#include "../impl/violation.hpp"
#include "../pictures/picture.hpp"

namespace spancheck::stress {

namespace {

int lane_of(int thread) {
    return thread == setup_thread ? pictures::setup_lane : thread == checks_thread ? pictures::checks_lane : thread;
}

std::string verdict_title(const result& r) {
    if (r.violated) return r.message;
    if (!r.stopped_by.empty()) return "inconclusive: the run was " + r.stopped_by + " after " + std::to_string(r.trials) + " trials";
    if (r.inconclusive()) return "inconclusive: the window was never hit in " + std::to_string(r.trials) + " trials";
    return "holds: no violation in " + std::to_string(r.trials) + " trials";
}

}  // namespace

void print_trace(std::ostream& out, const result& r) {
    if (r.steps.empty()) return;
    out << "\nSteps of trial " << r.trial << ", as the threads' clocks ordered them:\n";
    if (r.steps_left_out) out << "      ... (" << r.steps_left_out << " earlier steps not shown)\n";
    std::size_t width = 0;
    for (const trace_step& s : r.steps) width = std::max(width, s.who.size());
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
        const trace_step& s = r.steps[i];
        char head[48];
        std::snprintf(head, sizeof head, "%s%4zu %10.1f µs  ", r.breaking == i ? ">" : " ", i + 1, double(s.nanoseconds) / 1e3);
        out << head << s.who << std::string(width - s.who.size() + 2, ' ') << s.what << "\n";
    }
    out << "  (> the step that broke the invariant: the last step of the thread that found it; two threads' steps "
           "close in time may have happened the other way round)\n";
}

std::string stress_svg(const report::run_info& run, const result& r) {
    pictures::picture p;
    p.title = verdict_title(r);
    p.kind = r.violated ? r.kind : "";
    p.subtitle = run.variant + " on " + run.scenario + " (" + run.protocol +
                 (run.slots ? ", " + std::to_string(run.slots) + " slots per block" : "") + ") · " + r.executor +
                 (r.violated ? ", trial " + std::to_string(r.trial) +
                                   "; steps in the order of the threads' clocks on real hardware (approximate)"
                             : "");
    p.lanes = r.threads;
    for (const trace_step& s : r.steps) p.steps.push_back({lane_of(s.thread), s.what});
    p.breaking = r.breaking;
    return pictures::svg(p);
}

}  // namespace spancheck::stress
