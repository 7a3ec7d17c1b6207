// A word that Go reads and writes with plain accesses, in one of the two
// forms of docs/spanset-protocol.md §15.2:
//   Racy = false  a World::var: nothing may race on it, and the model checker
//                 proves that (a race is reported, naming the field);
//   Racy = true   Go races on it on purpose (a benign word-sized race in the
//                 runtime), so it is an atomic, relaxed unless the variant
//                 says otherwise at its sites (sites.hpp): the race is defined
//                 behaviour and what a stale value leads to is checked
//                 downstream.
#pragma once

#include <type_traits>

#include "../sites.hpp"
#include "../world.hpp"
#include "fields.hpp"
#include "sites.hpp"

namespace spancheck::publication {

// The sites of a racy word, by field.
constexpr site racy_site(field_id f, bool store) {
    if (f == field_id::limit) return store ? site::limit_store : site::limit_load;
    return store ? site::spans_store : site::spans_load;
}

template <class World, class Variant, class T, bool Racy>
class go_word {
public:
    T load(field_id f, source_loc l = source_loc::current()) const {
        if constexpr (Racy) {
            return w_.load(order_of<Variant>(racy_site(f, false)), l);
        } else {
            World::plain_access(field_name(f), false, &w_);
            return w_.load(l);
        }
    }
    void store(T v, field_id f, source_loc l = source_loc::current()) {
        if constexpr (Racy) {
            w_.store(v, order_of<Variant>(racy_site(f, true)), l);
        } else {
            World::plain_access(field_name(f), true, &w_);
            w_.store(v, l);
        }
    }

private:
    std::conditional_t<Racy, typename World::template atomic<T>, typename World::template var<T>> w_;
};

}  // namespace spancheck::publication
