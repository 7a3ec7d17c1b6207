// Runs one scenario under the explorer (model/explorer/): every
// sequentially consistent interleaving, one per class of equivalent ones at
// best, in any shape the scenario accepts; and turns what it found into a
// result as the Relacy driver does.
#pragma once

#include <algorithm>
#include <bit>
#include <chrono>
#include <functional>
#include <memory>
#include <queue>
#include <string>
#include <tuple>
#include <vector>

#include "../scenarios/shape.hpp"
#include "counterexample.hpp"
#include "explorer/explorer.hpp"
#include "explorer/explorer_world.hpp"
#include "../report/model_result.hpp"
#include "../support/fnv1a.hpp"

namespace spancheck::model {

template <class Scenario>
class scenario_program final : public explorer::program {
public:
    scenario_program(shape sh, std::size_t spans) : s_(sh, spans) {}
    void setup() override { s_.setup(); }
    void thread(unsigned i) override { s_.thread(i); }
    void check() override { s_.check(); }

private:
    Scenario s_;
};

// The explorer's options for this run, from the model options.
inline explorer::options explorer_options(const options& opt) {
    explorer::options eo;
    eo.max_executions = opt.max_executions;
    eo.seconds = opt.seconds;
    eo.replay = opt.replay;
    eo.stop = opt.stop;
    eo.checkpoint_file = opt.checkpoint;
    eo.resume_file = opt.resume;
    if (opt.on_progress) {
        eo.on_progress = [&opt](const explorer::progress& p) {
            opt.on_progress({p.executions, p.seconds, "depth " + std::to_string(p.depth)});
        };
    }
    return eo;
}

// Part `part` of `parts` (1-based) of the search: the subtrees at the top of
// the search tree (a cut with at least roots_per_part per part; above it
// every branch is taken, so the parts together cover every class), dealt out
// by their work as enumerate_roots' probes saw it. Every part computes the
// same roots and the same deal, so the parts are disjoint and complete
// whoever runs them.
//
// The deal: the roots whose probe did not finish (the big ones, of unknown
// size) go first, the likely biggest first (fewest threads asleep, then
// shallowest), one to each part in turn, so that every part gets as many of
// each kind; then the others, biggest first, each to the part with the least
// work so far (longest processing time first). Ties go by a hash of the
// root's prefix, so that the k-th children of a node do not all land in
// part k. Measured with bench/shard-bench.
inline constexpr std::size_t roots_per_part = 256;

inline std::vector<explorer::root_task> roots_of_part(const explorer::subject& subject, unsigned part, unsigned parts,
                                                      std::size_t& total) {
    std::vector<explorer::root_task> all = explorer::enumerate_roots(subject, roots_per_part * std::size_t(parts));
    total = all.size();
    const auto key = [](const explorer::root_task& t) {
        return t.work_known ? std::tuple(true, ~t.work, std::size_t(0), fnv1a().add(t.str()).h)
                            : std::tuple(false, std::uint64_t(std::popcount(t.sleep)), t.prefix.size(),
                                         fnv1a().add(t.str()).h);
    };
    std::stable_sort(all.begin(), all.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    // The part with the fewest big roots, then the least work, then the lowest number.
    using load = std::tuple<std::size_t, std::uint64_t, unsigned>;
    std::priority_queue<load, std::vector<load>, std::greater<load>> least;
    for (unsigned p = 1; p <= parts; ++p) least.push({0, 0, p});
    std::vector<explorer::root_task> mine;
    for (explorer::root_task& t : all) {
        auto [big, work, p] = least.top();
        least.pop();
        least.push({big + !t.work_known, work + t.work, p});
        if (p == part) mine.push_back(std::move(t));
    }
    return mine;
}

// The result, or the one-line reason the request cannot be run (a bad
// replay schedule, checkpoint or part).
template <class Scenario, class Variant>
outcome explore_scenario(const shape& sh, std::size_t spans, explorer::options eo, unsigned part, unsigned parts,
                         const narrator& narrate, const thread_namer& names) {
    if (sh.threads() > explorer::max_threads) {
        return "the explorer runs at most " + std::to_string(explorer::max_threads) + " threads; this shape has " +
               std::to_string(sh.threads());
    }
    const explorer::subject subject{[sh, spans] { return std::make_unique<scenario_program<Scenario>>(sh, spans); },
                                    sh.threads()};
    result r;
    r.engine = "explorer";
    const auto t0 = std::chrono::steady_clock::now();
    if (parts) {
        eo.roots = roots_of_part(subject, part, parts, r.roots_total);
        r.roots = eo.roots.size();
        if (eo.roots.empty()) {  // more parts than subtrees: this one has nothing to explore
            r.exhaustive = true;
            r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            return r;
        }
    }
    const explorer::result x = explorer::explore(subject, eo);
    if (!x.error.empty()) return x.error;
    r.executions = x.executions;
    r.blocked = x.blocked;
    r.retried = x.retried;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.exhaustive = x.complete && eo.replay.empty();
    if (x.violated) {
        fill_counterexample<Scenario, Variant>(r, x.v, x.steps.data(), x.steps.size(), narrate, names);
        r.replay_state = x.schedule;
        r.replay_search = "dpor";
    } else if (!x.complete && eo.replay.empty()) {
        r.stopped_by = x.stopped_by.empty() ? "incomplete" : x.stopped_by;
    } else if (!eo.replay.empty()) {
        r.replay_missed = true;
    }
    return r;
}

}  // namespace spancheck::model
