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
#include <string_view>

namespace spancheck {

enum class access_kind : std::uint8_t { load, store, rmw, fence };

struct site_info {
    std::string_view name;    // as on the command line: spineLen_store
    access_kind kind;
    std::memory_order go;     // the order Go gives the access
    std::string_view orders;  // what it orders, for `spancheck list --sites`
};

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

}  // namespace spancheck
