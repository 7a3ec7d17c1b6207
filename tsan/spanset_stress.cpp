#include "spanset_stress.hpp"

#include "../impl/spanset/narrative.hpp"
#include "executor.hpp"
#include "spanset_dispatch.hpp"
#include "spanset_window.hpp"

namespace spancheck::stress {

namespace {

// A span set scenario's block size, from its harness (a scenario is a template of it).
template <class S>
struct slots_of;
template <template <class> class S, class H>
struct slots_of<S<H>> : std::integral_constant<std::uintptr_t, H::N> {};

}  // namespace

result run_spanset(const stress_request& r) {
    result out;
    with_spanset_scenario(r.name, r.scenario, r.slots, [&](auto* scenario_tag, auto* variant_tag) {
        using S = std::remove_pointer_t<decltype(scenario_tag)>;
        using V = std::remove_pointer_t<decltype(variant_tag)>;
        apply_orders<V>(std::get<order_request<spanset::site>>(parse_orders<spanset::site>(r.orders)));
        spanset_window window(r.slots, S::concurrent_pops);
        out = run_trials(r.p, {&make_trial<S>, names_of<S>(r.p.roles), point_names<spanset::point>(), window,
                               &documented_for<S, V>, &spanset::narrate<V, slots_of<S>::value>});
    });
    return out;
}

}  // namespace spancheck::stress
