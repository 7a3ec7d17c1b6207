// The engines of one variant, whichever protocol it belongs to: included by
// the translation units CMake (or spancheck, for a variant file elsewhere)
// generates from model/variant_runner.cpp.in.
#pragma once

// First: nlohmann's JSON (runner.hpp) uses errno, which relacy_world.hpp's
// cleanup of Relacy's macros takes away.
#include "runner.hpp"

#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>

#include "../impl/publication/narrative.hpp"
#include "../impl/publication/protocol.hpp"
#include "../impl/spanset/narrative.hpp"
#include "../impl/spanset/protocol.hpp"
#include "../scenarios/publication/scenarios.hpp"
#include "../scenarios/spanset/scenarios.hpp"
#include "dispatch.hpp"
#include "explorer_driver.hpp"
#include "relacy_driver.hpp"
#include "model_slots.hpp"

// The namespaces of the shipped variants, which the generated unit searches
// for the variant's name.
namespace spancheck::spanset::variants {}
namespace spancheck::publication::variants {}

namespace spancheck::model {

// Relacy: the scenario's default shape only.
inline std::string relacy_shape_refusal(const options& opt) {
    if (!opt.shape.given()) return {};
    return "Relacy runs a scenario in its default shape (its thread count is compiled in); "
           "for --pushers, --poppers, --readers or --spans use --search dpor";
}

template <class Scenarios, class Variant>
outcome relacy_run(std::string_view scenario, const options& opt, const narrator& narrate) {
    if (std::string why = relacy_shape_refusal(opt); !why.empty()) return why;
    return with_scenario<Scenarios>(scenario, opt.shape, [&]<class S>(const shape&, const thread_namer& names) {
        outcome out = run<S, Variant>(opt, narrate, names);
        if (auto* r = std::get_if<result>(&out)) r->shape = shape_words<S>(S::default_shape, 0);
        return out;
    });
}

template <class Scenarios, class Variant>
outcome explorer_run(std::string_view scenario, const options& opt, const narrator& narrate) {
    const explorer::options eo = explorer_options(opt);
    return with_scenario<Scenarios>(scenario, opt.shape, [&]<class S>(const shape& sh, const thread_namer& names) {
        const std::size_t spans = opt.shape.spans.value_or(0);
        outcome out = explore_scenario<S, Variant>(sh, spans, eo, opt.shard, opt.shards, narrate, names);
        if (auto* r = std::get_if<result>(&out)) {
            r->shape = shape_words<S>(sh, spans ? spans : [&] {
                if constexpr (requires { S::default_spans(sh); }) {
                    return std::size_t(S::default_spans(sh));
                } else {
                    return std::size_t(0);
                }
            }());
        }
        return out;
    });
}

template <class Variant, std::uintptr_t N>
using spanset_scenarios_for = typename spanset::all::template for_harness<
    spanset::harness<relacy_world, Variant, spanset::spanSetConfig<N, 1>>>;
template <class Variant, std::uintptr_t N>
using spanset_explorer_scenarios_for = typename spanset::all::template for_harness<
    spanset::harness<explorer::explorer_world, Variant, spanset::spanSetConfig<N, 1>>>;

template <class Variant>
outcome run_spanset_relacy(std::string_view scenario, unsigned slots, const options& opt) {
    static_assert(std::size(spanset_model_slots) == 2, "dispatch below covers each model block size");
    if (slots == spanset_model_slots[0]) {
        return relacy_run<spanset_scenarios_for<Variant, spanset_model_slots[0]>, Variant>(
            scenario, opt, spanset::narrate<Variant, spanset_model_slots[0]>);
    }
    return relacy_run<spanset_scenarios_for<Variant, spanset_model_slots[1]>, Variant>(
        scenario, opt, spanset::narrate<Variant, spanset_model_slots[1]>);
}

template <class Variant>
outcome run_spanset_explorer(std::string_view scenario, unsigned slots, const options& opt) {
    static_assert(std::size(spanset_explorer_slots) == 3, "dispatch below covers each explorer block size");
    switch (slots) {
    case spanset_explorer_slots[0]:
        return explorer_run<spanset_explorer_scenarios_for<Variant, spanset_explorer_slots[0]>, Variant>(
            scenario, opt, spanset::narrate<Variant, spanset_explorer_slots[0]>);
    case spanset_explorer_slots[1]:
        return explorer_run<spanset_explorer_scenarios_for<Variant, spanset_explorer_slots[1]>, Variant>(
            scenario, opt, spanset::narrate<Variant, spanset_explorer_slots[1]>);
    default:
        return explorer_run<spanset_explorer_scenarios_for<Variant, spanset_explorer_slots[2]>, Variant>(
            scenario, opt, spanset::narrate<Variant, spanset_explorer_slots[2]>);
    }
}

template <class Variant>
outcome run_publication_relacy(std::string_view scenario, unsigned, const options& opt) {
    using H = publication::harness<relacy_world, Variant>;
    return relacy_run<typename publication::all::template for_harness<H>, Variant>(scenario, opt, publication::narrate);
}

template <class Variant>
outcome run_publication_explorer(std::string_view scenario, unsigned, const options& opt) {
    using H = publication::harness<explorer::explorer_world, Variant>;
    return explorer_run<typename publication::all::template for_harness<H>, Variant>(scenario, opt,
                                                                                    publication::narrate);
}

template <class List>
std::vector<std::string> names_in() {
    std::vector<std::string> out;
    List::each([&](auto* tag) { out.emplace_back(std::remove_pointer_t<decltype(tag)>::name); });
    return out;
}

// The variant's sites, each with Go's order and the variant's.
template <class Site, class Variant>
nlohmann::json sites_of() {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < std::size_t(Site::count_); ++i) {
        const site_info info = describe(Site(i));
        out.push_back({{"site", info.name},
                       {"kind", access_kind_name(info.kind)},
                       {"go", order_name(info.go)},
                       {"order", order_name(Variant::orders[Site(i)])},
                       {"orders", info.orders}});
    }
    return out;
}

template <class Variant, class Site>
nlohmann::json describe_variant() {
    nlohmann::json j = {{"protocol", std::is_base_of_v<spanset::protocol, Variant> ? "spanset" : "publication"},
                        {"variant", Variant::name},
                        {"upstream", Variant::upstream},
                        {"summary", Variant::summary}};
    auto& expected = j["expected"] = nlohmann::json::array();
    if constexpr (requires { Variant::expected; }) {
        for (violation_kind k : Variant::expected) expected.push_back(kind_name(k));
    }
    j["sites"] = sites_of<Site, Variant>();
    return j;
}

template <class Variant, class Site>
std::string set_orders(std::string_view spec) {
    auto parsed = parse_orders<Site>(spec);
    if (auto* why = std::get_if<std::string>(&parsed)) return *why;
    apply_orders<Variant>(std::get<order_request<Site>>(parsed));
    return {};
}

template <class Variant, class Site>
nlohmann::json changed_orders_json() {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, mo] : changed_orders<Variant, Site>()) out[std::string(name)] = order_name(mo);
    return out;
}

template <class Variant>
variant_engines engines_of() {
    if constexpr (std::is_base_of_v<spanset::protocol, Variant>) {
        using H = spanset::harness<relacy_world, Variant, spanset::spanSetConfig<2, 1>>;
        return {"spanset",
                std::string(Variant::name),
                names_in<typename spanset::all::template for_harness<H>>(),
                {std::begin(spanset_model_slots), std::end(spanset_model_slots)},
                {std::begin(spanset_explorer_slots), std::end(spanset_explorer_slots)},
                &run_spanset_relacy<Variant>,
                &run_spanset_explorer<Variant>,
                &describe_variant<Variant, spanset::site>,
                &set_orders<Variant, spanset::site>,
                &changed_orders_json<Variant, spanset::site>};
    } else {
        static_assert(std::is_base_of_v<publication::protocol, Variant>,
                      "a variant derives from a variant of a protocol: spanset's (e.g. popped) or publication's "
                      "(e.g. v7de15e36)");
        using H = publication::harness<relacy_world, Variant>;
        return {"publication",
                std::string(Variant::name),
                names_in<typename publication::all::template for_harness<H>>(),
                {},
                {},
                &run_publication_relacy<Variant>,
                &run_publication_explorer<Variant>,
                &describe_variant<Variant, publication::site>,
                &set_orders<Variant, publication::site>,
                &changed_orders_json<Variant, publication::site>};
    }
}

}  // namespace spancheck::model
