// Span publication scenarios: setup, one body per thread, final checks.
// World-agnostic: the same code runs under the model checker and on real
// threads. Thread 0 writes (allocates, frees); the other threads read.
// Addresses are those of the fake heap (impl/publication/layout.hpp): pages
// at 0x1000, 0x1100, 0x1200, 0x1300; size class 1 holds 0x80-byte objects.
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "../../impl/publication/readers.hpp"
#include "../documented.hpp"
#include "../scenario.hpp"
#include "../shape.hpp"
#include "harness.hpp"

namespace spancheck::publication {

inline constexpr spanClass smallClass = makeSpanClass(1, false);  // 0x80-byte objects

// What a stress run of the scenario must reach to have tested its race
// (tsan/publication_window.hpp); runs that never reach it are inconclusive.
enum class stress_window : std::uint8_t {
    struct_in_transition,  // a reader touches an mspan struct the writer is initializing or freeing
    pointer_followed,      // the reader follows the pointer the writer published
    none,                  // nothing: the outcome does not depend on the interleaving
};

// Base of the scenarios below: the harness, and what follows from the
// scenario's name and its two roles (Self::writer, Self::reader): thread
// names and the refusal of shapes other than one writer and some readers.
template <class H, class Self>
class scenario_base {
public:
    static constexpr shape default_shape{1, 1};
    // --threads n on real threads: one writer, the others read.
    static constexpr shape with_threads(unsigned n) { return {1, n - 1}; }

    explicit scenario_base(shape) {}
    static std::string thread_name(const shape& sh, unsigned i) {
        if (i < sh.pushers) return Self::writer;
        return sh.poppers == 1 ? std::string(Self::reader) : lettered(Self::reader, i - sh.pushers);
    }
    // Scenarios take their readers from the shape; only those that say how
    // (Self::max_spans) take a number of spans.
    static std::string refusal(const shape& sh, std::size_t spans = 0) {
        if (sh.pushers != 1 || sh.poppers < 1) {
            return "scenario " + std::string(Self::name) + " runs one " + Self::writer + " thread and at least one " +
                   Self::reader + " thread";
        }
        constexpr std::size_t most = [] {
            if constexpr (requires { Self::max_spans; }) {
                return Self::max_spans;
            } else {
                return std::size_t(0);
            }
        }();
        if (spans > most) {
            return most == 0 ? "scenario " + std::string(Self::name) + " has a fixed heap; drop --spans"
                             : "scenario " + std::string(Self::name) + " runs 1 to " + std::to_string(most) +
                                   " spans on the fake heap's four pages; accepted: --spans 1 to " +
                                   std::to_string(most);
        }
        return {};
    }
    // Nothing is left to check at the end: every invariant is checked where
    // a read, a mark or a free could break it.
    void check() const {}

protected:
    H h_;
};

// An allocator publishes a one-page span on page 0, whose mspan struct (and
// page 0) a span freed in setup used before: spans[] still points at the
// dead struct, which keeps its old fields. Meanwhile a conservative scanner
// resolves the words of a frame. The case says what was freed and what the
// frame holds.
template <class H, class Case>
class scan_while_allocating : public scenario_base<H, scan_while_allocating<H, Case>> {
public:
    static constexpr std::string_view name = Case::name;
    static constexpr std::string_view summary = Case::summary;
    static constexpr const char* writer = "allocator";
    static constexpr const char* reader = "scanner";
    static constexpr stress_window window = stress_window::struct_in_transition;

    // What the case documents (scenarios/documented.hpp); a case without a
    // declaration documents nothing.
    template <class Variant>
    static constexpr documented_violations documented() {
        if constexpr (requires { Case::template documented<Variant>(); }) {
            return Case::template documented<Variant>();
        } else {
            return {};
        }
    }

    // With --spans K (where the case allows it): K one-page spans freed in
    // setup, K republished, and a frame with a word into each and one into
    // the page no span covers.
    static constexpr std::size_t max_spans = Case::max_spans;

    explicit scan_while_allocating(shape sh = scan_while_allocating::default_shape, std::size_t spans = 0)
        : scan_while_allocating::scenario_base(sh), spans_(spans) {
        if (spans_ == 0) {
            std::copy(std::begin(Case::frame), std::end(Case::frame), frame_);
            words_ = std::size(Case::frame);
        } else {
            for (std::size_t i = 0; i < spans_; ++i) frame_[words_++] = pageAddr(i) + 0x90;
            frame_[words_++] = pageAddr(pagesPerArena - 1) + 0x10;
        }
    }

    void setup() {
        if (spans_ == 0) {
            this->h_.freeSpan(this->h_.mcentralGrow(Case::freedPages, smallClass));
            return;
        }
        // Freed last to first: fixalloc hands the structs out again first
        // to last, each for the page it described (as in the default case).
        typename H::span* freed[pagesPerArena] = {};
        for (std::size_t i = 0; i < spans_; ++i) freed[i] = this->h_.mcentralGrow(1, smallClass);
        for (std::size_t i = spans_; i > 0; --i) this->h_.freeSpan(freed[i - 1]);
    }
    void thread(unsigned i) {
        if (i == 0) {
            for (std::size_t k = 0; k < (spans_ ? spans_ : 1); ++k) this->h_.mcentralGrow(1, smallClass);
        } else {
            scanConservative(this->h_, frame_, words_);
        }
    }

private:
    std::size_t spans_;
    std::uintptr_t frame_[pagesPerArena + 1] = {};
    std::size_t words_ = 0;
};

// §7–§9: the span freed in setup had the same page and class. The frame
// holds a word into object 1 and a word into a page no span ever covered.
struct reader_vs_init_case {
    static constexpr std::string_view name = "reader-vs-init";
    static constexpr std::string_view summary =
        "an allocator publishes a span on a reused page while a scanner resolves a word into it";
    static constexpr std::uintptr_t freedPages = 1;
    static constexpr std::uintptr_t frame[] = {pageAddr(0) + 0x90, pageAddr(3) + 0x10};
    static constexpr std::size_t max_spans = pagesPerArena - 1;  // one page stays uncovered
};
template <class H>
using reader_vs_init = scan_while_allocating<H, reader_vs_init_case>;

// §10.1, the soft spot: the span freed in setup covered two pages, so
// spans[1] still names the struct, and its limit is the end of page 1. The
// caller of allocSpan sets the new limit only after publication: a scanner
// that resolves a word into page 1 may see the new life's state with the old
// life's limit.
struct late_limit_case {
    static constexpr std::string_view name = "late-limit";
    static constexpr std::string_view summary =
        "a 2-page span's struct is reused for 1 page; limit is set after publication (§10.1)";
    static constexpr std::uintptr_t freedPages = 2;
    static constexpr std::uintptr_t frame[] = {pageAddr(1) + 0x10};
    static constexpr std::size_t max_spans = 0;

    // Go's own race (§10.1): every variant that sets limit after publication,
    // as Go does, shows it; hardened, which sets it before the state store,
    // closes it, so there a stale limit is a finding.
    template <class Variant>
    static constexpr documented_violations documented() {
        if constexpr (Variant::limit_set_in_initSpan) {
            return {};
        } else {
            return {{violation_kind::object_out_of_span,
                     "Go's race: the caller sets limit after publication, so a scanner may use the old life's "
                     "limit (§10.1)"}};
        }
    }
};
template <class H>
using late_limit = scan_while_allocating<H, late_limit_case>;

// §6, §9 (the bounds check, the GC-phase rule): the sweeper frees span s0,
// whose only object is garbage, and fixalloc hands its struct to a new span
// on other pages, while the scanner resolves a word into s0's old page
// through the stale spans[] entry. With the rule (reader-vs-free), the
// sweeper frees only while the GC is off, and the scanner scans only in the
// mark phase; without it (reader-vs-free-during-mark), the free may come
// between the scanner's state check and its use of the span: Go's rule is
// load-bearing, and every variant fails.
template <class H, bool DuringMark>
class reader_vs_free : public scenario_base<H, reader_vs_free<H, DuringMark>> {
public:
    static constexpr std::string_view name = DuringMark ? "reader-vs-free-during-mark" : "reader-vs-free";
    static constexpr std::string_view summary =
        DuringMark ? "as reader-vs-free, but the sweeper ignores the mark phase (breaks §3.2's rule; fails by design)"
                   : "a span is freed and its struct reused for other pages; a scanner holds a stale spans[] entry";
    static constexpr const char* writer = "sweeper";
    static constexpr const char* reader = "scanner";
    static constexpr stress_window window = stress_window::struct_in_transition;

    explicit reader_vs_free(shape sh = reader_vs_free::default_shape, std::size_t = 0) : reader_vs_free::scenario_base(sh) {}

    // Without the rule, the free and the struct's next init can fall between
    // the scanner's state check and its use of the span, for every variant:
    // what the scanner then uses (§9) is a freed slot, a span no longer in
    // use, the next life's fields (written without ordering: a race), or
    // geometry that puts the word outside the span.
    template <class Variant>
    static constexpr documented_violations documented() {
        if constexpr (DuringMark) {
            constexpr std::string_view why =
                "the sweeper frees during mark, breaking the GC-phase rule on purpose: the span is freed and its "
                "struct reused between the scanner's state check and its use (§3.2, §9)";
            return {{violation_kind::free_object_marked, why},  {violation_kind::foreign_field, why},
                    {violation_kind::uninitialized_read, why},  {violation_kind::object_out_of_span, why},
                    {violation_kind::accepted_not_in_use, why}, {violation_kind::nil_dereference, why},
                    {violation_kind::data_race, why}};
        } else {
            return {};
        }
    }

    void setup() {
        victim_ = this->h_.mcentralGrow(1, smallClass);
        this->h_.allocObject(victim_);
        this->h_.mcentralGrow(1, smallClass);  // page 1 stays in use: the struct's next span goes elsewhere
    }
    void thread(unsigned i) {
        if (i == 0) {
            sweep();
            this->h_.mcentralGrow(2, smallClass);
        } else {
            {
                // The mark phase starts with the world stopped: no sweeper is
                // between its phase check and its free.
                locked<typename H::World::mutex> stopped(world_);
                gcphase_.store(1, field_id::gcphase);
                H::World::step(point::gc_phase, 1);
            }
            const std::uintptr_t frame[] = {pageAddr(0) + 0x10};
            scanConservative(this->h_, frame, 1);
        }
    }

private:
    void sweep() {
        if constexpr (DuringMark) {
            freeVictim();
        } else {
            locked<typename H::World::mutex> running(world_);
            const bool marking = gcphase_.load(field_id::gcphase) != 0;
            H::World::step(point::gc_phase, 0, marking);
            if (!marking) freeVictim();
        }
    }
    void freeVictim() {
        this->h_.sweepUnmarked(victim_);
        this->h_.freeSpan(victim_);
    }

    typename H::span* victim_ = nullptr;
    typename H::World::mutex world_;  // stands for stopping the world
    go_word<typename H::World, void, std::uint8_t, false> gcphase_;  // 0: _GCoff, 1: _GCmark
};

template <class H>
using reader_vs_free_with_rule = reader_vs_free<H, false>;
template <class H>
using reader_vs_free_during_mark = reader_vs_free<H, true>;

// §4.2 step 7, golang/go#35541: the allocator gets a new stack span and at
// once publishes a pointer into it (as copystack publishes adjusted
// pointers), and a GC worker that finds the pointer resolves it. Heap objects
// are published after mallocgc's own barrier; a stack is not, so only
// initSpan's publicationBarrier orders spans[] before the pointer. The page
// was last used by another span, whose dead struct spans[] still names.
template <class H>
class trusted_pointer : public scenario_base<H, trusted_pointer<H>> {
public:
    static constexpr std::string_view name = "trusted-pointer";
    static constexpr std::string_view summary =
        "an allocator publishes a pointer into a new stack span; a GC worker follows it (golang/go#35541)";
    static constexpr const char* writer = "allocator";
    static constexpr const char* reader = "GC worker";
    // The race (golang/go#35541) is a reordering of the allocator's stores;
    // x86 keeps stores in order, so on real threads only the model shows it.
    static constexpr stress_window window = stress_window::pointer_followed;

    explicit trusted_pointer(shape sh = trusted_pointer::default_shape, std::size_t = 0) : trusted_pointer::scenario_base(sh) {}

    void setup() {
        auto* first = this->h_.mcentralGrow(1, smallClass);
        auto* second = this->h_.mcentralGrow(1, smallClass);
        this->h_.freeSpan(first);
        this->h_.freeSpan(second);  // fixalloc hands this struct out next, for page 0
    }
    void thread(unsigned i) {
        if (i == 0) {
            auto* stack = this->h_.allocManual(1);
            const std::uintptr_t p = stack->startAddr.get() + 0x20;
            // Go's plain pointer store, which the GC reads concurrently (§12.3).
            published_.store(p, relaxed);
            H::World::step(point::publish_pointer, p);
        } else {
            // Go's reader relies on the address dependency; acquire stands in
            // for consume, which the model does not have (§12.1).
            const std::uintptr_t p = published_.load(acquire);
            H::World::step(point::load_pointer, p);
            if (p != 0) findObject(this->h_, p);
        }
    }

private:
    typename H::World::template atomic<std::uintptr_t> published_;
};

// §6, M8: a caller frees a span that still holds a live object (a bug
// freeSpanLocked exists to stop) while a GC worker marks that object. Every
// correct variant reports Go's throw "invalid free" here; a variant without
// the check frees the live object.
template <class H>
class free_live_span : public scenario_base<H, free_live_span<H>> {
public:
    static constexpr std::string_view name = "free-live-span";
    static constexpr std::string_view summary =
        "a sweeper frees a span holding a live object a GC worker marks; Go's check must refuse (invalid-free)";
    static constexpr const char* writer = "sweeper";
    static constexpr const char* reader = "GC worker";
    // Go's check (or its absence) decides the outcome, in every interleaving.
    static constexpr stress_window window = stress_window::none;

    explicit free_live_span(shape sh = free_live_span::default_shape, std::size_t = 0) : free_live_span::scenario_base(sh) {}

    // The throw is the check working. A variant without the check (M8)
    // never throws it: what it does instead (live-span-freed) is a finding.
    template <class Variant>
    static constexpr documented_violations documented() {
        return {{violation_kind::invalid_free, "Go's throw: freeSpanLocked refuses a span with allocated objects (§6)"}};
    }

    void setup() {
        live_ = this->h_.mcentralGrow(1, smallClass);
        object_ = this->h_.allocObject(live_);
    }
    void thread(unsigned i) {
        if (i == 0) {
            this->h_.freeSpan(live_);
        } else if (const auto obj = findObject(this->h_, object_); obj.base != 0) {
            greyobject(obj.base, obj.span, obj.index);
        }
    }

private:
    typename H::span* live_ = nullptr;
    std::uintptr_t object_ = 0;
};

// Catalog order is also the order `spancheck mutants` tries: the scenarios
// in which the correct protocol holds first, then those in which it fails by
// design (free-live-span: Go's throw; late-limit: 7de15e36's soft spot;
// reader-vs-free-during-mark: the rule broken).
using all = scenario_list<reader_vs_init, reader_vs_free_with_rule, trusted_pointer, free_live_span, late_limit,
                          reader_vs_free_during_mark>;

}  // namespace spancheck::publication
