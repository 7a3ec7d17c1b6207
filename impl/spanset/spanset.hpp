// spanSet: a lock-free, block-based set of span pointers. Twin of Go's
// spanSet (runtime/mspanset.go); docs/spanset-protocol.md §2, §5–§7.
//
// This file holds the set's data, by Go's names; the operations (push, pop,
// reset and their steps) are in protocol.hpp, where a variant can redefine
// any of them. The set is a template on
//   World   — the atomics it runs on (impl/world.hpp),
//   Variant — the steps it runs: Go's (variants/popped.hpp is 39380e8e,
//             variants/used.hpp is d1798d5a) or a change to them,
//   Config  — slots per block and initial spine capacity: Go's 512 and 256,
//             or tiny values so that a model checker can cross block boundaries.
#pragma once

#include <cstdint>

#include "../world.hpp"
#include "block.hpp"
#include "block_pool.hpp"
#include "headtail.hpp"
#include "points.hpp"

namespace spancheck::spanset {

template <std::uintptr_t BlockEntries, std::uintptr_t InitSpineCap>
struct spanSetConfig {
    static_assert(BlockEntries >= 2, "a block needs at least two slots");
    static_assert(InitSpineCap >= 1);
    static constexpr std::uintptr_t spanSetBlockEntries = BlockEntries;
    static constexpr std::uintptr_t spanSetInitSpineCap = InitSpineCap;
};

// Go's sizes: 512 slots (4 KiB of pointers) and a spine of 256 blocks.
using goConfig = spanSetConfig<512, 256>;

// spanSet.spine: the current spine array (Go: atomicSpanSetSpinePointer).
template <class World, class Block>
class spinePointer {
public:
    spineArray<World, Block> load(std::memory_order mo, source_loc l = source_loc::current()) const {
        return spineArray<World, Block>(word_.load(mo, l));
    }
    void store(spineEntry<World, Block>* a, std::memory_order mo, source_loc l = source_loc::current()) {
        word_.store(a, mo, l);
    }

private:
    typename World::template atomic<spineEntry<World, Block>*> word_;
};

// spanSet.spineLen: entries published. Its stores are steps of the story.
template <class World>
class spineLength {
public:
    std::uintptr_t load(std::memory_order mo, source_loc l = source_loc::current()) const { return word_.load(mo, l); }
    void store(std::uintptr_t n, std::memory_order mo, source_loc l = source_loc::current()) {
        word_.store(n, mo, l);
        World::step(point::spine_len, std::int64_t(n));
    }

    std::uintptr_t quiescent() const { return word_.load(std::memory_order_relaxed); }

private:
    typename World::template atomic<std::uintptr_t> word_;
};

template <class World, class VariantT, class Config>
class spanSet {
public:
    using world = World;
    using Variant = VariantT;
    static constexpr std::uintptr_t spanSetBlockEntries = Config::spanSetBlockEntries;
    static constexpr std::uintptr_t spanSetInitSpineCap = Config::spanSetInitSpineCap;
    using block = spanSetBlock<World, Variant, spanSetBlockEntries>;
    using blockAlloc = spanSetBlockAlloc<World, Variant, block>;

    explicit spanSet(blockAlloc& pool) : spanSetBlockPool(pool) {}
    spanSet(const spanSet&) = delete;
    spanSet& operator=(const spanSet&) = delete;

    // Go's methods; their definitions are the variant's (protocol.hpp).
    void push(mspan* s) { Variant::push(*this, s); }
    mspan* pop() { return Variant::pop(*this); }
    void reset() { Variant::reset(*this); }

    // Go's fields (§2.2).
    typename World::mutex spineLock;
    spinePointer<World, block> spine;               // the current spine array
    spineLength<World> spineLen;                    // entries published
    typename World::template var<std::uintptr_t> spineCap;  // spineLock only
    atomicHeadTailIndex<World, Variant> index;
    blockAlloc& spanSetBlockPool;  // Go: a global shared by every set; here the scenario's
};

}  // namespace spancheck::spanset
