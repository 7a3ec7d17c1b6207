// spanSetBlock: N slots of span pointers, the variant's counter, and the
// intrusive node that links the block into the pool. Twin of Go's
// spanSetBlock; docs/spanset-protocol.md §2.3.
#pragma once

#include <cstddef>
#include <cstdint>

#include "block_fields.hpp"
#include "ghost.hpp"
#include "lfstack.hpp"

namespace spancheck::spanset {

// The variant adds its counter field (`used` or `popped`) through
// Variant::blockFields, and says what a slot is (Variant::slot: Go's atomic
// span pointer, or plain data for the mutant that makes it so).
template <class World, class VariantT, std::size_t N>
struct spanSetBlock : VariantT::template blockFields<World> {
    using Variant = VariantT;
    static constexpr std::size_t entries = N;

    explicit spanSetBlock(std::int64_t id) : ghost(id) {
        this->counter().bind(ghost);
        for (std::size_t i = 0; i < N; ++i) spans[i].bind(ghost, i);
    }
    spanSetBlock(const spanSetBlock&) = delete;
    spanSetBlock& operator=(const spanSetBlock&) = delete;

    block_ghost ghost;  // verification only, see ghost.hpp
    spancheck::spanset::lfnode<World> lfnode;
    typename Variant::template slot<World> spans[N];
};

}  // namespace spancheck::spanset
