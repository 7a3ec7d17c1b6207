// How the model checker explores a scenario. Relacy (weak memory, in part):
// `bound:K` (every schedule with at most K preemptions, exhaustive within that
// bound), `full` (every schedule, exhaustive, only feasible for the smallest
// scenarios) or `random:N[@SEED]` (N schedules drawn from seed SEED, never
// exhaustive). The explorer (sequential consistency, partial-order
// reduction): `dpor`, every interleaving up to equivalence, exhaustive.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spancheck::model {

struct search {
    enum class kind { bound, full, random, dpor };
    kind k = kind::bound;
    unsigned bound = 3;
    std::uint64_t iterations = 0;
    std::uint64_t seed = 0;

    bool exhaustive() const { return k != kind::random; }
    std::string text() const {
        switch (k) {
        case kind::bound: return "bound:" + std::to_string(bound);
        case kind::full: return "full";
        case kind::random: return "random:" + std::to_string(iterations) + "@" + std::to_string(seed);
        case kind::dpor: return "dpor";
        }
        return {};
    }
};

inline constexpr std::string_view search_forms =
    "dpor, bound:K (K = 1..8), full, random:N or random:N@SEED (N >= 1)";

// Parses a --search value; nullopt if it is none of search_forms.
inline std::optional<search> parse_search(std::string_view s) {
    auto number = [](std::string_view digits) -> std::optional<std::uint64_t> {
        if (digits.empty() || digits.size() > 18) return std::nullopt;
        std::uint64_t v = 0;
        for (char c : digits) {
            if (c < '0' || c > '9') return std::nullopt;
            v = v * 10 + std::uint64_t(c - '0');
        }
        return v;
    };
    search out;
    if (s == "dpor") {
        out.k = search::kind::dpor;
        return out;
    }
    if (s == "full") {
        out.k = search::kind::full;
        return out;
    }
    if (s.substr(0, 6) == "bound:") {
        auto k = number(s.substr(6));
        if (!k || *k < 1 || *k > 8) return std::nullopt;
        out.k = search::kind::bound;
        out.bound = unsigned(*k);
        return out;
    }
    if (s.substr(0, 7) == "random:") {
        std::string_view rest = s.substr(7);
        const auto at = rest.find('@');
        auto n = number(rest.substr(0, at));
        if (!n || *n < 1) return std::nullopt;
        out.k = search::kind::random;
        out.iterations = *n;
        if (at != std::string_view::npos) {
            auto seed = number(rest.substr(at + 1));
            if (!seed) return std::nullopt;
            out.seed = *seed;
        }
        return out;
    }
    return std::nullopt;
}

}  // namespace spancheck::model
