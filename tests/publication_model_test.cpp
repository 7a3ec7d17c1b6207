// Span publication under the model checker: Go's protocol and its hardening
// hold with the search completed, the Go 1.13 race and every seeded bug are
// caught with the violation they must produce, and the two places where Go's
// protocol fails by design (the late limit, the mark-phase rule) are shown.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include "impl/publication/variants/all.hpp"
#include "model_runs.hpp"

namespace spancheck::model {
namespace {

std::vector<std::string> thread_steps(const result& r) {
    std::vector<std::string> out;
    for (const auto& s : r.steps) {
        if (s.thread >= 0) out.push_back(s.who + ": " + s.what);
    }
    return out;
}

bool has_step(const result& r, const std::string& step) {
    const auto steps = thread_steps(r);
    return std::find(steps.begin(), steps.end(), step) != steps.end();
}

std::string param_name(const std::string& s) {
    std::string n = s;
    for (char& c : n) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return n;
}

// --- Go's protocol and its hardening hold ---

struct holding {
    const char* variant;
    const char* scenario;
    friend void PrintTo(const holding& h, std::ostream* os) { *os << h.variant << " on " << h.scenario; }
};
const holding holds[] = {
    {"7de15e36", "reader-vs-init"}, {"7de15e36", "reader-vs-free"}, {"7de15e36", "trusted-pointer"},
    {"hardened", "reader-vs-init"}, {"hardened", "reader-vs-free"}, {"hardened", "trusted-pointer"},
    {"hardened", "late-limit"},
};

class Holds : public ::testing::TestWithParam<holding> {};
INSTANTIATE_TEST_SUITE_P(Publication, Holds, ::testing::ValuesIn(holds), [](const auto& info) {
    return param_name(std::string(info.param.variant) + "_" + info.param.scenario);
});

TEST_P(Holds, WithTheBoundedSearchCompleted) {
    const result r = run_ok(GetParam().variant, GetParam().scenario, "bound:3");
    EXPECT_FALSE(r.violated) << r.kind << ": " << r.message;
    EXPECT_TRUE(r.exhaustive);
    EXPECT_GT(r.executions, 0u);
}

TEST_P(Holds, UnderFullSearch) {
    const result r = run_ok(GetParam().variant, GetParam().scenario, "full");
    EXPECT_FALSE(r.violated) << r.kind << ": " << r.message;
    EXPECT_TRUE(r.exhaustive);
    EXPECT_GT(r.executions, 0u);
}

// --- the Go 1.13 race and the seeded bugs are caught ---

struct caught {
    const char* variant;
    const char* scenario;  // the first scenario, in catalog order, that catches it
    const char* kind;
    const char* message;   // the violation's words (names the field for reads)
    friend void PrintTo(const caught& c, std::ostream* os) { *os << c.variant << " on " << c.scenario; }
};
const caught seeded[] = {
    {"go1.13", "reader-vs-init", "data-race",
     "data race on elemsize: scanner's read is not ordered with allocator's access to it"},
    {"m1-state-before-fields", "reader-vs-init", "data-race",
     "data race on elemsize: scanner's read is not ordered with allocator's access to it"},
    {"m2-plain-state", "reader-vs-init", "data-race",
     "data race on startAddr: scanner's read is not ordered with allocator's access to it"},
    {"m3-bounds-before-state", "reader-vs-init", "data-race",
     "data race on startAddr: scanner's read is not ordered with allocator's access to it"},
    {"m4-no-bounds-check", "reader-vs-free", "object-out-of-span",
     "scanner computed object index 144115188075855868 of span s0, outside the span (nelems 4)"},
    {"m5-no-nil-check", "reader-vs-init", "nil-dereference",
     "scanner dereferenced nil: no span (or no bitmap) for 0x1310, and no nil check"},
    {"m6-no-isfree", "reader-vs-init", "free-object-marked",
     "scanner marked free object 1 of span s0 (Go: \"marking free object\")"},
    {"m7-no-barrier", "trusted-pointer", "bad-pointer",
     "GC worker found bad pointer in Go heap: 0x1020 resolves to span s0, which is neither in use nor a stack"},
    {"m8-no-free-check", "free-live-span", "live-span-freed", "sweeper freed span s0 while it held 1 live object"},
    {"m9-plain-spans", "reader-vs-init", "data-race",
     "data race on heapArena.spans: scanner's read is not ordered with allocator's access to it"},
};

// The kinds a variant declares it must be caught with (empty: a correct variant).
std::vector<std::string> declared(const std::string& variant) {
    std::vector<std::string> kinds;
    publication::variants::all::with_name(variant, [&](auto* tag) {
        using V = std::remove_pointer_t<decltype(tag)>;
        if constexpr (requires { V::expected; }) {
            for (violation_kind k : V::expected) kinds.emplace_back(kind_name(k));
        }
    });
    return kinds;
}

class Caught : public ::testing::TestWithParam<caught> {};
INSTANTIATE_TEST_SUITE_P(Publication, Caught, ::testing::ValuesIn(seeded),
                         [](const auto& info) { return param_name(info.param.variant); });

TEST_P(Caught, WithTheViolationItDeclares) {
    const caught& c = GetParam();
    const result r = run_ok(c.variant, c.scenario, "bound:3");
    ASSERT_TRUE(r.violated);
    EXPECT_EQ(r.kind, c.kind);
    EXPECT_EQ(r.message, c.message);
    EXPECT_EQ(r.documented, "") << "a seeded bug's violation is a finding, not the scenario failing by design";
    const auto kinds = declared(c.variant);
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), r.kind), kinds.end()) << r.kind << " is not declared";
}

TEST(Publication, EveryVariantThatDeclaresKindsIsInTheCaughtTable) {
    publication::variants::all::each([](auto* tag) {
        using V = std::remove_pointer_t<decltype(tag)>;
        if constexpr (requires { V::expected; }) {
            const bool listed = std::any_of(std::begin(seeded), std::end(seeded),
                                            [](const caught& c) { return c.variant == V::name; });
            EXPECT_TRUE(listed) << V::name;
        }
    });
}

// The counterexample of the historic race tells its story: the plain state
// store lets the scanner see InUse, and its read of elemsize is not ordered
// after the allocator's write.
TEST(Publication, TheGo113TraceShowsTheScannerReadingElemsizeAfterAnUnorderedInUse) {
    const result r = run_ok("go1.13", "reader-vs-init", "bound:3");
    ASSERT_TRUE(r.violated);
    EXPECT_TRUE(has_step(r, "allocator: sets s0 state InUse"));
    EXPECT_TRUE(has_step(r, "scanner: loads s0 state: InUse"));
    ASSERT_FALSE(r.steps.empty());
    EXPECT_EQ(r.steps.back().who + ": " + r.steps.back().what, "scanner: reads elemsize: data race");
}

TEST(Publication, ReplayRunsTheGo113CounterexampleInOneExecution) {
    const result found = run_ok("go1.13", "reader-vs-init", "bound:3");
    ASSERT_TRUE(found.violated);
    const result again = run_ok("go1.13", "reader-vs-init", found.replay_search, 0, found.replay_state);
    ASSERT_TRUE(again.violated);
    EXPECT_EQ(again.executions, 1u);
    EXPECT_EQ(again.message, found.message);
    EXPECT_EQ(thread_steps(again), thread_steps(found));
}

// --- where Go's protocol fails by design ---

// §10.1: the new life's state with the old life's limit, which the caller
// rewrites only after publication.
TEST(Publication, TheLateLimitIsAKnownSoftSpotOf7de15e36) {
    const result r = run_ok("7de15e36", "late-limit", "bound:3");
    ASSERT_TRUE(r.violated);
    EXPECT_EQ(r.kind, "object-out-of-span");
    EXPECT_EQ(r.message, "scanner computed object index 2 of span s0, outside the span (nelems 2)");
    EXPECT_TRUE(has_step(r, "scanner: loads s0 state: InUse"));
    EXPECT_TRUE(has_step(r, "scanner: reads s0.limit = 0x1200"));  // the 2-page life's limit
    EXPECT_NE(r.documented.find("§10.1"), std::string::npos) << r.documented;
}

// §3.2: without "no in-use → free during mark", even the correct protocol fails.
TEST(Publication, TheMarkPhaseRuleIsLoadBearing) {
    for (const char* variant : {"7de15e36", "hardened"}) {
        const result r = run_ok(variant, "reader-vs-free-during-mark", "bound:3");
        ASSERT_TRUE(r.violated) << variant;
        EXPECT_EQ(r.kind, "free-object-marked") << variant;
        EXPECT_NE(r.documented.find("§3.2"), std::string::npos) << variant << ": " << r.documented;
    }
}

// Go's "invalid free" throw is what a correct freeSpanLocked does with a live span.
TEST(Publication, FreeingALiveSpanIsRefused) {
    for (const char* variant : {"7de15e36", "hardened"}) {
        const result r = run_ok(variant, "free-live-span", "bound:3");
        ASSERT_TRUE(r.violated) << variant;
        EXPECT_EQ(r.kind, "invalid-free") << variant;
        EXPECT_NE(r.documented.find("§6"), std::string::npos) << variant << ": " << r.documented;
    }
}

TEST(Publication, UnknownNamesAreRefusedNotRun) {
    EXPECT_TRUE(std::holds_alternative<std::string>(run_model("nope", "reader-vs-init", "bound:1")));
    EXPECT_TRUE(std::holds_alternative<std::string>(run_model("7de15e36", "nope", "bound:1")));
}

}  // namespace
}  // namespace spancheck::model
