// Picks a scenario of a protocol by name, with the shape a run asks for (its
// default unless the engine takes others), and hands it to an engine.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

#include "../impl/describe.hpp"
#include "../scenarios/scenario.hpp"
#include "../scenarios/shape.hpp"
#include "../report/model_result.hpp"

namespace spancheck::model {

// The shape a request asks of scenario S: its default, with the roles given
// replaced (publication's readers are the shape's poppers).
template <class S>
shape shape_of(const shape_request& r) {
    shape sh = S::default_shape;
    if (r.pushers) sh.pushers = *r.pushers;
    if (r.poppers) sh.poppers = *r.poppers;
    return sh;
}

// "1 pusher, 3 poppers, 4 spans": the run's shape in words, by role.
template <class S>
std::string shape_words(const shape& sh, std::size_t spans) {
    std::string out;
    for (unsigned i = 0; i < sh.threads(); ++i) {
        const std::string role = S::thread_name(sh, i);
        const auto space = role.rfind(' ');
        const bool lettered = space != std::string::npos && role.size() == space + 2;
        const std::string base = lettered ? role.substr(0, space) : role;
        if (out.find(base) != std::string::npos) continue;
        unsigned n = 0;
        for (unsigned j = 0; j < sh.threads(); ++j) n += S::thread_name(sh, j).rfind(base, 0) == 0;
        out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + base + (n == 1 ? "" : "s");
    }
    if (spans) out += ", " + std::to_string(spans) + " spans";
    return out;
}

// Calls engine.template operator()<S>(shape, names) for the scenario of
// Scenarios named `scenario` and returns what it returns; the scenario's
// refusal of the shape, or "unknown scenario", as the outcome's string.
template <class Scenarios, class Engine>
outcome with_scenario(std::string_view scenario, const shape_request& request, Engine&& engine) {
    outcome out = std::string("unknown scenario");
    Scenarios::with_name(scenario, [&](auto* tag) {
        using S = std::remove_pointer_t<decltype(tag)>;
        const shape sh = shape_of<S>(request);
        if (std::string why = S::refusal(sh, request.spans.value_or(0)); !why.empty()) {
            out = why;
            return;
        }
        const thread_namer names = [sh](int t) {
            return thread_label(t, [&](unsigned i) { return S::thread_name(sh, i); });
        };
        out = engine.template operator()<S>(sh, names);
    });
    return out;
}

}  // namespace spancheck::model
