// Span publication as a scenario sees it: the fake heap (the writer's side,
// and spans[] for the readers) and the sweeper's verdict on a span. The
// checks (docs/publication-protocol.md §9) run where a read, a mark or a free
// can break them (impl/publication/ghost.hpp), not at the end.
#pragma once

#include "../../impl/publication/mheap.hpp"

namespace spancheck::publication {

template <class World, class Variant>
class harness : public mheap<World, Variant> {
public:
    // The sweeper found none of s's objects marked: they are garbage, and s
    // holds no allocated object any more (what sweeping leaves for freeSpan).
    void sweepUnmarked(typename harness::span* s) {
        s->allocCount.set(0);
        s->ghost.on_objects_died();  // ghost
        World::step(point::sweep, s->ghost.id());
    }
};

}  // namespace spancheck::publication
