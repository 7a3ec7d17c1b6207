// The lock-free readers of span metadata, as Go calls them (runtime/mheap.go,
// mbitmap.go, mgcmark.go): spanOf, spanOfHeap, findObject, and the
// conservative scan's objIndex, isFree, greyobject. Their definitions are the
// variant's steps (protocol.hpp); these are Go's call syntax for them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "protocol.hpp"

namespace spancheck::publication {

template <class Heap>
typename Heap::span* spanOf(const Heap& h, std::uintptr_t p) {
    return Heap::Variant::spanOf(h, p);
}

template <class Heap>
span_view<typename Heap::span> spanOfHeap(const Heap& h, std::uintptr_t p) {
    return Heap::Variant::spanOfHeap(h, p);
}

template <class Heap>
object_ref<typename Heap::span> findObject(const Heap& h, std::uintptr_t p) {
    return Heap::Variant::findObject(h, p);
}

template <class Span>
std::uintptr_t objIndex(const span_view<Span>& v, std::uintptr_t p) {
    return Span::Variant::objIndex(v, p);
}

template <class Span>
bool isFree(const span_view<Span>& v, std::uintptr_t index) {
    return Span::Variant::isFree(v, index);
}

template <class Span>
void greyobject(std::uintptr_t obj, const span_view<Span>& v, std::uintptr_t index) {
    Span::Variant::greyobject(obj, v, index);
}

template <class Heap>
void scanConservative(const Heap& h, const std::uintptr_t* words, std::size_t n) {
    Heap::Variant::scanConservative(h, words, n);
}

}  // namespace spancheck::publication
