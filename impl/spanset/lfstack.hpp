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

#include <cstdint>

#include "../world.hpp"
#include "mutation.hpp"

namespace spancheck::spanset {

template <class World, class Node, class Arena>
class lfstack {
public:
    explicit lfstack(Arena& arena) : arena_(arena) {}

    void push(Node* node, source_loc loc = source_loc::current()) {
        std::uint32_t cnt = node->node.pushcnt.load(loc) + 1;
        node->node.pushcnt.store(cnt, loc);
        std::uint64_t updated = pack(node, cnt);
        for (;;) {
            std::uint64_t old = head_.load(seq_cst, loc);
            node->node.next.store(old, relaxed, loc);
            if (head_.compare_exchange_strong(old, updated, seq_cst, loc)) return;
        }
    }

    Node* pop(source_loc loc = source_loc::current()) {
        for (;;) {
            std::uint64_t old = head_.load(seq_cst, loc);
            if (old == 0) return nullptr;
            Node* node = unpack(old);
            // The node may be popped and pushed again under our feet; it is
            // never unmapped, so reading its `next` is safe, and the tagged
            // CAS below rejects what we read if that happened.
            std::uint64_t next = node->node.next.load(relaxed, loc);
            if (head_.compare_exchange_strong(old, next, seq_cst, loc)) return node;
        }
    }

    // Final checks only (no concurrent access): the nodes on the stack, top first.
    template <class Visit>
    void for_each_quiescent(Visit visit, std::size_t limit) const {
        std::uint64_t word = head_.load(seq_cst);
        for (std::size_t seen = 0; word != 0 && seen <= limit; ++seen) {
            Node* node = unpack(word);
            visit(node);
            word = node->node.next.load(relaxed);
        }
    }

private:
    std::uint64_t pack(Node* node, std::uint32_t cnt) const {
        if constexpr (mutant_of<typename Node::Variant>() == mutation::pool_without_aba_tag) cnt = 0;
        return std::uint64_t(cnt) << 32 | std::uint64_t(node->ghost.id() + 1);
    }
    Node* unpack(std::uint64_t word) const { return arena_.block(std::uint32_t(word) - 1); }

    Arena& arena_;
    typename World::template atomic<std::uint64_t> head_;
};

}  // namespace spancheck::spanset
