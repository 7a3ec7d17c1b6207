// Bad input to a spancheck command: one line saying what is wrong and what is
// accepted; main prints it and exits with exit_bad_input.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace spancheck::report {

struct bad_input {
    std::string message;
};

// A one-line reason as it is printed: control characters that came with the
// user's words (a newline in an argument) escaped, so that it stays one line.
inline std::string one_line(std::string_view reason) {
    std::string out;
    for (const char c : reason) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u != 0x7f) {
            out += c;
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", u);
            out += escaped;
        }
    }
    return out;
}

}  // namespace spancheck::report
