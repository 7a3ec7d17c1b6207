// What the stress executor runs and watches, behind interfaces, so that the
// executor is compiled once and only this glue is instantiated per variant,
// scenario and block size.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "../impl/describe.hpp"
#include "../impl/step.hpp"
#include "../scenarios/scenario.hpp"
#include "../scenarios/shape.hpp"

namespace spancheck::stress {

// One trial's scenario: constructed fresh for the trial, then setup, the
// thread bodies and the final checks, as scenarios/scenario.hpp describes.
class trial_scenario {
public:
    virtual ~trial_scenario() = default;
    virtual void setup() = 0;
    virtual void thread(unsigned i) = 0;
    virtual void check() = 0;
};

template <class Scenario>
class scenario_trial final : public trial_scenario {
public:
    explicit scenario_trial(shape roles) : s_(roles) {}
    void setup() override { s_.setup(); }
    void thread(unsigned i) override { s_.thread(i); }
    void check() override { s_.check(); }

private:
    Scenario s_;
};

using scenario_factory = std::unique_ptr<trial_scenario> (*)(shape);

template <class Scenario>
std::unique_ptr<trial_scenario> make_trial(shape roles) {
    return std::make_unique<scenario_trial<Scenario>>(roles);
}

// A protocol's point names by point code (its enum ends with count_), for
// --perturb delay:POINT and the delays of a report.
template <class Point>
std::vector<std::string> point_names() {
    std::vector<std::string> names;
    for (std::uint16_t code = 0; code < point_code(Point::count_); ++code) names.emplace_back(point_name(Point(code)));
    return names;
}

// The names of a scenario's threads by number, for reports.
template <class Scenario>
thread_namer names_of(shape roles) {
    return [roles](int t) { return thread_label(t, [&](unsigned i) { return Scenario::thread_name(roles, i); }); };
}

// The protocol's race window, watched through the step hook: a run whose
// trials never hit it has not tested the race (the verdict is inconclusive).
class race_window {
public:
    virtual ~race_window() = default;
    virtual std::string_view definition() const = 0;
    virtual void reset() = 0;  // before each trial
    virtual void observe(std::uint16_t point, std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) = 0;
    virtual bool hit() const = 0;  // in this trial
    // Why the scenario cannot open this window at all (it runs no concurrent
    // operations of the kind), or empty: its runs are not inconclusive for that.
    virtual std::string_view inapplicable() const { return {}; }
};

}  // namespace spancheck::stress
