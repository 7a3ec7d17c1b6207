// Block sizes the span set model is built for (slots per block), first the
// default. Known to the command line and to the runners.
#pragma once

namespace spancheck::model {

inline constexpr unsigned spanset_model_slots[] = {2, 4};     // Relacy
inline constexpr unsigned spanset_explorer_slots[] = {2, 4, 8};  // the explorer

}  // namespace spancheck::model
