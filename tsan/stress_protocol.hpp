// What the stress executor knows of each protocol before it runs one: the
// names the command line may use, and how a scenario's threads are named and
// shared among its roles. Checked by `spancheck stress` and by the stress
// binaries alike (args.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "../scenarios/scenario.hpp"
#include "../scenarios/shape.hpp"

namespace spancheck::stress {

// A scenario's threads for one run: its roles, and each thread's name.
struct scenario_threads {
    shape roles;
    std::vector<std::string> names;
};

struct stress_protocol {
    std::string name;
    std::vector<std::string> variants, scenarios;
    std::vector<std::string> points;  // by point code, for --perturb delay:POINT
    std::vector<unsigned> slots;      // block sizes it is built for (first: default); empty: no --slots
    // The threads of `scenario` (known to the protocol) over `threads`
    // threads, or its default shape; or the one-line reason it cannot run so.
    std::variant<scenario_threads, std::string> (*threads)(const std::string& variant, const std::string& scenario,
                                                           unsigned slots, std::optional<long long> threads);
    // --orders: "" if the spec names this protocol's sites and fitting
    // orders, else the one-line reason (impl/sites.hpp).
    std::string (*check_orders)(std::string_view spec);
};

const std::vector<stress_protocol>& stress_protocols();

// The threads of scenario S over `threads` threads (default: its own shape),
// at most `most`: S::with_threads shares them among its roles where S says
// how, shape::scaled_to otherwise.
template <class S>
std::variant<scenario_threads, std::string> threads_of(std::optional<long long> threads, long long most) {
    const shape base = S::default_shape;
    if (threads && (*threads < base.roles() || *threads > most)) {
        return "--threads " + std::to_string(*threads) + " is out of range for scenario " + std::string(S::name) +
               "; accepted: " + std::to_string(base.roles()) + " to " + std::to_string(most);
    }
    shape roles = base;
    if (threads) {
        if constexpr (requires { S::with_threads(1u); }) {
            roles = S::with_threads(unsigned(*threads));
        } else {
            roles = base.scaled_to(unsigned(*threads));
        }
    }
    if (std::string why = S::refusal(roles); !why.empty()) return why;
    scenario_threads out{roles, {}};
    for (unsigned i = 0; i < roles.threads(); ++i) out.names.push_back(S::thread_name(roles, i));
    return out;
}

}  // namespace spancheck::stress
