// The span set variants known to spancheck, by name. Adding a variant is one
// file in this folder and one entry in the list below.
#pragma once

#include "../../type_list.hpp"
#include "popped.hpp"
#include "used.hpp"

namespace spancheck::spanset::variants {

using all = type_list<used, popped>;

}  // namespace spancheck::spanset::variants
