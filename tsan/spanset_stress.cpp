#include "spanset_stress.hpp"

#include "executor.hpp"
#include "spanset_dispatch.hpp"
#include "spanset_window.hpp"

namespace spancheck::stress {

result run_spanset(const stress_request& r) {
    result out;
    with_spanset_scenario(r.variant, r.scenario, r.slots, [&](auto* tag, auto) {
        using S = std::remove_pointer_t<decltype(tag)>;
        const shape roles = r.p.roles;
        spanset_window window(r.slots, S::concurrent_pops);
        const subject s{&make_trial<S>,
                        [roles](int t) { return thread_label(t, [&](unsigned i) { return S::thread_name(roles, i); }); },
                        spanset_point_names(), window};
        out = run_trials(r.p, s);
    });
    return out;
}

}  // namespace spancheck::stress
