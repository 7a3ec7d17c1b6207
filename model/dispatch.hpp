// Picks a scenario of a protocol by name and runs it under the model in its
// default shape, with the scenario's thread names in the counterexample.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

#include "../scenarios/scenario.hpp"
#include "../scenarios/shape.hpp"
#include "driver.hpp"

namespace spancheck::model {

// Variant is the variant the scenarios' harness runs: a violation the
// scenario documents for it (scenarios/documented.hpp) comes back with the reason.
template <class Scenarios, class Variant>
outcome run_named(std::string_view scenario, const options& opt,
                  const std::function<std::string(const step_record&)>& narrate) {
    outcome out = std::string("unknown scenario");
    Scenarios::with_name(scenario, [&](auto* tag) {
        using S = std::remove_pointer_t<decltype(tag)>;
        const shape sh = S::default_shape;
        if (std::string why = S::refusal(sh); !why.empty()) {
            out = why;
            return;
        }
        auto names = [sh](int t) { return thread_label(t, [&](unsigned i) { return S::thread_name(sh, i); }); };
        out = run<S, Variant>(opt, narrate, names);
    });
    return out;
}

}  // namespace spancheck::model
