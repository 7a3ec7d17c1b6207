#include "spanset_model.hpp"

#include <type_traits>

#include "../impl/spanset/variants/all.hpp"

namespace spancheck::model {

// Defined in model/spanset_model_impl.hpp, instantiated once per variant.
template <class Variant>
outcome run_spanset_variant(std::string_view scenario, unsigned slots, const options& opt);

outcome run_spanset(std::string_view variant, std::string_view scenario, unsigned slots, const options& opt) {
    outcome out = std::string("unknown variant");
    spanset::variants::all::with_name(variant, [&](auto* tag) {
        using V = std::remove_pointer_t<decltype(tag)>;
        out = run_spanset_variant<V>(scenario, slots, opt);
    });
    return out;
}

}  // namespace spancheck::model
