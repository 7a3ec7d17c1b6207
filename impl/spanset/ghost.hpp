// Verification state carried by each span set block. It is not part of Go's
// spanSetBlock and never influences the protocol: it watches the block's life
// (fresh or pooled, who holds it, how many of its slots were popped) so that
// a premature free or a use after free is reported where it happens instead
// of as a corrupted span much later (docs/spanset-protocol.md §10, "Detecting
// use-after-free in the model").
//
// Its fields are relaxed std::atomic in every world: the model checker runs
// one fiber at a time and does not instrument them (no extra scheduling
// points), and on real threads they must not be a data race themselves.
#pragma once

#include <atomic>
#include <cstdint>

#include "../world.hpp"

namespace spancheck::spanset {

// Thread numbers become bits of the holder mask; setup and checks get the top bits.
constexpr int max_threads = 62;
constexpr std::uint64_t holder_bit(int thread) {
    return std::uint64_t(1) << (thread >= 0 ? thread : 64 + thread);
}
constexpr int lowest_holder(std::uint64_t mask) {
    int bit = __builtin_ctzll(mask);
    return bit < max_threads ? bit : bit - 64;
}

class block_ghost {
public:
    explicit block_ghost(std::int64_t id) : id_(id) {}

    std::int64_t id() const { return id_; }
    bool in_pool() const { return in_pool_.load(relaxed); }
    std::uint32_t pops() const { return pops_.load(relaxed); }
    std::uint32_t generation() const { return gen_.load(relaxed); }

    // A thread has just loaded this block's pointer and will work on it. A
    // pooled block here means the pointer came from a stale spine entry.
    template <class World>
    std::uint32_t take(int thread) {
        if (in_pool_.load(relaxed)) fail<World>(stale(violation_kind::use_after_free, thread));
        holders_.fetch_or(holder_bit(thread), relaxed);
        return gen_.load(relaxed);
    }

    // Before each further access: the block must still be in the life it was taken in.
    template <class World>
    void check(std::uint32_t gen, int thread) const {
        if (gen_.load(relaxed) != gen) fail<World>(stale(violation_kind::use_after_free, thread));
    }

    // Just before the thread's last access to the block (the span store of a
    // push, the counter update of a pop): after that access another thread may
    // legitimately free the block, so the thread no longer counts as a holder.
    void drop(int thread) { holders_.fetch_and(~holder_bit(thread), relaxed); }
    void popped_one() { pops_.fetch_add(1, relaxed); }

    template <class World>
    void on_free(int thread) {
        std::uint64_t holders = holders_.load(relaxed);
        if (holders != 0) {
            violation v{violation_kind::premature_free, thread, lowest_holder(holders), id_};
            v.a = pops_.load(relaxed);
            fail<World>(v);
        }
        in_pool_.store(true, relaxed);
        gen_.fetch_add(1, relaxed);
    }
    void on_alloc() {
        in_pool_.store(false, relaxed);
        pops_.store(0, relaxed);
    }

private:
    violation stale(violation_kind kind, int thread) const {
        violation v{kind, thread, setup_thread, id_};
        v.a = in_pool_.load(relaxed);
        return v;
    }

    const std::int64_t id_;
    std::atomic<bool> in_pool_{false};
    std::atomic<std::uint32_t> gen_{0};
    std::atomic<std::uint32_t> pops_{0};
    std::atomic<std::uint64_t> holders_{0};
};

}  // namespace spancheck::spanset
