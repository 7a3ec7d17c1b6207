// Memory orders by access site. Every atomic access and fence of a protocol
// takes its std::memory_order from a named site of that protocol (its
// `site` enum: spineLen_store, slot_load, state_load, ...), never from a
// literal, so that a variant can weaken one access in one line:
//
//   static constexpr site_orders<site> orders = popped::orders.with(site::popped_add, acq_rel);
//
// and `spancheck orders` can weaken them one at a time at run time. A
// protocol describes each site with `constexpr site_info describe(site)`,
// found by argument-dependent lookup: its name, what kind of access it is,
// Go's order (seq_cst for Go's atomics; relaxed where Go reads or writes a
// word plainly and races on it on purpose, docs/spanset-protocol.md §15.2)
// and what the order is for.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace spancheck {

enum class access_kind : std::uint8_t { load, store, rmw, fence };

struct site_info {
    std::string_view name;    // as on the command line: spineLen_store
    access_kind kind;
    std::memory_order go;     // the order Go gives the access
    std::string_view orders;  // what it orders, for `spancheck list --sites`
};

constexpr std::string_view access_kind_name(access_kind k) {
    switch (k) {
    case access_kind::load: return "load";
    case access_kind::store: return "store";
    case access_kind::rmw: return "rmw";
    case access_kind::fence: return "fence";
    }
    return "?";
}

constexpr std::string_view order_name(std::memory_order mo) {
    switch (mo) {
    case std::memory_order_relaxed: return "relaxed";
    case std::memory_order_consume: return "consume";
    case std::memory_order_acquire: return "acquire";
    case std::memory_order_release: return "release";
    case std::memory_order_acq_rel: return "acq_rel";
    case std::memory_order_seq_cst: return "seq_cst";
    }
    return "?";
}

// How strong an order is, for "weaker than": relaxed < acquire, release < acq_rel < seq_cst.
constexpr int order_strength(std::memory_order mo) {
    switch (mo) {
    case std::memory_order_relaxed: return 0;
    case std::memory_order_consume:
    case std::memory_order_acquire:
    case std::memory_order_release: return 1;
    case std::memory_order_acq_rel: return 2;
    case std::memory_order_seq_cst: return 3;
    }
    return 3;
}

// Whether mo is an order C++ allows for this kind of access.
constexpr bool order_fits(access_kind k, std::memory_order mo) {
    switch (k) {
    case access_kind::load:
        return mo == std::memory_order_relaxed || mo == std::memory_order_acquire || mo == std::memory_order_seq_cst;
    case access_kind::store:
        return mo == std::memory_order_relaxed || mo == std::memory_order_release || mo == std::memory_order_seq_cst;
    case access_kind::rmw:
    case access_kind::fence: return mo != std::memory_order_consume;
    }
    return false;
}

// The order one step weaker than mo for this kind of access (seq_cst →
// acquire, release or acq_rel as fits → relaxed), or mo itself if it is
// already relaxed.
constexpr std::memory_order one_step_weaker(access_kind k, std::memory_order mo) {
    switch (mo) {
    case std::memory_order_seq_cst:
        switch (k) {
        case access_kind::load: return std::memory_order_acquire;
        case access_kind::store: return std::memory_order_release;
        case access_kind::rmw:
        case access_kind::fence: return std::memory_order_acq_rel;
        }
        return mo;
    case std::memory_order_relaxed: return mo;
    default: return std::memory_order_relaxed;
    }
}

// `mo` cut down to what fits this kind of access and is no stronger than
// the site's own order: all sites "at most acquire/release" gives loads
// acquire, stores release, read-modify-writes and fences acq_rel.
constexpr std::memory_order at_most(access_kind k, std::memory_order own, std::memory_order mo) {
    if (order_strength(mo) >= order_strength(own)) return own;
    if (mo == std::memory_order_relaxed) return mo;
    switch (k) {
    case access_kind::load: return std::memory_order_acquire;
    case access_kind::store: return std::memory_order_release;
    case access_kind::rmw:
    case access_kind::fence: return order_strength(own) >= 2 ? std::memory_order_acq_rel : own;
    }
    return own;
}

// The order of every site of a protocol. Site is the protocol's enum; its
// last enumerator is count_.
template <class Site>
class site_orders {
public:
    static constexpr std::size_t count = std::size_t(Site::count_);

    // Go's orders.
    constexpr site_orders() {
        for (std::size_t i = 0; i < count; ++i) orders_[i] = describe(Site(i)).go;
    }

    constexpr std::memory_order operator[](Site s) const { return orders_[std::size_t(s)]; }

    // The same with one site changed (a variant's one-line weakening).
    constexpr site_orders with(Site s, std::memory_order mo) const {
        site_orders out = *this;
        out.orders_[std::size_t(s)] = mo;
        return out;
    }

private:
    std::array<std::memory_order, count> orders_{};
};

// Orders set at run time for every variant of a protocol (`spancheck orders`,
// `--orders SITE=ORDER`), before any thread starts: they replace the
// variant's own. Read-only while a scenario runs.
template <class Site>
struct site_override {
    static inline std::array<bool, std::size_t(Site::count_)> set{};
    static inline std::array<std::memory_order, std::size_t(Site::count_)> order{};

    static void clear() { set.fill(false); }
    static void assign(Site s, std::memory_order mo) {
        set[std::size_t(s)] = true;
        order[std::size_t(s)] = mo;
    }
};

// The order the variant V runs the access at site s with.
template <class V, class Site>
std::memory_order order_of(Site s) {
    if (site_override<Site>::set[std::size_t(s)]) return site_override<Site>::order[std::size_t(s)];
    return V::orders[s];
}

// Sites by name, for the command line; Site::count_ if none has it.
template <class Site>
constexpr Site site_named(std::string_view name) {
    for (std::size_t i = 0; i < std::size_t(Site::count_); ++i) {
        if (describe(Site(i)).name == name) return Site(i);
    }
    return Site::count_;
}

// Orders by name, as the command line gives them.
inline constexpr std::string_view order_names = "relaxed, acquire, release, acq_rel, seq_cst";
constexpr std::optional<std::memory_order> order_named(std::string_view name) {
    for (std::memory_order mo : {std::memory_order_relaxed, std::memory_order_acquire, std::memory_order_release,
                                 std::memory_order_acq_rel, std::memory_order_seq_cst}) {
        if (order_name(mo) == name) return mo;
    }
    return std::nullopt;
}

// A run's orders as `--orders` gives them: "SITE=ORDER,SITE=ORDER", and
// "all=ORDER" for every site at most that order (what fits each kind of
// access: all=acq_rel gives loads acquire, stores release).
template <class Site>
struct order_request {
    std::optional<std::memory_order> all;
    std::vector<std::pair<Site, std::memory_order>> sites;  // after `all`, so they win
};

template <class Site>
std::variant<order_request<Site>, std::string> parse_orders(std::string_view spec) {
    order_request<Site> out;
    const std::string accepted = "accepted: SITE=ORDER[,SITE=ORDER...] or all=ORDER, ORDER one of " +
                                 std::string(order_names) + " (spancheck list --sites VARIANT names the sites)";
    while (!spec.empty()) {
        const std::size_t comma = spec.find(',');
        const std::string_view item = spec.substr(0, comma);
        spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
        const std::size_t eq = item.find('=');
        if (eq == std::string_view::npos) return "bad --orders item '" + std::string(item) + "'; " + accepted;
        const std::string_view name = item.substr(0, eq), order = item.substr(eq + 1);
        const auto mo = order_named(order);
        if (!mo) return "unknown order '" + std::string(order) + "' in --orders; " + accepted;
        if (name == "all") {
            out.all = *mo;
            continue;
        }
        const Site s = site_named<Site>(name);
        if (s == Site::count_) return "unknown site '" + std::string(name) + "' in --orders; " + accepted;
        if (!order_fits(describe(s).kind, *mo)) {
            return "--orders " + std::string(item) + ": C++ has no " + std::string(order) + " " +
                   std::string(describe(s).kind == access_kind::load ? "load" : "store") +
                   "; accepted for this site: " +
                   (describe(s).kind == access_kind::load ? "relaxed, acquire, seq_cst" : "relaxed, release, seq_cst");
        }
        out.sites.emplace_back(s, *mo);
    }
    return out;
}

// Sets the orders of r for variant V's run (site_override), before any
// thread starts.
template <class V, class Site>
void apply_orders(const order_request<Site>& r) {
    site_override<Site>::clear();
    if (r.all) {
        for (std::size_t i = 0; i < std::size_t(Site::count_); ++i) {
            const Site s = Site(i);
            site_override<Site>::assign(s, at_most(describe(s).kind, V::orders[s], *r.all));
        }
    }
    for (const auto& [s, mo] : r.sites) site_override<Site>::assign(s, mo);
}

// The sites whose order in this run differs from variant V's own, by name.
template <class V, class Site>
std::vector<std::pair<std::string_view, std::memory_order>> changed_orders() {
    std::vector<std::pair<std::string_view, std::memory_order>> out;
    for (std::size_t i = 0; i < std::size_t(Site::count_); ++i) {
        const Site s = Site(i);
        if (order_of<V>(s) != V::orders[s]) out.emplace_back(describe(s).name, order_of<V>(s));
    }
    return out;
}

}  // namespace spancheck
