#include "catalog.hpp"

#include <algorithm>
#include <type_traits>
#include <utility>

#include "../impl/publication/variants/all.hpp"
#include "../impl/real_world.hpp"
#include "../impl/spanset/variants/all.hpp"
#include "../scenarios/documented.hpp"
#include "../scenarios/publication/scenarios.hpp"
#include "../scenarios/spanset/scenarios.hpp"
#include "../model/model_slots.hpp"
#include "runners.hpp"

namespace spancheck::cli {

namespace {

template <class Variants, class Site>
void add_variants(protocol& p) {
    Variants::each([&](auto* tag) {
        using V = std::remove_pointer_t<decltype(tag)>;
        p.variants.push_back({std::string(V::name), std::string(V::summary), std::string(V::upstream), {}, {},
                              std::string(file_stem<V>), {}});
        for (std::size_t i = 0; i < std::size_t(Site::count_); ++i) {
            const site_info info = describe(Site(i));
            p.variants.back().sites.push_back({std::string(info.name), std::string(access_kind_name(info.kind)),
                                               std::string(order_name(info.go)),
                                               std::string(order_name(V::orders[Site(i)])),
                                               std::string(info.orders)});
        }
        if constexpr (requires { V::expected; }) {
            for (violation_kind k : V::expected) p.variants.back().expected.emplace_back(kind_name(k));
        }
    });
}

// Scenario names and summaries do not depend on the harness; any instance tells them.
template <class Scenarios>
void add_scenarios(protocol& p) {
    Scenarios::each([&](auto* tag) {
        using S = std::remove_pointer_t<decltype(tag)>;
        p.scenarios.push_back({std::string(S::name), std::string(S::summary), {}, {}, {}, {}, {}});
    });
}

// Notes which scenarios the correct variants (those that declare no
// expected kinds) fail by design, and with which kinds, from what the
// scenarios document (scenarios/documented.hpp): "fails by design for
// 7de15e36, hardened: invalid-free". Harness<V> is the harness a scenario
// runs V on; any world tells what is documented.
template <class Variants, template <class> class Harness, class Scenarios>
void add_by_design(protocol& p) {
    struct note {
        std::vector<std::string> variants, kinds;
    };
    std::vector<note> notes(p.scenarios.size());
    auto add = [](std::vector<std::string>& to, std::string what) {
        if (std::find(to.begin(), to.end(), what) == to.end()) to.push_back(std::move(what));
    };
    Variants::each([&](auto* tag) {
        using V = std::remove_pointer_t<decltype(tag)>;
        if constexpr (!requires { V::expected; }) {
            std::size_t i = 0;
            Scenarios::template for_harness<Harness<V>>::each([&](auto* scenario_tag) {
                using S = std::remove_pointer_t<decltype(scenario_tag)>;
                for (const documented_violation& d : documented_violations_of<S, V>()) {
                    add(notes[i].variants, std::string(V::name));
                    add(notes[i].kinds, std::string(kind_name(d.kind)));
                }
                ++i;
            });
        }
    });
    for (std::size_t i = 0; i < notes.size(); ++i) {
        if (notes[i].kinds.empty()) continue;
        std::string& out = p.scenarios[i].by_design;
        out = "fails by design for ";
        for (std::size_t k = 0; k < notes[i].variants.size(); ++k) out += (k ? ", " : "") + notes[i].variants[k];
        out += ":";
        for (std::size_t k = 0; k < notes[i].kinds.size(); ++k) out += (k ? ", " : " ") + notes[i].kinds[k];
    }
}

template <class V>
using publication_harness = publication::harness<real_world, V>;

protocol spanset_protocol() {
    protocol p;
    p.name = "spanset";
    p.summary = "the span set of Go's mcentral (runtime/mspanset.go) and its block leak (Go 39380e8e)";
    add_variants<spanset::variants::all, spanset::site>(p);
    using any = spanset::harness<real_world, spanset::variants::popped, spanset::spanSetConfig<2, 1>>;
    add_scenarios<spanset::all::for_harness<any>>(p);
    // M10 is a model configuration, not a code change: tiny blocks with more
    // pushers in flight than slots. Every scenario refuses it; Go cannot get there.
    p.unreachable.push_back({"m10-capacity", spanset::push_pop<any>::refusal(shape{3, 0}), "mutant M10", {}, {}, {}, {}});
    p.model_slots.assign(std::begin(model::spanset_model_slots), std::end(model::spanset_model_slots));
    p.model = run_model_child;
    p.full_search_scenarios = {"two-poppers"};
    // At 512 slots the other scenarios' poppers never both reach a block's
    // last slots, so their stress runs there could only be inconclusive.
    p.go_size_scenarios = {"two-poppers", "reset-after-drain"};
    p.stress = true;
    return p;
}

protocol publication_protocol() {
    protocol p;
    p.name = "publication";
    p.summary = "span publication through mspan.state (Go 7de15e36) and the Go 1.13 race before it";
    add_variants<publication::variants::all, publication::site>(p);
    add_scenarios<publication::all::for_harness<publication::harness<real_world, publication::variants::v7de15e36>>>(p);
    add_by_design<publication::variants::all, publication_harness, publication::all>(p);
    p.model = run_model_child;
    // Unbounded searches finish in well under a second here (565, 12,959 and
    // 46 executions for 7de15e36); the others' schedules are too many.
    p.full_search_scenarios = {"reader-vs-init", "reader-vs-free", "trusted-pointer"};
    p.stress = true;
    return p;
}

}  // namespace

const std::vector<protocol>& protocols() {
    static const std::vector<protocol> all = {spanset_protocol(), publication_protocol()};
    return all;
}

const protocol* protocol_of_variant(std::string_view variant) {
    for (const protocol& p : protocols()) {
        for (const entry& v : p.variants) {
            if (v.name == variant) return &p;
        }
    }
    return nullptr;
}

const entry* variant_named(std::string_view variant) {
    for (const protocol& p : protocols()) {
        for (const entry& v : p.variants) {
            if (v.name == variant) return &v;
        }
    }
    return nullptr;
}

const protocol* protocol_named(std::string_view name) {
    for (const protocol& p : protocols()) {
        if (p.name == name) return &p;
    }
    return nullptr;
}

std::string names_of(const std::vector<entry>& entries) {
    std::string out;
    for (const entry& e : entries) out += (out.empty() ? "" : ", ") + e.name;
    return out;
}

}  // namespace spancheck::cli
