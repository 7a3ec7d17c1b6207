#include "catalog.hpp"

#include "../impl/publication/variants/all.hpp"
#include "../impl/real_world.hpp"
#include "../impl/spanset/variants/all.hpp"
#include "../scenarios/publication/scenarios.hpp"
#include "../scenarios/spanset/scenarios.hpp"

namespace spancheck::cli {

namespace {

template <class Variants>
void add_variants(protocol& p) {
    Variants::each([&](auto* tag) {
        using V = std::remove_pointer_t<decltype(tag)>;
        p.variants.push_back({std::string(V::name), std::string(V::summary), std::string(V::upstream), {}});
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
        p.scenarios.push_back({std::string(S::name), std::string(S::summary), {}, {}});
    });
}

protocol spanset_protocol() {
    protocol p;
    p.name = "spanset";
    p.summary = "the span set of Go's mcentral (runtime/mspanset.go) and its block leak (Go 39380e8e)";
    add_variants<spanset::variants::all>(p);
    using any = spanset::harness<real_world, spanset::variants::popped, spanset::spanSetConfig<2, 1>>;
    add_scenarios<spanset::all::for_harness<any>>(p);
    // M10 is a model configuration, not a code change: tiny blocks with more
    // pushers in flight than slots. Every scenario refuses it; Go cannot get there.
    p.unreachable.push_back({"m10-capacity", spanset::push_pop<any>::refusal(shape{3, 0}), "mutant M10", {}});
    p.model_slots.assign(std::begin(model::spanset_model_slots), std::end(model::spanset_model_slots));
    p.model = model::run_spanset;
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
    add_variants<publication::variants::all>(p);
    add_scenarios<publication::all::for_harness<publication::harness<real_world, publication::variants::v7de15e36>>>(p);
    p.model = model::run_publication;
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
