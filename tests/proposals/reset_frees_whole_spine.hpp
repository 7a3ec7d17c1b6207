// Proposal: reset frees every block the spine still names, not only the
// head's, "to be safe". Wrong: blocks below the head were freed by their
// last pop already (and may be in use again).
#pragma once

#include <string_view>

#include "impl/spanset/variants/popped.hpp"

struct reset_frees_whole_spine : spancheck::spanset::variants::popped {
    static constexpr std::string_view name = "reset-frees-whole-spine";
    static constexpr std::string_view upstream = "proposal";
    static constexpr std::string_view summary = "reset frees the block of every spine entry below spineLen";

    template <class S>
    static void reset(S& b) {
        using spancheck::spanset::site;
        const std::uintptr_t len = b.spineLen.load(mo<S>(site::spineLen_load_pop));
        for (std::uintptr_t top = 0; top < len; ++top) {
            auto& blockp = b.spine.load(mo<S>(site::spine_load)).lookup(top);
            if (auto block = blockp.load(mo<S>(site::entry_load))) {
                blockp.store(nullptr, mo<S>(site::entry_clear));
                b.spanSetBlockPool.free(block);
            }
        }
        b.index.reset();
        b.spineLen.store(0, mo<S>(site::spineLen_reset));
    }
};
