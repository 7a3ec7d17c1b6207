// A word that Go reads and writes with plain accesses, in one of the two
// forms of docs/spanset-protocol.md §15.2:
//   Racy = false  a World::var: nothing may race on it, and the model checker
//                 proves that (a race is reported, naming the field);
//   Racy = true   Go races on it on purpose (a benign word-sized race in the
//                 runtime), so it is a relaxed World::atomic: the race is
//                 defined behaviour and what a stale value leads to is checked
//                 downstream.
#pragma once

#include <type_traits>

#include "../world.hpp"
#include "fields.hpp"

namespace spancheck::publication {

template <class World, class T, bool Racy>
class go_word {
public:
    T load(field_id f, source_loc l = source_loc::current()) const {
        if constexpr (Racy) {
            return w_.load(relaxed, l);
        } else {
            World::plain_access(field_name(f), false, &w_);
            return w_.load(l);
        }
    }
    void store(T v, field_id f, source_loc l = source_loc::current()) {
        if constexpr (Racy) {
            w_.store(v, relaxed, l);
        } else {
            World::plain_access(field_name(f), true, &w_);
            w_.store(v, l);
        }
    }

private:
    std::conditional_t<Racy, typename World::template atomic<T>, typename World::template var<T>> w_;
};

}  // namespace spancheck::publication
