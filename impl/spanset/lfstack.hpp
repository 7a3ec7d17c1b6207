// lfstack: the lock-free LIFO that holds the pool's free blocks. Twin of Go's
// lfstack (runtime/lfstack.go) as the span set pool uses it; docs/spanset-protocol.md §4.3.
//
// The head word packs a node and a tag. Go packs the node's address; our
// nodes live in an arena, so we pack the arena number + 1 (0 is the empty
// stack) in the low 32 bits and the tag in the high 32 bits. The tag is the
// node's push count, bumped on every push, and is the ABA defence: a pop that
// read head = (A, tag) and was delayed while A was popped and pushed again
// finds (A, tag+1) and its CAS fails instead of installing a stale `next`.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../world.hpp"

namespace spancheck::spanset {

// lfnode: the link of Go's lock-free stack, embedded in each block. Go stores
// `next` with a plain write that races with a concurrent pop's atomic load of
// it; in C++ that is undefined behaviour, so it is an atomic (§4.3, "C++
// note"). pushcnt is only touched by the thread that owns the node while
// pushing it.
template <class World>
struct lfnode {
    typename World::template atomic<std::uint64_t> next;
    typename World::template var<std::uint32_t> pushcnt;
};

// The stack: Go's methods, defined by the variant (protocol.hpp: lfstack_push,
// lfstack_pop, lfstackPack, lfstackUnpack).
template <class World, class VariantT, class Node, class Arena>
class lfstack {
public:
    using world = World;
    using Variant = VariantT;
    using node = Node;

    explicit lfstack(Arena& a) : arena(a) {}

    void push(Node* node) { Variant::lfstack_push(*this, node); }
    Node* pop() { return Variant::lfstack_pop(*this); }

    // Final checks only (no concurrent access): the nodes on the stack, top
    // first, at most `limit` + 1 of them (a cycle must not hang the checks).
    template <class Visit>
    void for_each_quiescent(Visit visit, std::size_t limit) const {
        std::uint64_t word = head.load(std::memory_order_relaxed);
        for (std::size_t seen = 0; word != 0 && seen <= limit; ++seen) {
            Node* node = Variant::lfstackUnpack(*this, word);
            visit(node);
            word = node->lfnode.next.load(std::memory_order_relaxed);
        }
    }

    typename World::template atomic<std::uint64_t> head;
    Arena& arena;  // where packed node numbers point
};

}  // namespace spancheck::spanset
