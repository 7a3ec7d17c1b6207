// Verification state of an mspan struct. It is not part of Go's mspan and
// never influences the protocol: it knows which life the struct is in (a
// life ends when freeSpanLocked marks the span dead; fixalloc hands the same
// struct out again with its old field values), the state the writer last
// stored, which objects are allocated, and, for each field, the life that
// last wrote it. Readers' field reads and marks, and the writer's frees, are
// judged against it where they happen (docs/publication-protocol.md §9).
//
// Its fields are relaxed std::atomic in every world: the model checker runs
// one fiber at a time and does not instrument them (no extra scheduling
// points), and on real threads they must not be a data race themselves.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>

#include "../world.hpp"
#include "fields.hpp"
#include "state.hpp"

namespace spancheck::publication {

// Who last wrote a field: the life, and whether the value is the life's own
// (false: mspan.init's reset, a placeholder until initSpan sets it).
struct field_stamp {
    std::atomic<std::uint32_t> life{0};
    std::atomic<bool> ready{false};
};

enum class read_verdict : std::uint8_t {
    ok,
    uninitialized,  // the struct's current life has not set the field yet
    foreign,        // the struct was freed and reused after the reader checked its state
};

class span_ghost {
public:
    explicit span_ghost(std::int64_t id) : id_(id) {}

    std::int64_t id() const { return id_; }
    std::uint32_t life() const { return life_.load(relaxed); }
    mSpanState state() const { return state_.load(relaxed); }

    // --- the writer's side ---
    void stamp(field_stamp& f, bool ready) const {
        f.life.store(life(), relaxed);
        f.ready.store(ready, relaxed);
    }
    void on_state(mSpanState s) { state_.store(s, relaxed); }
    void on_geometry(std::uintptr_t nelems) { nelems_.store(nelems, relaxed); }
    void on_object_allocated(std::uintptr_t index) { allocated_.fetch_or(std::uint64_t(1) << index, relaxed); }
    void on_objects_died() { allocated_.store(0, relaxed); }
    // freeSpanLocked marked the span dead: the next use of the struct is a new
    // life. A span must never die with allocated objects in it.
    template <class World>
    void on_freed() {
        if (const std::uint64_t live = allocated_.load(relaxed)) {
            fail<World>(figures<World>(violation_kind::live_span_freed, __builtin_popcountll(live), 0));
        }
        life_.fetch_add(1, relaxed);
    }

    // --- judging a reader ---
    // `validated` is the life in which the reader saw the span in use (0: it
    // has not loaded the state yet, as a reader that checks bounds first).
    read_verdict judge(const field_stamp& f, std::uint32_t validated) const {
        const std::uint32_t now = life();
        if (validated != 0 && validated != now) return read_verdict::foreign;
        if (f.life.load(relaxed) != now || !f.ready.load(relaxed)) return read_verdict::uninitialized;
        return read_verdict::ok;
    }

    violation bad_read(field_id f, read_verdict v, const field_stamp& s, std::uint32_t validated, int thread) const {
        violation out{v == read_verdict::foreign ? violation_kind::foreign_field : violation_kind::uninitialized_read,
                      thread};
        out.span = id_;
        out.a = life();
        out.b = v == read_verdict::foreign ? validated : s.life.load(relaxed);
        std::strncpy(out.field, field_name(f), sizeof out.field - 1);
        return out;
    }

    // Go's objIndex does not bound the index: past nelems it reads and marks
    // bits beyond the span's bitmaps (heap metadata corruption, §9).
    template <class World>
    void check_index(std::uintptr_t index) const {
        const std::uintptr_t n = nelems_.load(relaxed);
        if (index >= n) {
            fail<World>(figures<World>(violation_kind::object_out_of_span, std::int64_t(index), std::int64_t(n)));
        }
    }

    // A reader is about to mark object `index`: the span must still be in use
    // in the life it checked, and the object allocated (Go's checkmark throw
    // "marking free object").
    template <class World>
    void check_grey(std::uint32_t validated, std::uintptr_t index) const {
        if (state() != mSpanInUse || life() != validated) {
            fail<World>(figures<World>(violation_kind::accepted_not_in_use, state(), std::int64_t(validated)));
        }
        if (!(allocated_.load(relaxed) >> index & 1)) {
            fail<World>(figures<World>(violation_kind::free_object_marked, std::int64_t(index), 0));
        }
    }

private:
    template <class World>
    violation figures(violation_kind k, std::int64_t a, std::int64_t b) const {
        violation v{k, World::thread()};
        v.span = id_;
        v.a = a;
        v.b = b;
        return v;
    }

    const std::int64_t id_;
    std::atomic<std::uint32_t> life_{1};
    std::atomic<mSpanState> state_{mSpanDead};
    std::atomic<std::uintptr_t> nelems_{0};
    std::atomic<std::uint64_t> allocated_{0};
};

}  // namespace spancheck::publication
