// Single-threaded semantics of span publication in the real world: what the
// writer publishes, what the readers accept, and what the ghost checks
// report, for the current protocol, its hardening and the seeded free bug.
#include <gtest/gtest.h>

#include <string_view>
#include <type_traits>

#include "impl/publication/readers.hpp"
#include "impl/publication/variants/all.hpp"
#include "impl/real_world.hpp"
#include "scenarios/publication/scenarios.hpp"
#include "sequential.hpp"

namespace spancheck::publication {
namespace {

template <class Variant>
using heap_of = mheap<real_world, Variant>;
using heap = heap_of<variants::v7de15e36>;

template <class T>
class CorrectVariants : public ::testing::Test {};
using correct_variants = ::testing::Types<variants::v7de15e36, variants::hardened>;
TYPED_TEST_SUITE(CorrectVariants, correct_variants);

TYPED_TEST(CorrectVariants, AHeapSpanIsPublishedWithItsGeometryAndLimit) {
    heap_of<TypeParam> h;
    auto* s = h.mcentralGrow(1, smallClass);
    EXPECT_EQ(s->state.get(seq_cst), mSpanInUse);
    EXPECT_EQ(s->startAddr.get(), 0x1000u);
    EXPECT_EQ(s->elemsize.get(), 0x80u);
    EXPECT_EQ(s->nelems.get(), 2u);
    EXPECT_EQ(s->limit.get(), 0x1100u);
    EXPECT_EQ(spanOf(h, 0x1090), s);
    EXPECT_EQ(spanOf(h, 0x1190), nullptr);  // a page no span covered
    EXPECT_EQ(spanOf(h, 0x2000), nullptr);  // outside the arena
}

TYPED_TEST(CorrectVariants, AStackSpanIsManualWithItsLimitAndNoObjects) {
    heap_of<TypeParam> h;
    auto* s = h.allocManual(2);
    EXPECT_EQ(s->state.get(seq_cst), mSpanManual);
    EXPECT_EQ(s->limit.get(), 0x1200u);
    EXPECT_EQ(s->nelems.get(), 0u);
    EXPECT_FALSE(spanOfHeap(h, 0x1010));        // not a heap span
    EXPECT_EQ(findObject(h, 0x1110).base, 0u);  // a stack pointer: no object, no throw
}

TYPED_TEST(CorrectVariants, EveryScenarioButTheBadFreeHoldsWhenThreadsRunOneAfterAnother) {
    using H = harness<real_world, TypeParam>;
    all::for_harness<H>::each([](auto* tag) {
        using S = std::remove_pointer_t<decltype(tag)>;
        if constexpr (S::name == "free-live-span") {
            EXPECT_EQ(kind_thrown_by([] { run_sequentially<S>(); }), violation_kind::invalid_free);
        } else {
            EXPECT_NO_THROW(run_sequentially<S>()) << S::name;
        }
    });
}

TEST(PublicationReaders, FindObjectResolvesAnInteriorPointerToItsObject) {
    heap h;
    auto* s = h.mcentralGrow(1, smallClass);
    h.allocObject(s);
    const std::uintptr_t second = h.allocObject(s);
    const auto obj = findObject(h, second + 0x10);
    EXPECT_EQ(obj.base, 0x1080u);
    EXPECT_EQ(obj.index, 1u);
    EXPECT_EQ(obj.span.s, s);
}

TEST(PublicationReaders, IsFreeSaysAllocatedBelowFreeIndexForScan) {
    heap h;
    auto* s = h.mcentralGrow(1, smallClass);
    h.allocObject(s);
    const auto v = spanOfHeap(h, 0x1000);
    ASSERT_TRUE(v);
    EXPECT_FALSE(isFree(v, 0));
    EXPECT_TRUE(isFree(v, 1));
}

TEST(PublicationReaders, AFreedSpanIsNotInUseAndADeadSpanIsABadPointer) {
    heap h;
    auto* s = h.mcentralGrow(1, smallClass);
    h.freeSpan(s);
    EXPECT_EQ(spanOf(h, 0x1010), s);  // spans[] keeps the dead struct
    EXPECT_FALSE(spanOfHeap(h, 0x1010));
    EXPECT_EQ(kind_thrown_by([&] { findObject(h, 0x1010); }), violation_kind::bad_pointer);
}

TEST(PublicationReaders, AStaleEntryToAStructReusedForOtherPagesFailsTheBoundsCheck) {
    heap h;
    auto* s = h.mcentralGrow(1, smallClass);
    h.mcentralGrow(1, smallClass);
    h.freeSpan(s);
    EXPECT_EQ(h.mcentralGrow(2, smallClass), s);  // fixalloc hands the struct out again, for pages 2-3
    EXPECT_EQ(spanOf(h, 0x1010), s);
    EXPECT_FALSE(spanOfHeap(h, 0x1010));
    EXPECT_TRUE(spanOfHeap(h, 0x1210));
}

TEST(PublicationReaders, TheConservativeScanGreysAllocatedObjectsOnly) {
    heap h;
    auto* s = h.mcentralGrow(1, smallClass);
    h.allocObject(s);
    const std::uintptr_t frame[] = {0x1010, 0x1090, 0x1310, 0x5000};  // allocated, free, no span, no arena
    EXPECT_NO_THROW(scanConservative(h, frame, 4));
}

TEST(PublicationFree, FreeSpanRefusesASpanWithLiveObjects) {
    heap h;
    auto* s = h.mcentralGrow(1, smallClass);
    h.allocObject(s);
    const violation v = thrown_by([&] { h.freeSpan(s); });
    EXPECT_EQ(v.kind, violation_kind::invalid_free);
    EXPECT_EQ(v.b, 1);  // allocCount
}

TEST(PublicationFree, WithoutTheCheckALiveSpanDies) {
    heap_of<variants::m8_no_free_check> h;
    auto* s = h.mcentralGrow(1, smallClass);
    h.allocObject(s);
    EXPECT_EQ(kind_thrown_by([&] { h.freeSpan(s); }), violation_kind::live_span_freed);
}

TEST(PublicationGhost, AFieldReadAfterTheStructWasFreedAndReusedIsForeign) {
    heap h;
    auto* s = h.mcentralGrow(1, smallClass);
    const auto v = spanOfHeap(h, 0x1010);  // validated in life 1
    ASSERT_TRUE(v);
    h.freeSpan(s);
    h.mcentralGrow(1, smallClass);  // the same struct, life 2
    const violation bad = thrown_by([&] { v.s->elemsize.read(v.validated); });
    EXPECT_EQ(bad.kind, violation_kind::foreign_field);
    EXPECT_STREQ(bad.field, "elemsize");
    EXPECT_EQ(bad.a, 2);
    EXPECT_EQ(bad.b, 1);
}

TEST(PublicationGhost, AFieldOfADeadStructIsUninitializedForItsNextLife) {
    heap h;
    auto* s = h.mcentralGrow(1, smallClass);
    h.freeSpan(s);
    const violation bad = thrown_by([&] { s->startAddr.read(0); });  // a reader that checks bounds first
    EXPECT_EQ(bad.kind, violation_kind::uninitialized_read);
    EXPECT_STREQ(bad.field, "startAddr");
}

TEST(PublicationGhost, MspanInitLeavesPlaceholdersThatAreNotInitialized) {
    heap h;
    auto* s = h.allocManual(1);  // init resets elemsize; a stack never sets it
    const violation bad = thrown_by([&] { s->elemsize.read(0); });
    EXPECT_EQ(bad.kind, violation_kind::uninitialized_read);
    EXPECT_EQ(bad.a, bad.b);  // written in this life, but only as init's placeholder
}

TEST(PublicationGo113, AFreeSpanKeepsItsRangeIntoItsNextLife) {
    heap_of<variants::go1_13> h;
    auto* s = h.mcentralGrow(1, smallClass);
    h.freeSpan(s);
    EXPECT_EQ(s->startAddr.read(0), 0x1000u);  // the free span still describes its pages
    EXPECT_EQ(h.mcentralGrow(1, smallClass), s);
    EXPECT_TRUE(spanOfHeap(h, 0x1010));
}

// --- what the scenarios document (scenarios/documented.hpp) ---

// The reason Scenario gives for a violation of kind k when it runs Variant.
template <template <class> class Scenario, class Variant>
constexpr std::string_view reason(violation_kind k) {
    return documented_reason<Scenario<harness<real_world, Variant>>, Variant>(k);
}

bool cites(std::string_view reason, std::string_view section) { return reason.find(section) != std::string_view::npos; }

TEST(PublicationDocumented, TheLateLimitIsGosRaceWhereverLimitIsSetAfterPublication) {
    EXPECT_TRUE(cites(reason<late_limit, variants::v7de15e36>(violation_kind::object_out_of_span), "§10.1"));
    EXPECT_TRUE(cites(reason<late_limit, variants::go1_13>(violation_kind::object_out_of_span), "§10.1"));
    EXPECT_TRUE(cites(reason<late_limit, variants::m6_no_isfree>(violation_kind::object_out_of_span), "§10.1"));
    // Closed by hardened; and only the kind the stale limit leads to is Go's race.
    EXPECT_EQ((reason<late_limit, variants::hardened>(violation_kind::object_out_of_span)), "");
    EXPECT_EQ((reason<late_limit, variants::v7de15e36>(violation_kind::data_race)), "");
}

TEST(PublicationDocumented, FreeingALiveSpanIsGosThrowButNeverTheFreeItself) {
    EXPECT_TRUE(cites(reason<free_live_span, variants::v7de15e36>(violation_kind::invalid_free), "§6"));
    EXPECT_TRUE(cites(reason<free_live_span, variants::hardened>(violation_kind::invalid_free), "§6"));
    // M8 skips the check: the live span it frees is a finding.
    EXPECT_EQ((reason<free_live_span, variants::m8_no_free_check>(violation_kind::live_span_freed)), "");
}

TEST(PublicationDocumented, FreeingDuringMarkFailsByDesignForEveryVariant) {
    variants::all::each([](auto* tag) {
        using V = std::remove_pointer_t<decltype(tag)>;
        EXPECT_TRUE(cites(reason<reader_vs_free_during_mark, V>(violation_kind::free_object_marked), "§3.2")) << V::name;
        EXPECT_EQ((reason<reader_vs_free_during_mark, V>(violation_kind::live_span_freed)), "") << V::name;
        EXPECT_EQ((reason<reader_vs_free_during_mark, V>(violation_kind::bad_pointer)), "") << V::name;
    });
}

// Where the correct protocol holds, any violation is a finding, for every variant.
TEST(PublicationDocumented, TheScenariosWhereGoHoldsDocumentNothing) {
    variants::all::each([](auto* tag) {
        using V = std::remove_pointer_t<decltype(tag)>;
        using H = harness<real_world, V>;
        EXPECT_TRUE((documented_violations_of<reader_vs_init<H>, V>().empty())) << V::name;
        EXPECT_TRUE((documented_violations_of<reader_vs_free_with_rule<H>, V>().empty())) << V::name;
        EXPECT_TRUE((documented_violations_of<trusted_pointer<H>, V>().empty())) << V::name;
    });
}

}  // namespace
}  // namespace spancheck::publication
