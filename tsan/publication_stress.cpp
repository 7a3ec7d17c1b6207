#include "publication_stress.hpp"

#include "../impl/publication/narrative.hpp"
#include "executor.hpp"
#include "publication_dispatch.hpp"
#include "publication_window.hpp"

namespace spancheck::stress {

result run_publication(const stress_request& r) {
    result out;
    with_publication_scenario(r.name, r.scenario, [&](auto* scenario_tag, auto* variant_tag) {
        using S = std::remove_pointer_t<decltype(scenario_tag)>;
        using V = std::remove_pointer_t<decltype(variant_tag)>;
        apply_orders<V>(std::get<order_request<publication::site>>(parse_orders<publication::site>(r.orders)));
        publication_window window(S::window);
        out = run_trials(r.p, {&make_trial<S>, names_of<S>(r.p.roles), point_names<publication::point>(), window,
                               &documented_for<S, V>, &publication::narrate});
    });
    return out;
}

}  // namespace spancheck::stress
