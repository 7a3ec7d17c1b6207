// spanSetBlock: N slots of span pointers plus the intrusive node that links
// the block into the pool. Twin of Go's spanSetBlock; docs/spanset-protocol.md §2.3.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "../world.hpp"
#include "ghost.hpp"
#include "mspan.hpp"
#include "mutation.hpp"

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

// A slot as plain data with the atomic interface, for mutant M7 (plain slot
// accesses): the checker must report the race.
template <class World, class T>
class plain_slot {
public:
    T load(std::memory_order, source_loc loc = source_loc::current()) const { return v_.load(loc); }
    void store(T v, std::memory_order, source_loc loc = source_loc::current()) { v_.store(v, loc); }

private:
    typename World::template var<T> v_;
};

// The variant adds its counter field (`used` or `popped`) through Variant::blockFields.
template <class World, class VariantT, std::size_t N>
struct spanSetBlock : VariantT::template blockFields<World> {
    using Variant = VariantT;
    static constexpr std::size_t entries = N;

    explicit spanSetBlock(std::int64_t id) : ghost(id) {}

    using slot = std::conditional_t<mutant_of<VariantT>() == mutation::plain_slots, plain_slot<World, mspan*>,
                                    typename World::template atomic<mspan*>>;

    lfnode<World> node;
    slot spans[N];

    block_ghost ghost;  // verification only, see ghost.hpp
};

}  // namespace spancheck::spanset
