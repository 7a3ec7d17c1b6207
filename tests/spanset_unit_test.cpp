// Single-threaded semantics of the span set in the real world, at Go's block
// size and at the tiny sizes the model uses.
#include <gtest/gtest.h>

#include <vector>

#include "impl/real_world.hpp"
#include "impl/spanset/spanset.hpp"
#include "impl/spanset/variants/popped.hpp"
#include "impl/spanset/variants/used.hpp"
#include "scenarios/spanset/scenarios.hpp"
#include "sequential.hpp"

namespace spancheck::spanset {
namespace {

template <class Variant, class Config>
struct fixture {
    using set_type = spanSet<real_world, Variant, Config>;
    typename set_type::blockAlloc::arena_type arena;
    typename set_type::blockAlloc pool{arena};
    set_type set{pool};
    std::vector<mspan> spans;

    explicit fixture(std::size_t n) : spans(n) {
        for (std::size_t i = 0; i < n; ++i) spans[i].id = std::int64_t(i);
    }
    void push_range(std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) set.push(&spans[i]);
    }
    std::vector<std::int64_t> pop_all() {
        std::vector<std::int64_t> out;
        while (mspan* s = set.pop()) out.push_back(s->id);
        return out;
    }
};

std::vector<std::int64_t> iota(std::size_t from, std::size_t to) {
    std::vector<std::int64_t> v;
    for (std::size_t i = from; i < to; ++i) v.push_back(std::int64_t(i));
    return v;
}

TEST(HeadTailIndex, PacksHeadHighAndTailLow) {
    constexpr headTailIndex ht = headTailIndex::make(7, 9);
    static_assert(ht.word == (std::uint64_t(7) << 32 | 9));
    EXPECT_EQ(ht.head(), 7u);
    EXPECT_EQ(ht.tail(), 9u);
}

TEST(HeadTailIndex, IncTailReturnsTheUpdatedWord) {
    atomicHeadTailIndex<real_world, variants::popped> index;
    EXPECT_EQ(index.incTail(), headTailIndex::make(0, 1));
    EXPECT_EQ(index.incTail(), headTailIndex::make(0, 2));
    ASSERT_TRUE(index.cas(headTailIndex::make(0, 2), headTailIndex::make(1, 2)));
    EXPECT_FALSE(index.cas(headTailIndex::make(0, 2), headTailIndex::make(2, 2)));
    index.reset();
    EXPECT_EQ(index.load(), headTailIndex::make(0, 0));
}

TEST(HeadTailIndex, TailWrapIsReportedAsOverflow) {
    atomicHeadTailIndex<real_world, variants::popped> index;
    ASSERT_TRUE(index.cas(headTailIndex{}, headTailIndex::make(3, 0xffffffffu)));
    EXPECT_EQ(kind_thrown_by([&] { index.incTail(); }), violation_kind::index_overflow);
}

template <class T>
class SpanSetBothVariants : public ::testing::Test {};
using variants_under_test = ::testing::Types<variants::used, variants::popped>;
TYPED_TEST_SUITE(SpanSetBothVariants, variants_under_test);

TYPED_TEST(SpanSetBothVariants, PopsInPushOrderAtGoBlockSize) {
    fixture<TypeParam, goConfig> f(1500);  // three blocks of 512
    f.push_range(0, 1500);
    EXPECT_EQ(f.pop_all(), iota(0, 1500));
    EXPECT_EQ(f.arena.blocks(), 3u);
}

TYPED_TEST(SpanSetBothVariants, EmptySetPopsNil) {
    fixture<TypeParam, spanSetConfig<2, 1>> f(0);
    EXPECT_EQ(f.set.pop(), nullptr);
}

TYPED_TEST(SpanSetBothVariants, SpineGrowsByDoublingAndKeepsOrder) {
    fixture<TypeParam, spanSetConfig<2, 1>> f(17);  // 9 blocks: the spine grows 1 → 2 → 4 → 8 → 16
    f.push_range(0, 17);
    EXPECT_EQ(f.arena.blocks(), 9u);
    EXPECT_EQ(f.set.spineLen.quiescent(), 9u);
    EXPECT_EQ(f.pop_all(), iota(0, 17));
}

TYPED_TEST(SpanSetBothVariants, DrainedBlocksAreReusedFromThePool) {
    fixture<TypeParam, spanSetConfig<4, 1>> f(8);
    f.push_range(0, 4);
    EXPECT_EQ(f.pop_all(), iota(0, 4));  // the last pop of block 0 frees it
    f.push_range(4, 8);                  // block 1 of the spine: the pooled block 0
    EXPECT_EQ(f.arena.blocks(), 1u);
    EXPECT_EQ(f.pop_all(), iota(4, 8));
}

TYPED_TEST(SpanSetBothVariants, ResetFreesThePartlyPoppedHeadBlock) {
    fixture<TypeParam, spanSetConfig<4, 1>> f(6);
    f.push_range(0, 6);  // block 0 full, block 1 half full
    EXPECT_EQ(f.pop_all(), iota(0, 6));
    f.set.reset();
    EXPECT_EQ(f.set.spineLen.quiescent(), 0u);
    EXPECT_EQ(f.set.index.quiescent(), headTailIndex{});
    f.push_range(0, 4);  // both blocks come from the pool now
    EXPECT_EQ(f.arena.blocks(), 2u);
    EXPECT_EQ(f.pop_all(), iota(0, 4));
}

TYPED_TEST(SpanSetBothVariants, ResetOfANonEmptySetIsRefused) {
    fixture<TypeParam, spanSetConfig<2, 1>> f(3);
    f.push_range(0, 3);
    f.set.pop();
    EXPECT_EQ(kind_thrown_by([&] { f.set.reset(); }), violation_kind::reset_nonempty);
}

TEST(SpanSetPopped, ResetRejectsAHeadBlockThatNobodyPopped) {
    fixture<variants::popped, spanSetConfig<2, 1>> f(3);
    f.push_range(0, 3);  // block 1 holds one span
    f.pop_all();
    f.arena.block(1)->popped.store(0, seq_cst);  // forge: as if its pop had not counted
    EXPECT_EQ(kind_thrown_by([&] { f.set.reset(); }), violation_kind::reset_unpopped);
}

TEST(SpanSetPopped, ResetRejectsAFullyPoppedBlockThatWasNotFreed) {
    fixture<variants::popped, spanSetConfig<2, 1>> f(3);
    f.push_range(0, 3);
    f.pop_all();
    f.arena.block(1)->popped.store(2, seq_cst);  // forge: all pops done, never freed
    EXPECT_EQ(kind_thrown_by([&] { f.set.reset(); }), violation_kind::reset_full);
}

TEST(SpanSetUsed, ResetRejectsAHeadBlockWithOccupiedSlots) {
    fixture<variants::used, spanSetConfig<2, 1>> f(3);
    f.push_range(0, 3);
    f.pop_all();
    f.arena.block(1)->used.store(1, seq_cst);  // forge: a slot still counted as occupied
    EXPECT_EQ(kind_thrown_by([&] { f.set.reset(); }), violation_kind::reset_used_block);
}

TEST(SpanSetUsed, AThreadThatUsesABlockAfterItsFreeIsAUseAfterFree) {
    fixture<variants::used, spanSetConfig<2, 1>> f(1);
    f.push_range(0, 1);
    auto* b = f.arena.block(0);
    real_thread::number = 1;
    b->ghost.take<real_world>();  // thread 1 has the block's pointer
    real_thread::number = setup_thread;
    f.pool.free(b);
    real_thread::number = 1;
    EXPECT_EQ(kind_thrown_by([&] { b->spans[1].load(seq_cst); }), violation_kind::use_after_free);
    real_thread::number = setup_thread;
}

TEST(SpanSetUsed, AFreeOfAPooledBlockIsReportedAtTheSecondFree) {
    fixture<variants::used, spanSetConfig<2, 1>> f(0);
    auto* b = f.pool.alloc();
    f.pool.free(b);
    EXPECT_EQ(kind_thrown_by([&] { f.pool.free(b); }), violation_kind::pool_corrupt);
}

TEST(Scenarios, MorePushersThanSlotsIsRefusedWithTheReason) {
    using H = harness<real_world, variants::popped, spanSetConfig<2, 1>>;
    EXPECT_EQ(push_pop<H>::refusal(shape{2, 2}), "");
    const std::string why = push_pop<H>::refusal(shape{3, 2});
    EXPECT_NE(why.find("3 concurrent pushers"), std::string::npos) << why;
    EXPECT_NE(why.find("§5.1"), std::string::npos) << why;
    using H4 = harness<real_world, variants::popped, spanSetConfig<4, 1>>;
    EXPECT_EQ(block_boundary<H4>::refusal(shape{3, 2}), "");
}

TYPED_TEST(SpanSetBothVariants, EveryScenarioHoldsWhenThreadsRunOneAfterAnother) {
    using H = harness<real_world, TypeParam, spanSetConfig<2, 1>>;
    all::for_harness<H>::each([](auto* tag) {
        using S = std::remove_pointer_t<decltype(tag)>;
        EXPECT_NO_THROW(run_sequentially<S>()) << S::name;
    });
}

}  // namespace
}  // namespace spancheck::spanset
