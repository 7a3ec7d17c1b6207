// The fields of a span set block that the protocol accesses, and the spine
// entries that point at blocks, each with Go's interface (load, store, add,
// compare-and-swap) and two things Go does not have: every access is first
// reported to the block's ghost (ghost.hpp), and every access that changes
// what a counterexample should tell (a slot stored or cleared, a span taken,
// a counter step, a block published or unlinked) is announced as a protocol
// step (points.hpp). A variant that rewrites a step of the protocol with
// these fields therefore keeps the block-life checks and a readable story.
// The final checks read through quiescent(), which neither checks nor tells.
#pragma once

#include <atomic>
#include <cstdint>

#include "../world.hpp"
#include "ghost.hpp"
#include "mspan.hpp"
#include "points.hpp"

namespace spancheck::spanset {

// One slot of a block: an atomic span pointer (§2.3). Go: atomicMSpanPointer.
template <class World>
class blockSlot {
public:
    using value_type = mspan*;

    void bind(block_ghost& owner, std::uintptr_t index) {
        owner_ = &owner;
        index_ = index;
    }

    mspan* load(std::memory_order mo, source_loc l = source_loc::current()) {
        owner_->access<World>();
        return loaded(word_.load(mo, l));
    }
    // Waits until the slot holds a span (Go spins on the slot's load).
    mspan* await_span(std::memory_order mo, source_loc l = source_loc::current()) {
        owner_->access<World>();
        return loaded(word_.await([](mspan* s) { return s != nullptr; }, mo, l));
    }
    void store(mspan* s, std::memory_order mo, source_loc l = source_loc::current()) {
        owner_->access<World>();
        if (s != nullptr) World::step(point::before_slot_store, owner_->id(), std::int64_t(index_));
        word_.store(s, mo, l);
        World::step(point::slot_store, s ? s->id : -1, owner_->id(), std::int64_t(index_));
    }
    bool compare_exchange_strong(mspan*& expected, mspan* desired, std::memory_order mo,
                                 source_loc l = source_loc::current()) {
        owner_->access<World>();
        const mspan* seen = expected;
        const bool ok = word_.compare_exchange_strong(expected, desired, mo, l);
        World::step(point::slot_cas, ok ? (desired ? desired->id : -1) : (expected ? expected->id : -1), owner_->id(),
                    std::int64_t(index_), ok | std::int64_t(seen != nullptr) << 1);
        return ok;
    }

    mspan* quiescent() const { return word_.load(std::memory_order_relaxed); }

private:
    mspan* loaded(mspan* s) {
        if (s != nullptr) owner_->took_span(index_);  // ghost, for the leak message
        World::step(point::slot_load, s ? s->id : -1, owner_->id(), std::int64_t(index_));
        return s;
    }

    typename World::template atomic<mspan*> word_;
    block_ghost* owner_ = nullptr;
    std::uintptr_t index_ = 0;
};

// A slot as plain data with the slot's interface (the order is ignored), for
// a variant that makes slots plain (mutant M7): the checker must report the race.
template <class World>
class plainSlot {
public:
    using value_type = mspan*;

    void bind(block_ghost& owner, std::uintptr_t index) {
        owner_ = &owner;
        index_ = index;
    }

    mspan* load(std::memory_order, source_loc l = source_loc::current()) {
        owner_->access<World>();
        World::plain_access("slot", false, &word_);
        mspan* s = word_.load(l);
        if (s != nullptr) owner_->took_span(index_);  // ghost, for the leak message
        World::step(point::slot_load, s ? s->id : -1, owner_->id(), std::int64_t(index_));
        return s;
    }
    mspan* await_span(std::memory_order mo, source_loc l = source_loc::current()) {
        mspan* s = load(mo, l);
        while (s == nullptr) {
            World::spin_wait(l);
            s = load(mo, l);
        }
        return s;
    }
    void store(mspan* s, std::memory_order, source_loc l = source_loc::current()) {
        owner_->access<World>();
        if (s != nullptr) World::step(point::before_slot_store, owner_->id(), std::int64_t(index_));
        World::plain_access("slot", true, &word_);
        word_.store(s, l);
        World::step(point::slot_store, s ? s->id : -1, owner_->id(), std::int64_t(index_));
    }

    mspan* quiescent() const { return word_.load(); }

private:
    typename World::template var<mspan*> word_;
    block_ghost* owner_ = nullptr;
    std::uintptr_t index_ = 0;
};

// A block's counter (popped or used, §2.3): an atomic uint32.
template <class World>
class blockCounter {
public:
    void bind(block_ghost& owner) { owner_ = &owner; }

    std::uint32_t load(std::memory_order mo, source_loc l = source_loc::current()) {
        owner_->access<World>();
        World::step(point::before_counter, owner_->id());
        const std::uint32_t v = word_.load(mo, l);
        World::step(point::counter_load, owner_->id(), v);
        return v;
    }
    void store(std::uint32_t v, std::memory_order mo, source_loc l = source_loc::current()) {
        owner_->access<World>();
        World::step(point::before_counter, owner_->id());
        word_.store(v, mo, l);
        World::step(point::counter_store, owner_->id(), v);
    }
    // Go's Add returns the new value; C++'s fetch_add the old one. These return the old one.
    std::uint32_t fetch_add(std::uint32_t d, std::memory_order mo, source_loc l = source_loc::current()) {
        owner_->access<World>();
        World::step(point::before_counter, owner_->id());
        const std::uint32_t old = word_.fetch_add(d, mo, l);
        World::step(point::counter_rmw, owner_->id(), old, std::uint32_t(old + d));
        return old;
    }
    std::uint32_t fetch_sub(std::uint32_t d, std::memory_order mo, source_loc l = source_loc::current()) {
        owner_->access<World>();
        World::step(point::before_counter, owner_->id());
        const std::uint32_t old = word_.fetch_sub(d, mo, l);
        World::step(point::counter_rmw, owner_->id(), old, std::uint32_t(old - d));
        return old;
    }
    bool compare_exchange_strong(std::uint32_t& expected, std::uint32_t desired, std::memory_order mo,
                                 source_loc l = source_loc::current()) {
        owner_->access<World>();
        World::step(point::before_counter, owner_->id());
        const std::uint32_t want = expected;
        const bool ok = word_.compare_exchange_strong(expected, desired, mo, l);
        if (ok) {
            World::step(point::counter_rmw, owner_->id(), want, desired);
        } else {
            World::step(point::counter_load, owner_->id(), expected);
        }
        return ok;
    }

    std::uint32_t quiescent() const { return word_.load(std::memory_order_relaxed); }

private:
    typename World::template atomic<std::uint32_t> word_;
    block_ghost* owner_ = nullptr;
};

// A block pointer as loaded from a spine entry: Go faults on a nil block
// (golang/go#78237 shows that symptom); here dereferencing nil is the
// violation nil_block, with the entry it came from.
template <class World, class Block>
class blockPtr {
public:
    blockPtr() = default;
    blockPtr(Block* b, std::uintptr_t entry) : b_(b), entry_(entry) {}

    Block* operator->() const {
        if (b_ == nullptr) {
            violation v{violation_kind::nil_block, World::thread()};
            v.a = std::int64_t(entry_);
            fail<World>(v);
        }
        return b_;
    }
    Block& operator*() const { return *operator->(); }
    operator Block*() const { return b_; }
    explicit operator bool() const { return b_ != nullptr; }

private:
    Block* b_ = nullptr;
    std::uintptr_t entry_ = 0;
};

// One entry of a spine array: an atomic block pointer (Go: atomic.Pointer[spanSetBlock]).
// Loading a block's pointer is where a thread takes the block (ghost).
template <class World, class Block>
class spineEntry {
public:
    void bind(std::uintptr_t index, std::uintptr_t cap) {
        index_ = index;
        cap_ = cap;
    }
    std::uintptr_t index() const { return index_; }
    std::uintptr_t capacity() const { return cap_; }  // of the spine array it is in

    blockPtr<World, Block> load(std::memory_order mo, source_loc l = source_loc::current()) {
        Block* b = word_.load(mo, l);
        if (b != nullptr) b->ghost.template take<World>();
        return {b, index_};
    }
    void store(Block* b, std::memory_order mo, source_loc l = source_loc::current()) {
        word_.store(b, mo, l);
        // The block it unlinks, for the story: the latest value, read outside the world.
        Block* old = shown_.exchange(b, std::memory_order_relaxed);
        if (b != nullptr) {
            World::step(point::entry_store, b->ghost.id(), std::int64_t(index_));
        } else {
            World::step(point::entry_clear, old ? old->ghost.id() : -1, std::int64_t(index_));
        }
    }

    // The spine's growth copies entries as Go's memmove does: no take, no story.
    Block* copy_load(std::memory_order mo, source_loc l = source_loc::current()) { return word_.load(mo, l); }
    void copy_store(Block* b, std::memory_order mo, source_loc l = source_loc::current()) {
        word_.store(b, mo, l);
        shown_.store(b, std::memory_order_relaxed);
    }

    Block* quiescent() const { return word_.load(std::memory_order_relaxed); }

private:
    typename World::template atomic<Block*> word_;
    std::atomic<Block*> shown_{nullptr};  // verification only: what the story says the entry holds
    std::uintptr_t index_ = 0, cap_ = 0;
};

// A spine array as loaded from spanSet.spine (Go: the typed spine pointer's
// Load, whose lookup(i) returns the entry). A nil spine, or an index past the
// array, faults in Go (or reads what lies beyond); here it is nil_block.
template <class World, class Block>
class spineArray {
public:
    spineArray() = default;
    explicit spineArray(spineEntry<World, Block>* a) : a_(a) {}

    spineEntry<World, Block>& lookup(std::uintptr_t index) const {
        if (a_ == nullptr || index >= a_[0].capacity()) {
            violation v{violation_kind::nil_block, World::thread()};
            v.a = std::int64_t(index);
            v.b = a_ == nullptr ? -1 : -2 - std::int64_t(a_[0].capacity());  // no array; past its end
            fail<World>(v);
        }
        return a_[index];
    }
    spineEntry<World, Block>* get() const { return a_; }
    explicit operator bool() const { return a_ != nullptr; }

private:
    spineEntry<World, Block>* a_ = nullptr;
};

}  // namespace spancheck::spanset
