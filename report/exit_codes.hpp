// Exit codes of every spancheck command.
#pragma once

namespace spancheck::report {

inline constexpr int exit_holds = 0;         // the property holds (within the stated search or budget)
inline constexpr int exit_violated = 1;      // a violation was found
inline constexpr int exit_bad_input = 2;     // bad input: one line on stderr says what and what is accepted
inline constexpr int exit_inconclusive = 3;  // stress: no violation, but the race window was never hit

}  // namespace spancheck::report
