// Violations a scenario produces by design: what the protocol document says
// must happen, declared next to the scenario so that every executor (model,
// stress) and every report tells a documented failure from a bug the same way.
//
// A scenario that fails by design for some variants declares
//
//   template <class Variant>
//   static constexpr documented_violations documented();
//
// returning, for that variant, each expected violation kind with a one-line
// reason that names the document section. A scenario that declares nothing
// documents nothing (every span set scenario): any violation there is a
// finding. World-agnostic: nothing here depends on Relacy or real threads.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string_view>

#include "../impl/violation.hpp"

namespace spancheck {

struct documented_violation {
    violation_kind kind{};
    std::string_view reason;  // one line, with the section of the protocol document
};

// A short constant list (a scenario documents a handful of kinds at most):
// fixed capacity so that it can be built and returned in constant expressions.
class documented_violations {
public:
    static constexpr std::size_t capacity = 8;

    constexpr documented_violations() = default;
    constexpr documented_violations(std::initializer_list<documented_violation> items) {
        for (const documented_violation& d : items) {
            // Not a constant expression past capacity: a declaration that
            // overflows fails to compile (documented_violations_of evaluates
            // it at compile time) instead of losing entries.
            if (count_ == capacity) throw "documented_violations: more kinds than capacity";
            items_[count_++] = d;
        }
    }

    constexpr const documented_violation* begin() const { return items_; }
    constexpr const documented_violation* end() const { return items_ + count_; }
    constexpr std::size_t size() const { return count_; }
    constexpr bool empty() const { return count_ == 0; }

private:
    documented_violation items_[capacity]{};
    std::size_t count_ = 0;
};

// Everything Scenario documents for Variant (empty if it declares nothing).
template <class Scenario, class Variant>
constexpr documented_violations documented_violations_of() {
    if constexpr (requires { Scenario::template documented<Variant>(); }) {
        // Evaluated at compile time, so that a declaration past capacity
        // does not compile.
        constexpr documented_violations declared = Scenario::template documented<Variant>();
        return declared;
    } else {
        return {};
    }
}

// Why a violation of kind k is expected by design when Scenario runs
// Variant; empty if it is not (then it is a finding). Scenario is the
// scenario instantiated on its harness, as the executors run it.
template <class Scenario, class Variant>
constexpr std::string_view documented_reason(violation_kind k) {
    for (const documented_violation& d : documented_violations_of<Scenario, Variant>()) {
        if (d.kind == k) return d.reason;
    }
    return {};
}

}  // namespace spancheck
