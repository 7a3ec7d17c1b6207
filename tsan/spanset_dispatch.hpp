// The span set scenarios on real threads, picked by name at run time: every
// variant, scenario and block size the stress executor is built for.
#pragma once

#include <iterator>
#include <string_view>
#include <type_traits>

#include "../impl/real_world.hpp"
#include "../impl/spanset/variants/popped.hpp"
#include "../scenarios/spanset/scenarios.hpp"
#include "stress_variants.hpp"

namespace spancheck::stress {

// Slots per block: the model's tiny blocks, and Go's 512.
inline constexpr unsigned spanset_stress_slots[] = {2, 4, 512};

template <std::uintptr_t N, class F>
bool with_spanset_sized(std::string_view variant, std::string_view scenario, F& f) {
    bool found = false;
    spanset_variants::with_name(variant, [&](auto* variant_tag) {
        using H = spanset::harness<real_world, std::remove_pointer_t<decltype(variant_tag)>, spanset::spanSetConfig<N, 1>>;
        found = spanset::all::for_harness<H>::with_name(scenario,
                                                        [&](auto* scenario_tag) { f(scenario_tag, variant_tag); });
    });
    return found;
}

// Calls f(static_cast<S*>(nullptr), static_cast<V*>(nullptr)) for the
// scenario type S (on blocks of `slots`, one of spanset_stress_slots) and
// variant V named by variant and scenario; false if a name is unknown.
template <class F>
bool with_spanset_scenario(std::string_view variant, std::string_view scenario, unsigned slots, F&& f) {
    static_assert(std::size(spanset_stress_slots) == 3, "the dispatch below covers each block size");
    switch (slots) {
    case spanset_stress_slots[0]: return with_spanset_sized<spanset_stress_slots[0]>(variant, scenario, f);
    case spanset_stress_slots[1]: return with_spanset_sized<spanset_stress_slots[1]>(variant, scenario, f);
    default: return with_spanset_sized<spanset_stress_slots[2]>(variant, scenario, f);
    }
}

}  // namespace spancheck::stress
