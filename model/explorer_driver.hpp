// Runs one scenario under the explorer (model/explorer/): every
// sequentially consistent interleaving, one per class of equivalent ones at
// best, in any shape the scenario accepts; and turns what it found into a
// result as the Relacy driver does.
#pragma once

#include <memory>
#include <string>

#include "../scenarios/shape.hpp"
#include "counterexample.hpp"
#include "explorer/explorer.hpp"
#include "explorer/explorer_world.hpp"
#include "result.hpp"

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

// The result, or the one-line reason the request cannot be run (a bad
// replay schedule, checkpoint or part).
template <class Scenario, class Variant>
outcome explore_scenario(const shape& sh, std::size_t spans, const explorer::options& eo, const narrator& narrate,
                         const thread_namer& names) {
    if (sh.threads() > explorer::max_threads) {
        return "the explorer runs at most " + std::to_string(explorer::max_threads) + " threads; this shape has " +
               std::to_string(sh.threads());
    }
    const explorer::subject subject{[sh, spans] { return std::make_unique<scenario_program<Scenario>>(sh, spans); },
                                    sh.threads()};
    const explorer::result x = explorer::explore(subject, eo);
    if (!x.error.empty()) return x.error;
    result r;
    r.engine = "explorer";
    r.executions = x.executions;
    r.blocked = x.blocked;
    r.retried = x.retried;
    r.seconds = x.seconds;
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
