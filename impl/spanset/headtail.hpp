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
    struct halves {
        std::uint32_t head, tail;
    };
    constexpr halves split() const { return {head(), tail()}; }
    friend constexpr bool operator==(headTailIndex, headTailIndex) = default;
};

// The atomic cell that holds a headTailIndex.
template <class World>
class atomicHeadTailIndex {
public:
    headTailIndex load(source_loc loc = source_loc::current()) const { return {word_.load(seq_cst, loc)}; }

    bool cas(headTailIndex old, headTailIndex updated, source_loc loc = source_loc::current()) {
        std::uint64_t expected = old.word;
        return word_.compare_exchange_strong(expected, updated.word, seq_cst, loc);
    }

    // Claims the next tail position and returns the updated word. A tail that
    // wraps to 0 has already carried into the head when we see it, so this is
    // a fatal sanity check after the damage, not a guard: it bounds one reset
    // cycle to 2^32 pushes.
    headTailIndex incTail(source_loc loc = source_loc::current()) {
        headTailIndex ht{word_.fetch_add(1, seq_cst, loc) + 1};
        if (ht.tail() == 0) {
            violation v{violation_kind::index_overflow, World::thread()};
            v.a = ht.head();
            v.b = ht.tail();
            fail<World>(v);
        }
        return ht;
    }

    // Moves the head on unconditionally and returns the updated word. Go
    // defines it but no span set operation uses it: an unconditional add lets
    // the head pass the tail (it is mutant M6's claim).
    headTailIndex incHead(source_loc loc = source_loc::current()) {
        return {word_.fetch_add(std::uint64_t(1) << 32, seq_cst, loc) + (std::uint64_t(1) << 32)};
    }

    void reset(source_loc loc = source_loc::current()) { word_.store(0, seq_cst, loc); }

private:
    typename World::template atomic<std::uint64_t> word_;
};

}  // namespace spancheck::spanset
