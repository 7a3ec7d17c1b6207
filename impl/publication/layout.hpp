// The fake heap that the publication model runs on: one arena of four pages
// at small integer addresses, and a size-class table with one small class. Go's
// arithmetic is kept (page of an address, spans[] index, object index); only
// the sizes are tiny, so that a counterexample's addresses read easily.
#pragma once

#include <cstdint>

namespace spancheck::publication {

inline constexpr std::uintptr_t pageShift = 8;
inline constexpr std::uintptr_t pageSize = std::uintptr_t(1) << pageShift;  // 0x100
inline constexpr std::uintptr_t pagesPerArena = 4;
inline constexpr std::uintptr_t heapArenaBytes = pagesPerArena * pageSize;
// The one arena's first address. Go has a two-level arena map; here every
// address outside [arenaBase, arenaBase + heapArenaBytes) has no arena.
inline constexpr std::uintptr_t arenaBase = 0x1000;

constexpr std::uintptr_t pageAddr(std::uintptr_t page) { return arenaBase + page * pageSize; }

// Go's spanClass: the size class shifted left by one, OR the noscan bit.
using spanClass = std::uint8_t;
constexpr spanClass makeSpanClass(std::uint8_t sizeclass, bool noscan) { return spanClass(sizeclass << 1 | noscan); }
constexpr std::uint8_t sizeclassOf(spanClass sc) { return sc >> 1; }

// Object size of each size class; class 0 is a large object (one per span).
inline constexpr std::uintptr_t class_to_size[] = {0, 0x80};

// What a span is allocated for (Go's spanAllocType, two of its four kinds).
enum class spanAllocType : std::uint8_t { spanAllocHeap, spanAllocStack };

}  // namespace spancheck::publication
