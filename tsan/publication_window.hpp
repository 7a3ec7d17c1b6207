// The publication protocol's race windows for the stress executor: what a
// trial must reach to have tested the scenario's race (its stress_window).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "../impl/publication/fields.hpp"
#include "../impl/publication/points.hpp"
#include "../impl/step.hpp"
#include "../scenarios/publication/scenarios.hpp"
#include "trial_scenario.hpp"

namespace spancheck::stress {

// struct_in_transition: a reader loaded the state of, or read a field of, an
// mspan struct between the writer taking it (allocSpan) or freeing it
// (freeSpan) and the end of its publication: its spans[] entries stored and
// its limit set, whichever comes last (limit comes after setSpans where the
// caller sets it, §10.1). pointer_followed: the reader loaded the pointer
// the writer published, and resolved it.
class publication_window final : public race_window {
public:
    explicit publication_window(publication::stress_window kind) : kind_(kind) {}

    std::string_view definition() const override {
        switch (kind_) {
        case publication::stress_window::struct_in_transition:
            return "a reader loaded the state or read a field of an mspan struct while the writer was initializing "
                   "or freeing it, before its spans[] entries and its limit were set "
                   "(docs/publication-protocol.md §8, §10.1)";
        case publication::stress_window::pointer_followed:
            return "the reader loaded the pointer the writer published into the new span, and resolved it "
                   "(golang/go#35541)";
        case publication::stress_window::none: break;
        }
        return {};  // no window: inapplicable() says why
    }
    std::string_view inapplicable() const override {
        return kind_ == publication::stress_window::none
                   ? "the scenario's outcome does not depend on the interleaving (Go's check decides it)"
                   : std::string_view();
    }
    void reset() override {
        for (auto& p : pending_) p.store(0, relaxed);
        hit_.store(false, relaxed);
    }
    bool hit() const override { return hit_.load(relaxed); }

    void observe(std::uint16_t code, std::int64_t a, std::int64_t b, std::int64_t, std::int64_t d) override {
        using publication::point;
        if (std::uint64_t(a) >= tracked && point(code) != point::load_pointer) return;
        switch (point(code)) {
        case point::alloc_span:
        case point::free_span: pending_[a].store(spans_pending | limit_pending, relaxed); break;
        case point::set_spans: pending_[a].fetch_and(~spans_pending, relaxed); break;
        case point::set_field:
            if (publication::field_id(b) == publication::field_id::limit && d != 0) {
                pending_[a].fetch_and(~limit_pending, relaxed);
            }
            break;
        case point::load_state:
        case point::read_field:
            if (kind_ == publication::stress_window::struct_in_transition && pending_[a].load(relaxed) != 0) {
                hit_.store(true, relaxed);
            }
            break;
        case point::load_pointer:
            if (kind_ == publication::stress_window::pointer_followed && a != 0) hit_.store(true, relaxed);
            break;
        default: break;
        }
    }

private:
    static constexpr auto relaxed = std::memory_order_relaxed;
    static constexpr std::uint8_t spans_pending = 1, limit_pending = 2;
    // mspan structs, by ghost id; the fake heap has a handful.
    static constexpr std::size_t tracked = 8;
    const publication::stress_window kind_;
    std::array<std::atomic<std::uint8_t>, tracked> pending_{};
    std::atomic<bool> hit_{false};
};

}  // namespace spancheck::stress
