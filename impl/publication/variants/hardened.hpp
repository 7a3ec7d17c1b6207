// Variant `hardened` — 7de15e36 with limit set inside initSpan, before the
// state store, instead of by the caller after publication: the soft spot of
// docs/publication-protocol.md §10.1 closed. limit is then race-checked data.
#pragma once

#include <string_view>

#include "v7de15e36.hpp"

namespace spancheck::publication::variants {

struct hardened : v7de15e36 {
    static constexpr std::string_view name = "hardened";
    static constexpr std::string_view upstream = "proposal §10.1";
    static constexpr std::string_view summary = "7de15e36 with limit set before the state store (closes §10.1)";
    static constexpr bool limit_set_in_initSpan = true;
};

}  // namespace spancheck::publication::variants
