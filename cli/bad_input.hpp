// Bad input to a spancheck command: one line saying what is wrong and what is
// accepted; main prints it and exits with exit_bad_input.
#pragma once

#include <string>

namespace spancheck::cli {

struct bad_input {
    std::string message;
};

}  // namespace spancheck::cli
