// A compile-time list of types (variants, scenarios), visited by name at run
// time: the command line picks one, the template for it is already built.
#pragma once

#include <string_view>

namespace spancheck {

// The file a shipped variant is defined in, without its folder and extension
// (CMake specializes it for each, in the generated list of variant files).
template <class V>
inline constexpr std::string_view file_stem = "";

template <class... Ts>
struct type_list {
    static constexpr std::size_t size = sizeof...(Ts);

    // Calls f(static_cast<T*>(nullptr)) for each type T, in order.
    template <class F>
    static void each(F&& f) {
        (f(static_cast<Ts*>(nullptr)), ...);
    }

    // Calls f(T*) for the type whose T::name is `name`; false if none is.
    template <class F>
    static bool with_name(std::string_view name, F&& f) {
        return ((Ts::name == name ? (f(static_cast<Ts*>(nullptr)), true) : false) || ...);
    }
};

}  // namespace spancheck
