// Replay tokens: what `Replay:` prints and --replay takes. A token is one
// shell word that holds an engine's record of one execution (Relacy's state,
// a list of numbers; the explorer's schedule string) and a checksum of that
// record and of the run it belongs to (variant, scenario, shape, search), so
// that a token from another run, or one that was edited, is refused rather
// than followed (Relacy follows any state it is given, and may crash on one).
//
//   r<8 hex>.<numbers>   Relacy: the numbers as runs, see pack_numbers
//   d<8 hex>.<schedule>  the explorer's schedule string
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spancheck::model {

inline std::uint32_t token_checksum(std::string_view run, std::string_view record) {
    std::uint32_t h = 2166136261u;  // FNV-1a
    for (std::string_view part : {run, std::string_view("\n"), record}) {
        for (unsigned char c : part) h = (h ^ c) * 16777619u;
    }
    return h;
}

// Relacy's numbers, compact: comma-separated items, an item being a group of
// numbers joined by '.' and, when the group repeats, "x" and how many times:
// "2,9,2.0.0x8,1,0" is 2 9 then eight times 2 0 0, then 1 0. A livelock's
// thousands of numbers are a few repeating groups.
inline std::string pack_numbers(const std::vector<std::uint64_t>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size();) {
        std::size_t best_len = 1, best_times = 1;
        for (std::size_t len = 1; len <= 8 && i + len <= v.size(); ++len) {
            std::size_t times = 1;
            while (i + (times + 1) * len <= v.size() &&
                   std::equal(v.begin() + i, v.begin() + i + len, v.begin() + i + times * len)) {
                ++times;
            }
            if (times > 1 && times * len > best_times * best_len) {
                best_len = len;
                best_times = times;
            }
        }
        if (!out.empty()) out += ',';
        for (std::size_t k = 0; k < best_len; ++k) out += (k ? "." : "") + std::to_string(v[i + k]);
        if (best_times > 1) out += "x" + std::to_string(best_times);
        i += best_len * best_times;
    }
    return out;
}

// The numbers of a packed list; nothing if it is not one (or absurdly long).
inline std::optional<std::vector<std::uint64_t>> unpack_numbers(std::string_view s) {
    constexpr std::size_t most = 1u << 20;
    std::vector<std::uint64_t> out;
    auto number = [](std::string_view d) -> std::optional<std::uint64_t> {
        if (d.empty() || d.size() > 18) return std::nullopt;
        std::uint64_t x = 0;
        for (char c : d) {
            if (c < '0' || c > '9') return std::nullopt;
            x = x * 10 + std::uint64_t(c - '0');
        }
        return x;
    };
    while (!s.empty()) {
        const auto comma = s.find(',');
        std::string_view item = s.substr(0, comma);
        s = comma == std::string_view::npos ? std::string_view() : s.substr(comma + 1);
        std::uint64_t times = 1;
        if (const auto x = item.find('x'); x != std::string_view::npos) {
            const auto t = number(item.substr(x + 1));
            if (!t || *t < 2 || *t > most) return std::nullopt;
            times = *t;
            item = item.substr(0, x);
        }
        std::vector<std::uint64_t> group;
        while (true) {
            const auto dot = item.find('.');
            const auto n = number(item.substr(0, dot));
            if (!n) return std::nullopt;
            group.push_back(*n);
            if (dot == std::string_view::npos) break;
            item = item.substr(dot + 1);
        }
        if (out.size() + times * group.size() > most) return std::nullopt;
        for (std::uint64_t t = 0; t < times; ++t) out.insert(out.end(), group.begin(), group.end());
    }
    if (out.empty()) return std::nullopt;
    return out;
}

// engine: 'r' (Relacy) or 'd' (the explorer); run: what identifies the run.
inline std::string make_token(char engine, std::string_view run, std::string_view record) {
    char check[9];
    std::snprintf(check, sizeof check, "%08x", token_checksum(run, record));
    return std::string(1, engine) + check + "." + std::string(record);
}

// The record of a token made for this engine and run; nothing (and why, in
// words that fit "the replay token ...") if it is not one.
inline std::optional<std::string> open_token(std::string_view token, char engine, std::string_view run,
                                             std::string& why) {
    if (token.size() < 11 || token[9] != '.' || (token[0] != 'r' && token[0] != 'd')) {
        why = "is not one spancheck printed";
        return std::nullopt;
    }
    if (token[0] != engine) {
        why = token[0] == 'r' ? "is Relacy's (a bound, full or random search): run it with that search"
                              : "is the explorer's: run it with --search dpor";
        return std::nullopt;
    }
    const std::string_view record = token.substr(10);
    char check[9];
    std::snprintf(check, sizeof check, "%08x", token_checksum(run, record));
    if (token.substr(1, 8) != check) {
        why = "was printed for another run (another variant, scenario, shape or search), or was changed";
        return std::nullopt;
    }
    return std::string(record);
}

}  // namespace spancheck::model
