// The protocols the stress executor runs, as stress_protocol.hpp describes them.
#include "stress_protocol.hpp"

#include <iterator>

#include "../impl/spanset/ghost.hpp"
#include "publication_dispatch.hpp"
#include "publication_window.hpp"
#include "spanset_dispatch.hpp"
#include "spanset_window.hpp"

namespace spancheck::stress {

namespace {

template <class Site>
std::string orders_refusal(std::string_view spec) {
    auto parsed = parse_orders<Site>(spec);
    const auto* why = std::get_if<std::string>(&parsed);
    return why ? *why : std::string();
}

template <class List>
std::vector<std::string> names() {
    std::vector<std::string> out;
    List::each([&](auto* tag) { out.emplace_back(std::remove_pointer_t<decltype(tag)>::name); });
    return out;
}

stress_protocol spanset_protocol() {
    // Scenario names do not depend on the harness; any instance tells them.
    using any = spanset::harness<real_world, spanset::variants::popped, spanset::spanSetConfig<2, 1>>;
    stress_protocol p{"spanset", names<spanset_variants>(), names<spanset::all::for_harness<any>>(),
                      point_names<spanset::point>(), {std::begin(spanset_stress_slots), std::end(spanset_stress_slots)},
                      nullptr, &orders_refusal<spanset::site>};
    p.threads = [](const std::string& variant, const std::string& scenario, unsigned slots,
                   std::optional<long long> threads) {
        std::variant<scenario_threads, std::string> out;
        with_spanset_scenario(variant, scenario, slots, [&](auto* tag, auto*) {
            out = threads_of<std::remove_pointer_t<decltype(tag)>>(threads, spanset::max_threads);
        });
        return out;
    };
    return p;
}

stress_protocol publication_protocol() {
    using any = publication::harness<real_world, publication::variants::v7de15e36>;
    stress_protocol p{"publication", names<publication_variants>(), names<publication::all::for_harness<any>>(),
                      point_names<publication::point>(), {}, nullptr, &orders_refusal<publication::site>};
    p.threads = [](const std::string& variant, const std::string& scenario, unsigned,
                   std::optional<long long> threads) {
        std::variant<scenario_threads, std::string> out;
        with_publication_scenario(variant, scenario, [&](auto* tag, auto*) {
            out = threads_of<std::remove_pointer_t<decltype(tag)>>(threads, publication_max_threads);
        });
        return out;
    };
    return p;
}

}  // namespace

const std::vector<stress_protocol>& stress_protocols() {
    static const std::vector<stress_protocol> all = {spanset_protocol(), publication_protocol()};
    return all;
}

}  // namespace spancheck::stress
