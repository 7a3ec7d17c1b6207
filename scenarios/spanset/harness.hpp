// The span set as a scenario sees it: one set, its block pool and arena, the
// spans to push, and the ledger and final checks that implement invariants
// I1–I6 of docs/spanset-protocol.md §10.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "../../impl/host_memory.hpp"

#include "../../impl/spanset/protocol.hpp"
#include "../../impl/spanset/spanset.hpp"
#include "../../impl/world.hpp"

namespace spancheck::spanset {

template <class WorldT, class VariantT, class ConfigT>
class harness {
public:
    using World = WorldT;
    using Variant = VariantT;
    using Config = ConfigT;
    using set_type = spanSet<World, Variant, Config>;
    using block = typename set_type::block;
    static constexpr std::uintptr_t N = Config::spanSetBlockEntries;

    explicit harness(std::size_t spans)
        : spans_(spans),
          pushed_(spans),
          popped_by_(spans) {
        for (std::size_t i = 0; i < spans; ++i) spans_[i].id = std::int64_t(i);
        new_cycle();
    }

    // The ledger starts over (after a reset, the same spans may be pushed again).
    void new_cycle() {
        for (std::size_t i = 0; i < spans_.size(); ++i) {
            pushed_[i].store(false, relaxed);
            popped_by_[i].store(0, relaxed);
        }
    }

    set_type& set() { return set_; }
    typename set_type::blockAlloc& pool() { return pool_; }
    std::size_t spans() const { return spans_.size(); }

    void push(std::size_t span) {
        pushed_[span].store(true, relaxed);
        set_.push(&spans_[span]);
    }

    // Pops once and enters what it got in the ledger; false if the set was empty.
    bool pop() {
        mspan* s = set_.pop();
        if (s == nullptr) return false;
        // I1/I5: each span comes out once. A second pop of the same span means
        // two poppers claimed one slot, or a stale pointer survived in a pooled block.
        const int by = World::thread();
        const std::int64_t before = popped_by_[s->id].exchange(std::int64_t(by) + 3, relaxed);
        if (before != 0) {
            violation v{violation_kind::span_duplicated, by, int(before - 3)};
            v.span = s->id;
            fail<World>(v);
        }
        return true;
    }

    // The final checks, single-threaded. Order matters: spans first (what
    // the threads did), then reset, then the blocks (what reset left).
    void check_all() {
        while (pop()) {
        }
        check_spans();
        set_.reset();
        check_blocks();
        check_pool();
    }

    // I5, spans: every pushed span was popped exactly once (duplicates are
    // caught as they happen in pop()).
    void check_spans() const {
        for (std::size_t i = 0; i < spans_.size(); ++i) {
            if (pushed_[i].load(relaxed) && popped_by_[i].load(relaxed) == 0) {
                violation v{violation_kind::span_lost, World::thread()};
                v.span = std::int64_t(i);
                fail<World>(v);
            }
        }
    }

    // I5, blocks: after reset nothing is reachable from the spine, so every
    // block ever allocated must be back in the pool.
    void check_blocks() const {
        for (std::size_t id = 0; id < arena_.blocks(); ++id) {
            const block* b = arena_.block(std::uint32_t(id));
            if (!b->ghost.in_pool()) {
                violation v{violation_kind::block_leak, World::thread()};
                v.block = std::int64_t(id);
                v.a = b->ghost.pops();
                v.b = N;
                fail<World>(v);
            }
        }
    }

    // A block held by `holder` must not be on the free stack (the pool's ABA
    // defence, M9).
    void check_not_pooled(const block* held, int holder) const {
        bool listed = false;
        pool_.stack.for_each_quiescent([&](const block* b) { listed |= b == held; }, arena_.blocks());
        if (listed) {
            violation v{violation_kind::pool_corrupt, holder};
            v.block = held->ghost.id();
            fail<World>(v);
        }
    }

    // I4: the pool holds exactly the freed blocks, once each, with all slots
    // nil and the counter zero. A block that breaks it was freed too early (a
    // pop still cleared or counted after the free) or is listed wrongly.
    void check_pool() const {
        host_vector<int> listed(arena_.blocks(), 0);
        pool_.stack.for_each_quiescent([&](const block* b) { ++listed[b->ghost.id()]; }, arena_.blocks());
        for (std::size_t id = 0; id < arena_.blocks(); ++id) {
            block* b = arena_.block(std::uint32_t(id));
            violation v{violation_kind::pool_dirty, World::thread()};
            v.block = std::int64_t(id);
            if (listed[id] != (b->ghost.in_pool() ? 1 : 0)) {
                v.a = pool_listing;
                v.b = listed[id];
                fail<World>(v);
            }
            if (!b->ghost.in_pool()) continue;
            if (const auto n = b->counter().quiescent(); n != 0) {
                v.a = pool_counter;
                v.b = n;
                fail<World>(v);
            }
            for (std::size_t k = 0; k < N; ++k) {
                if (const mspan* s = b->spans[k].quiescent()) {
                    v.a = pool_slot;
                    v.b = std::int64_t(k);
                    v.span = s->id;
                    fail<World>(v);
                }
            }
        }
    }

private:
    using arena_type = typename set_type::blockAlloc::arena_type;
    arena_type arena_;
    typename set_type::blockAlloc pool_{arena_};
    set_type set_{pool_};
    host_vector<mspan> spans_;
    host_vector<std::atomic<bool>> pushed_;
    // Who popped each span: 0 = nobody yet, else thread number + 3 (so that
    // setup and checks, -1 and -2, are recorded too).
    host_vector<std::atomic<std::int64_t>> popped_by_;
};

}  // namespace spancheck::spanset
