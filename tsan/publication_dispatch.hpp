// The publication scenarios on real threads, picked by name at run time:
// every variant and scenario the stress executor is built for.
#pragma once

#include <string_view>
#include <type_traits>

#include "../impl/publication/variants/v7de15e36.hpp"
#include "../impl/real_world.hpp"
#include "../scenarios/publication/scenarios.hpp"
#include "stress_variants.hpp"

namespace spancheck::stress {

// Threads a publication scenario may run on real threads (one writer, the
// others readers, lettered A, B, ...).
inline constexpr long long publication_max_threads = 16;

// Calls f(static_cast<S*>(nullptr), static_cast<V*>(nullptr)) for the
// scenario type S and variant V named by variant and scenario; false if a
// name is unknown.
template <class F>
bool with_publication_scenario(std::string_view variant, std::string_view scenario, F&& f) {
    bool found = false;
    publication_variants::with_name(variant, [&](auto* variant_tag) {
        using H = publication::harness<real_world, std::remove_pointer_t<decltype(variant_tag)>>;
        found = publication::all::for_harness<H>::with_name(scenario,
                                                            [&](auto* scenario_tag) { f(scenario_tag, variant_tag); });
    });
    return found;
}

}  // namespace spancheck::stress
