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
#include "model_slots.hpp"

// The namespaces of the shipped variants, which the generated unit searches
// for the variant's name.
namespace spancheck::spanset::variants {}
namespace spancheck::publication::variants {}

namespace spancheck::model {

template <class Variant, std::uintptr_t N>
outcome run_spanset_sized(std::string_view scenario, const options& opt) {
    using H = spanset::harness<relacy_world, Variant, spanset::spanSetConfig<N, 1>>;
    return run_named<typename spanset::all::template for_harness<H>, Variant>(scenario, opt,
                                                                             spanset::narrate<Variant, N>);
}

template <class Variant>
outcome run_spanset_relacy(std::string_view scenario, unsigned slots, const options& opt) {
    static_assert(std::size(spanset_model_slots) == 2, "dispatch below covers each model block size");
    return slots == spanset_model_slots[0] ? run_spanset_sized<Variant, spanset_model_slots[0]>(scenario, opt)
                                           : run_spanset_sized<Variant, spanset_model_slots[1]>(scenario, opt);
}

template <class Variant>
outcome run_publication_relacy(std::string_view scenario, unsigned, const options& opt) {
    using H = publication::harness<relacy_world, Variant>;
    return run_named<typename publication::all::template for_harness<H>, Variant>(scenario, opt,
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

template <class Variant>
variant_engines engines_of() {
    if constexpr (std::is_base_of_v<spanset::protocol, Variant>) {
        using H = spanset::harness<relacy_world, Variant, spanset::spanSetConfig<2, 1>>;
        return {"spanset", std::string(Variant::name), names_in<typename spanset::all::template for_harness<H>>(),
                {std::begin(spanset_model_slots), std::end(spanset_model_slots)}, &run_spanset_relacy<Variant>,
                &describe_variant<Variant, spanset::site>};
    } else {
        static_assert(std::is_base_of_v<publication::protocol, Variant>,
                      "a variant derives from a variant of a protocol: spanset's (e.g. popped) or publication's "
                      "(e.g. v7de15e36)");
        using H = publication::harness<relacy_world, Variant>;
        return {"publication", std::string(Variant::name),
                names_in<typename publication::all::template for_harness<H>>(), {}, &run_publication_relacy<Variant>,
                &describe_variant<Variant, publication::site>};
    }
}

}  // namespace spancheck::model
