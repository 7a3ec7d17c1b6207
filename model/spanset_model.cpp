#include "spanset_model.hpp"

#include "../impl/spanset/narrative.hpp"
#include "../impl/spanset/variants/all.hpp"
#include "../scenarios/spanset/scenarios.hpp"
#include "driver.hpp"

namespace spancheck::model {

namespace {

template <class Variant, std::uintptr_t N>
outcome run_sized(std::string_view scenario, const options& opt) {
    using H = spanset::harness<relacy_world, Variant, spanset::spanSetConfig<N, 1>>;
    outcome out = std::string("unknown scenario");
    spanset::all::for_harness<H>::with_name(scenario, [&](auto* tag) {
        using S = std::remove_pointer_t<decltype(tag)>;
        const shape sh = S::default_shape;
        if (std::string why = S::refusal(sh); !why.empty()) {
            out = why;
            return;
        }
        auto names = [sh](int t) {
            if (t == setup_thread) return std::string("setup");
            if (t == checks_thread) return std::string("final checks");
            return spanset::role_name(sh, unsigned(t));
        };
        auto narrate = [names](const step_record& r) { return spanset::narrate<Variant, N>(r, names); };
        out = run<S>(opt, narrate, names);
    });
    return out;
}

}  // namespace

outcome run_spanset(std::string_view variant, std::string_view scenario, unsigned slots, const options& opt) {
    outcome out = std::string("unknown variant");
    spanset::variants::all::with_name(variant, [&](auto* tag) {
        using V = std::remove_pointer_t<decltype(tag)>;
        out = slots == 2 ? run_sized<V, 2>(scenario, opt) : run_sized<V, 4>(scenario, opt);
    });
    return out;
}

}  // namespace spancheck::model
