// mSpanState and mSpanStateBox: the span state that publishes every other
// field (docs/publication-protocol.md §3). The box is Go's atomic 8-bit load
// and store; which memory order it uses is the variant's (the historic Go 1.13
// state was a plain field, modelled as a relaxed atomic, §12.3).
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "../world.hpp"

namespace spancheck::publication {

enum mSpanState : std::uint8_t {
    mSpanDead,    // the zero value: a struct never used, or freed
    mSpanInUse,   // a heap span: its fields are valid
    mSpanManual,  // a manually managed span (a stack): not a heap span
};

constexpr std::string_view stateName(std::uint8_t s) {
    switch (s) {
    case mSpanDead: return "Dead";
    case mSpanInUse: return "InUse";
    case mSpanManual: return "Manual";
    }
    return "?";
}

template <class World>
class mSpanStateBox {
public:
    void set(mSpanState s, std::memory_order mo, source_loc l = source_loc::current()) { s_.store(s, mo, l); }
    mSpanState get(std::memory_order mo, source_loc l = source_loc::current()) const {
        return mSpanState(s_.load(mo, l));
    }

private:
    typename World::template atomic<std::uint8_t> s_;
};

}  // namespace spancheck::publication
