// spanSetBlock: N slots of span pointers plus the intrusive node that links
// the block into the pool. Twin of Go's spanSetBlock; docs/spanset-protocol.md §2.3.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../world.hpp"
#include "ghost.hpp"
#include "mspan.hpp"

namespace spancheck::spanset {

// lfnode: the link of Go's lock-free stack. Go stores `next` with a plain
// write that races with a concurrent pop's atomic load of it; in C++ that is
// undefined behaviour, so it is a relaxed atomic (§4.3, "C++ note"). pushcnt
// is only touched by the thread that owns the node while pushing it.
template <class World>
struct lfnode {
    typename World::template atomic<std::uint64_t> next;
    typename World::template var<std::uint32_t> pushcnt;
};

// The variant adds its counter field (`used` or `popped`) through Variant::blockFields.
template <class World, class VariantT, std::size_t N>
struct spanSetBlock : VariantT::template blockFields<World> {
    using Variant = VariantT;
    static constexpr std::size_t entries = N;

    explicit spanSetBlock(std::int64_t id) : ghost(id) {}

    lfnode<World> node;
    typename World::template atomic<mspan*> spans[N];

    block_ghost ghost;  // verification only, see ghost.hpp
};

}  // namespace spancheck::spanset
