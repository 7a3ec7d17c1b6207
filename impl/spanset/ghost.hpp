// Verification state carried by each span set block: its life. It is not part
// of Go's spanSetBlock and never influences the protocol. A life begins when
// the pool hands the block out (or it is allocated fresh) and ends when it is
// returned to the pool; Go recycles blocks unzeroed, so a thread that still
// uses a block of an earlier life is the bug of docs/spanset-protocol.md §9.3
// and §10 ("Detecting use-after-free in the model").
//
// The block's fields (block_fields.hpp) report every protocol access here, so
// whatever a variant's steps do, the checks see it:
//   - a thread works on the block in the life in which it loaded the block's
//     pointer (a spine entry) or allocated it: an access to a pooled block,
//     or to a block of a later life, is a use after free;
//   - a free must come after every other thread's last access to the life it
//     ends in happens-before (World::ordered_before), and an access must come
//     after the free that ended the previous life: otherwise the free races
//     with the access (premature free, use after free). Under sequential
//     consistency with Go's orders these never fire for a correct variant;
//     with weakened orders they see what a weak-memory checker sees.
// The pool's own link (lfnode) is not an access: Go never frees pool memory.
//
// Its fields are relaxed std::atomic in every world: the model checkers run
// one thread at a time and do not instrument them (no extra scheduling
// points), and on real threads they must not be a data race themselves.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

#include "../world.hpp"

namespace spancheck::spanset {

constexpr int max_threads = 62;
// Scenario threads 0..61, then setup and the final checks.
constexpr std::size_t thread_slot(int thread) { return std::size_t(thread >= 0 ? thread : 64 + thread); }
constexpr std::size_t thread_slots = 64;

class block_ghost {
public:
    explicit block_ghost(std::int64_t id) : id_(id) {}

    std::int64_t id() const { return id_; }
    bool in_pool() const { return in_pool_.load(relaxed); }
    std::uint32_t life() const { return life_.load(relaxed); }
    // How many of the block's slots had their span taken in this life (for the leak message).
    std::uint32_t pops() const {
        std::uint32_t n = 0;
        for (const auto& w : taken_slots_) n += std::uint32_t(__builtin_popcountll(w.load(relaxed)));
        return n;
    }

    // The running thread has the block's pointer (from a spine entry, or
    // from the pool): it works on the block's current life from here.
    template <class World>
    void take() {
        taken_[thread_slot(World::thread())].store(life() + 1, relaxed);
    }

    // Before each protocol access to the block by the running thread.
    template <class World>
    void access() {
        const int me = World::thread();
        if (me == checks_thread) return;  // the final checks read what the threads left
        const std::size_t slot = thread_slot(me);
        const bool freeing = in_pool() && freer_.load(relaxed) == me;  // free() itself resets the counter
        if (!freeing && (in_pool() || taken_[slot].load(relaxed) != life() + 1)) {
            violation v{violation_kind::use_after_free, me, freer_.load(relaxed), id_};
            v.a = in_pool();
            fail<World>(v);
        }
        if constexpr (World::tracks_happens_before) {
            if (freed_.thread != me && freed_.clock != 0 && !World::ordered_before(freed_)) {
                violation v{violation_kind::use_after_free, me, freed_.thread, id_};
                v.a = 2;  // not ordered after the free
                v.other_step = freed_.step;
                v.step = World::stamp().step;
                fail<World>(v);
            }
            last_[slot] = World::stamp();
        }
    }

    // A thread loaded the span of this slot: it was popped.
    void took_span(std::size_t slot) { taken_slots_[slot / 64].fetch_or(std::uint64_t(1) << slot % 64, relaxed); }

    // The block goes back to the pool: its life ends. Every other thread's
    // last access to this life must happen before.
    template <class World>
    void retire() {
        const int me = World::thread();
        if (in_pool()) {
            violation v{violation_kind::pool_corrupt, me, freer_.load(relaxed), id_};
            v.a = 1;  // freed twice
            fail<World>(v);
        }
        if constexpr (World::tracks_happens_before) {
            for (std::size_t t = 0; t < thread_slots; ++t) {
                const hb_stamp& s = last_[t];
                if (s.clock == 0 || s.thread == me || s.thread < 0) continue;
                if (!World::ordered_before(s)) {
                    violation v{violation_kind::premature_free, me, s.thread, id_};
                    v.a = pops();
                    v.other_step = s.step;
                    v.step = World::stamp().step;
                    fail<World>(v);
                }
            }
            last_.fill(hb_stamp{});
            freed_ = World::stamp();
        }
        freer_.store(me, relaxed);
        in_pool_.store(true, relaxed);
        life_.fetch_add(1, relaxed);
    }

    // The pool hands the block out: a new life, held by the running thread.
    template <class World>
    void revive() {
        in_pool_.store(false, relaxed);
        for (auto& w : taken_slots_) w.store(0, relaxed);
        take<World>();
    }

private:
    static constexpr auto relaxed = std::memory_order_relaxed;
    const std::int64_t id_;
    std::atomic<bool> in_pool_{false};
    std::atomic<std::uint32_t> life_{0};
    std::array<std::atomic<std::uint64_t>, 8> taken_slots_{};  // up to Go's 512 slots
    std::atomic<int> freer_{setup_thread};
    // Per thread, 1 + the life it took the block in (0: never).
    std::array<std::atomic<std::uint32_t>, thread_slots> taken_{};
    // Happens-before stamps, only where the world tracks it (one thread runs
    // at a time there): each thread's last access in this life, and the free
    // that ended the last one.
    std::array<hb_stamp, thread_slots> last_{};
    hb_stamp freed_{};
};

}  // namespace spancheck::spanset
