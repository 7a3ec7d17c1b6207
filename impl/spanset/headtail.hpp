// headTailIndex: the span set's head and tail packed into one 64-bit word, so
// that a pop can claim the head and check emptiness with a single CAS.
// Twin of Go's headTailIndex (runtime/mspanset.go); docs/spanset-protocol.md §3.
#pragma once

#include <cstdint>

#include "../world.hpp"

namespace spancheck::spanset {

// The head lives in the high 32 bits and the tail in the low 32 bits. Every
// operation acts on the whole word: a CAS that only compared the head would
// let a pop claim an index that no push has claimed yet (mutant M6).
struct headTailIndex {
    std::uint64_t word = 0;

    static constexpr headTailIndex make(std::uint32_t head, std::uint32_t tail) {
        return {std::uint64_t(head) << 32 | tail};
    }
    constexpr std::uint32_t head() const { return std::uint32_t(word >> 32); }
    constexpr std::uint32_t tail() const { return std::uint32_t(word); }
    friend constexpr bool operator==(headTailIndex, headTailIndex) = default;
};

// The atomic cell that holds a headTailIndex (Go: atomicHeadTailIndex). Its
// methods are Go's; their definitions are the variant's (protocol.hpp:
// headTailIndex_load, _cas, _incHead, _incTail, _reset), so that a variant
// can redefine one.
template <class World, class VariantT>
class atomicHeadTailIndex {
public:
    using world = World;
    using Variant = VariantT;

    headTailIndex load() { return Variant::headTailIndex_load(*this); }
    bool cas(headTailIndex old, headTailIndex updated) { return Variant::headTailIndex_cas(*this, old, updated); }
    headTailIndex incHead() { return Variant::headTailIndex_incHead(*this); }
    headTailIndex incTail() { return Variant::headTailIndex_incTail(*this); }
    void reset() { Variant::headTailIndex_reset(*this); }

    // Final checks only: the word as the threads left it.
    headTailIndex quiescent() const { return {u.load(std::memory_order_relaxed)}; }

    typename World::template atomic<std::uint64_t> u;
};

}  // namespace spancheck::spanset
