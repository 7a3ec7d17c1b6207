// persistentalloc, as the span set uses it: blocks and spine arrays that are
// zeroed when handed out and never given back while the set lives. Go never
// frees them; we free everything when the arena (one per scenario run) dies.
//
// Blocks are numbered in allocation order; the number names the block in
// counterexamples ("block 0") and packs it into the pool's tagged head word.
#pragma once

#include <cstdint>
#include <mutex>

#include "../host_memory.hpp"

namespace spancheck::spanset {

template <class Block, class SpineEntry>
class persistentArena {
public:
    Block* allocBlock() {
        std::lock_guard<std::mutex> hold(mu_);
        blocks_.push_back(make_host<Block>(std::int64_t(blocks_.size())));
        return blocks_.back().get();
    }

    SpineEntry* allocSpine(std::uintptr_t cap) {
        std::lock_guard<std::mutex> hold(mu_);
        spines_.push_back(make_host_array<SpineEntry>(cap));
        SpineEntry* spine = spines_.back().get();
        for (std::uintptr_t i = 0; i < cap; ++i) spine[i].bind(i, cap);
        return spine;
    }

    // Lookups below are for the pool's packed head and for final checks.
    Block* block(std::uint32_t id) const {
        std::lock_guard<std::mutex> hold(mu_);
        return blocks_[id].get();
    }
    std::size_t blocks() const {
        std::lock_guard<std::mutex> hold(mu_);
        return blocks_.size();
    }

private:
    // A host mutex, not World::mutex: allocation is not part of the protocol
    // under test and must not add scheduling points to the model.
    mutable std::mutex mu_;
    host_vector<host_ptr<Block>> blocks_;
    host_vector<host_ptr<SpineEntry>> spines_;
};

}  // namespace spancheck::spanset
