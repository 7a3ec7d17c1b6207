// One mspan field: Go's word (go_word.hpp) plus the ghost stamp of the life
// that wrote it. The three ways to touch it say who touches it:
//   set / reset  the writer (initSpan, mspan.init, the caller of allocSpan);
//   get          the span's owner (the allocator, the sweeper under the heap
//                lock): ordered with the writes by program order or the lock;
//   read         a lock-free reader: judged by the ghost against the life the
//                reader validated, and announced as a step of the story.
#pragma once

#include <cstdint>
#include <type_traits>

#include "../world.hpp"
#include "fields.hpp"
#include "ghost.hpp"
#include "go_word.hpp"
#include "points.hpp"

namespace spancheck::publication {

// A field's value as a step figure: pointers (allocBits) as set or nil.
template <class T>
std::int64_t step_value(T v) {
    if constexpr (std::is_pointer_v<T>) {
        return v != nullptr;
    } else {
        return std::int64_t(v);
    }
}

template <class World, class Variant, class T, bool Racy = false>
class span_field {
public:
    span_field(field_id id, span_ghost& owner) : id_(id), owner_(owner) {}
    span_field(const span_field&) = delete;
    span_field& operator=(const span_field&) = delete;

    // The value of the struct's current life.
    void set(T v, source_loc l = source_loc::current()) { write(v, true, l); }
    // mspan.init's reset: a placeholder until initSpan sets the life's value.
    void reset(T v, source_loc l = source_loc::current()) { write(v, false, l); }

    T get(source_loc l = source_loc::current()) const { return w_.load(id_, l); }

    // A field that Go reads racily (limit, as is) is not judged: a stale value
    // is Go's behaviour, and where it leads (an object outside the span) is
    // checked where the reader uses it.
    T read(std::uint32_t validated, source_loc l = source_loc::current()) const {
        if constexpr (!Racy) {
            const read_verdict v = owner_.judge(stamp_, validated);  // ghost
            if (v != read_verdict::ok) {
                World::step(point::read_field, owner_.id(), std::int64_t(id_), 0, std::int64_t(v));
                fail<World>(owner_.bad_read(id_, v, stamp_, validated, World::thread()));
            }
        }
        const T x = w_.load(id_, l);
        World::step(point::read_field, owner_.id(), std::int64_t(id_), step_value(x), std::int64_t(read_verdict::ok));
        return x;
    }

    // Ghost, for Go 1.13's free spans: the freed struct goes on describing its
    // pages, so its range is valid in the struct's next life without a write.
    void carry_over() { owner_.stamp(stamp_, true); }

private:
    void write(T v, bool ready, source_loc l) {
        owner_.stamp(stamp_, ready);  // ghost
        if constexpr (std::is_integral_v<T>) {
            if (id_ == field_id::nelems) owner_.on_geometry(std::uintptr_t(v));  // ghost: bounds object indexes
        }
        w_.store(v, id_, l);
        World::step(point::set_field, owner_.id(), std::int64_t(id_), step_value(v), ready);
    }

    const field_id id_;
    span_ghost& owner_;
    field_stamp stamp_;
    go_word<World, Variant, T, Racy> w_;
};

}  // namespace spancheck::publication
