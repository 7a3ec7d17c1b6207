// Schedule perturbation policies, as named on the command line (--perturb).
// What each one does at a protocol point is perturb.hpp's job.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace spancheck::stress {

struct policy {
    enum class kind { none, random, pct, delay };
    kind k = kind::none;
    double probability = 0;  // random: the chance of a delay at each point
    unsigned depth = 0;      // pct: the bug depth D, so D - 1 priority change points
    std::uint16_t point = 0; // delay: the point where the chosen thread is delayed
    std::string text;        // the policy in its command-line form, for reports and re-runs
};

inline constexpr double default_random_probability = 0.01;
inline constexpr unsigned max_pct_depth = 8;

inline constexpr std::string_view policy_forms =
    "none, random, random:P (0 < P <= 1, default 0.01), pct:D (D = 1..8), delay:POINT";

// A policy, or the one-line reason the text is none. `points` are the
// protocol's point names, indexed by point code.
inline std::variant<policy, std::string> parse_policy(std::string_view s, const std::vector<std::string>& points) {
    const std::string bad = "unknown --perturb policy '" + std::string(s) + "'; accepted: " + std::string(policy_forms);
    const auto colon = s.find(':');
    const std::string_view name = s.substr(0, colon);
    const std::string_view arg = colon == std::string_view::npos ? std::string_view() : s.substr(colon + 1);
    policy p;
    p.text = std::string(s);
    if (s == "none") return p;
    if (name == "random") {
        p.k = policy::kind::random;
        p.probability = default_random_probability;
        if (colon != std::string_view::npos) {
            const auto [end, err] = std::from_chars(arg.data(), arg.data() + arg.size(), p.probability);
            if (arg.empty() || err != std::errc() || end != arg.data() + arg.size() || !(p.probability > 0) ||
                p.probability > 1) {
                return bad;
            }
        }
        return p;
    }
    if (name == "pct") {
        p.k = policy::kind::pct;
        const auto [end, err] = std::from_chars(arg.data(), arg.data() + arg.size(), p.depth);
        if (arg.empty() || err != std::errc() || end != arg.data() + arg.size() || p.depth < 1 ||
            p.depth > max_pct_depth) {
            return bad;
        }
        return p;
    }
    if (name == "delay" && colon != std::string_view::npos) {
        p.k = policy::kind::delay;
        for (std::size_t code = 0; code < points.size(); ++code) {
            if (points[code] == arg) {
                p.point = std::uint16_t(code);
                return p;
            }
        }
        std::string names;
        for (const std::string& n : points) names += (names.empty() ? "" : ", ") + n;
        return "unknown point '" + std::string(arg) + "' in --perturb " + std::string(s) + "; accepted: " + names;
    }
    return bad;
}

}  // namespace spancheck::stress
