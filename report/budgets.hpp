// Numbers the command line takes as budgets and counts, checked: a value
// that is not a number, is infinite, or is beyond what a run could use is
// refused (with the largest accepted), never clamped into a run that does
// not end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace spancheck::report {

inline constexpr std::uint64_t most_executions = 1'000'000'000'000'000ull;  // 10^15
inline constexpr double most_seconds = 1'000'000;                          // about 11.6 days

// A whole number from 0 to `most`, written in decimal; nothing otherwise.
std::optional<std::uint64_t> parse_count(std::string_view text, std::uint64_t most);

// --max-executions N (1 to 10^15) and --seconds S (more than 0, at most
// 10^6): the value, or bad_input with what is accepted.
std::uint64_t budget_executions(const std::string& text, const char* option = "--max-executions");
double budget_seconds(const std::string& text, const char* option = "--seconds");

}  // namespace spancheck::report
