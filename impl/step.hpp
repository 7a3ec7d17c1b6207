// One protocol step, as recorded by a world's step hook.
//
// Protocol code announces each step that matters to a reader of a
// counterexample ("popper B claims slot 1 of block 0") with
// World::step(point, a, b, c, d). The point is an enumerator of the protocol's own
// point enum; a..d are its figures. Worlds decide what a step costs: the
// model world records it while Relacy replays a failing execution, the real
// world may inject a delay there (schedule perturbation), and both do nothing
// at all when that is off. Rendering a step into words is the protocol's job
// (see each protocol's narrative.hpp), done after the execution.
#pragma once

#include <cstdint>
#include <type_traits>

namespace spancheck {

struct step_record {
    std::int16_t thread;  // scenario thread number, or setup_thread / checks_thread
    std::uint16_t point;  // the protocol's point enumerator
    std::int64_t a, b, c, d;
};

template <class Point>
constexpr std::uint16_t point_code(Point p) {
    static_assert(std::is_enum_v<Point>);
    return static_cast<std::uint16_t>(p);
}

}  // namespace spancheck
