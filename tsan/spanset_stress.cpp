#include "spanset_stress.hpp"

#include "executor.hpp"
#include "spanset_dispatch.hpp"
#include "spanset_window.hpp"

namespace spancheck::stress {

result run_spanset(const stress_request& r) {
    result out;
    with_spanset_scenario(r.variant, r.scenario, r.slots, [&](auto* tag, auto) {
        using S = std::remove_pointer_t<decltype(tag)>;
        spanset_window window(r.slots, S::concurrent_pops);
        out = run_trials(r.p, {&make_trial<S>, names_of<S>(r.p.roles), spanset_point_names(), window});
    });
    return out;
}

}  // namespace spancheck::stress
