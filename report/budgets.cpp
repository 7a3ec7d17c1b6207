#include "budgets.hpp"

#include <cmath>
#include <cstdlib>

#include "bad_input.hpp"

namespace spancheck::report {

std::optional<std::uint64_t> parse_count(std::string_view text, std::uint64_t most) {
    if (text.empty() || text.size() > 19) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + std::uint64_t(c - '0');
    }
    if (v > most) return std::nullopt;
    return v;
}

std::uint64_t budget_executions(const std::string& text, const char* option) {
    const auto n = parse_count(text, most_executions);
    if (!n || *n < 1) {
        throw bad_input{std::string(option) + " " + text + " is not a count; accepted: 1 to " +
                        std::to_string(most_executions)};
    }
    return *n;
}

double budget_seconds(const std::string& text, const char* option) {
    char* end = nullptr;
    const double s = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(s) || !(s > 0) || s > most_seconds) {
        throw bad_input{std::string(option) + " " + text + " is not a duration; accepted: a number of seconds > 0, at most " +
                        std::to_string(std::int64_t(most_seconds))};
    }
    return s;
}

}  // namespace spancheck::report
