// Memory for the checker's own bookkeeping (arenas, ledgers), taken straight
// from malloc. Relacy replaces operator new/delete while it runs an execution
// and turns every delete into a branch of its search (it explores deferring
// the reuse of the memory), so a scenario that freed its arena through delete
// would multiply the schedules to explore by two per freed object. Nothing
// here is protocol state; the protocol's memory is in the arena's blocks.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace spancheck {

template <class T>
struct host_allocator {
    using value_type = T;
    host_allocator() = default;
    template <class U>
    host_allocator(const host_allocator<U>&) {}

    T* allocate(std::size_t n) {
        if (void* p = std::malloc(n * sizeof(T))) return static_cast<T*>(p);
        throw std::bad_alloc();
    }
    void deallocate(T* p, std::size_t) { std::free(p); }
    friend bool operator==(host_allocator, host_allocator) { return true; }
};

template <class T>
using host_vector = std::vector<T, host_allocator<T>>;

// unique_ptr over malloc'd memory, for one object or an array of n.
template <class T>
struct host_delete {
    std::size_t count = 1;
    void operator()(T* p) const {
        std::destroy_n(p, count);
        std::free(p);
    }
};
template <class T>
using host_ptr = std::unique_ptr<T, host_delete<T>>;

template <class T, class... Args>
host_ptr<T> make_host(Args&&... args) {
    T* p = host_allocator<T>().allocate(1);
    ::new (static_cast<void*>(p)) T(std::forward<Args>(args)...);
    return host_ptr<T>(p, host_delete<T>{1});
}

// n value-initialised objects (for atomics: zero).
template <class T>
host_ptr<T> make_host_array(std::size_t n) {
    T* p = host_allocator<T>().allocate(n);
    for (std::size_t i = 0; i < n; ++i) ::new (static_cast<void*>(p + i)) T();
    return host_ptr<T>(p, host_delete<T>{n});
}

}  // namespace spancheck
