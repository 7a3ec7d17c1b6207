#include "publication_model.hpp"

#include <string>
#include <type_traits>

#include "../impl/publication/variants/all.hpp"

namespace spancheck::model {

// Defined in model/publication_model_impl.hpp, instantiated once per variant.
template <class Variant>
outcome run_publication_variant(std::string_view scenario, const options& opt);

outcome run_publication(std::string_view variant, std::string_view scenario, unsigned, const options& opt) {
    outcome out = std::string("unknown variant");
    publication::variants::all::with_name(variant, [&](auto* tag) {
        using V = std::remove_pointer_t<decltype(tag)>;
        out = run_publication_variant<V>(scenario, opt);
    });
    return out;
}

}  // namespace spancheck::model
