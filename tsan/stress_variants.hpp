// The variants a stress executor is built for: every shipped variant, or,
// for a variant file compiled on demand (cli/variant_build.hpp), the one that
// SPANCHECK_STRESS_VARIANTS, a generated header, names.
#pragma once

#include "../impl/type_list.hpp"

#ifdef SPANCHECK_STRESS_VARIANTS
#include SPANCHECK_STRESS_VARIANTS
#else
#include "../impl/publication/variants/all.hpp"
#include "../impl/spanset/variants/all.hpp"

namespace spancheck::stress {
using spanset_variants = spanset::variants::all;
using publication_variants = publication::variants::all;
}  // namespace spancheck::stress
#endif
