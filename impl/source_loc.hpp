// The source line of a protocol step, captured at the call site so that a
// checker can point at the protocol code (not at the world's wrapper) when it
// reports a race or prints its history.
#pragma once

namespace spancheck {

struct source_loc {
    const char* file;
    const char* function;
    unsigned line;

    // Default arguments are evaluated at the caller: `source_loc loc =
    // source_loc::current()` as a trailing parameter names the caller's line.
    static constexpr source_loc current(const char* file = __builtin_FILE(),
                                        const char* function = __builtin_FUNCTION(),
                                        unsigned line = __builtin_LINE()) noexcept {
        return source_loc{file, function, line};
    }
};

}  // namespace spancheck
