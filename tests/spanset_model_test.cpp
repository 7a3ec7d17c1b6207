// The span set under the model checker: the fixed variant holds with the
// search completed, the historic variant is caught as the leak it is.
#include <gtest/gtest.h>

#include <string>

#include "model_runs.hpp"

namespace spancheck::model {
namespace {

// Every scenario, and those in which the historic bug shows (two-pushers and
// pool-aba exercise the spine lock and the pool, not the counter).
const char* const scenarios[] = {"two-poppers",       "push-pop",    "block-boundary",
                                 "reset-after-drain", "two-pushers", "pool-aba"};
const char* const leaking_scenarios[] = {"two-poppers", "push-pop", "block-boundary", "reset-after-drain"};

std::string test_name(const ::testing::TestParamInfo<const char*>& info) {
    std::string n = info.param;
    for (char& c : n) c = c == '-' ? '_' : c;
    return n;
}

class EveryScenario : public ::testing::TestWithParam<const char*> {};
INSTANTIATE_TEST_SUITE_P(Spanset, EveryScenario, ::testing::ValuesIn(scenarios), test_name);
class LeakingScenario : public ::testing::TestWithParam<const char*> {};
INSTANTIATE_TEST_SUITE_P(Spanset, LeakingScenario, ::testing::ValuesIn(leaking_scenarios), test_name);

TEST_P(EveryScenario, PoppedHoldsWithTheBoundedSearchCompleted) {
    const result r = run_ok("popped", GetParam(), "bound:3");
    EXPECT_FALSE(r.violated) << r.kind << ": " << r.message;
    EXPECT_TRUE(r.exhaustive);
    EXPECT_GT(r.executions, 100u);  // a search, not a single schedule
}

TEST_P(LeakingScenario, UsedIsCaughtAsALeakOfBlock0) {
    const result r = run_ok("used", GetParam(), "bound:3");
    ASSERT_TRUE(r.violated);
    EXPECT_LE(r.preemptions, 3u);
    EXPECT_EQ(r.kind, "leak");
    EXPECT_EQ(r.message, "block 0 leaked: all 2 slots popped, never returned to the pool");
}

TEST(SpansetModel, PoppedHoldsUnderFullSearchOfTheReproducer) {
    const result r = run_ok("popped", "two-poppers", "full");
    EXPECT_FALSE(r.violated) << r.message;
    EXPECT_TRUE(r.exhaustive);
    EXPECT_GT(r.executions, 100000u);
}

TEST(SpansetModel, PoppedHoldsWithFourSlotsPerBlock) {
    for (const char* s : scenarios) {
        const result r = run_ok("popped", s, "bound:2", 4);
        EXPECT_FALSE(r.violated) << s << ": " << r.message;
        EXPECT_TRUE(r.exhaustive) << s;
    }
}

TEST(SpansetModel, UsedLeaksWithFourSlotsPerBlock) {
    const result r = run_ok("used", "two-poppers", "bound:2", 4);
    ASSERT_TRUE(r.violated);
    EXPECT_EQ(r.kind, "leak");
    EXPECT_EQ(r.message, "block 0 leaked: all 4 slots popped, never returned to the pool");
}

// The counterexample tells the commit message's story: both poppers claim
// their slot before either updates the counter, the owner of the last slot
// decrements first and sees non-zero, the other reaches zero but does not own
// the last slot.
TEST(SpansetModel, TheLeakTraceIsTheCommitMessageInterleaving) {
    const result r = run_ok("used", "two-poppers", "bound:3");
    ASSERT_TRUE(r.violated);
    std::vector<std::string> threads_part;
    for (const auto& s : r.steps) {
        if (s.thread >= 0) threads_part.push_back(s.who + ": " + s.what);
    }
    const std::vector<std::string> expected = {
        "popper A: claims slot 0 of block 0 (index 0)",
        "popper A: takes span s0 from slot 0 of block 0",
        "popper A: clears slot 0 of block 0",
        "popper B: claims slot 1 of block 0 (index 1)",
        "popper B: takes span s1 from slot 1 of block 0",
        "popper B: clears slot 1 of block 0",
        "popper B: used 2→1 on block 0",
        "popper B: returns without freeing block 0 (it holds slot 1, the last of 2)",
        "popper A: used 1→0 on block 0",
        "popper A: returns without freeing block 0 (it holds slot 0 of 2)",
    };
    EXPECT_EQ(threads_part, expected);
}

TEST(SpansetModel, ReplayRunsTheSameCounterexampleInOneExecution) {
    const result found = run_ok("used", "block-boundary", "bound:3");
    ASSERT_TRUE(found.violated);
    ASSERT_FALSE(found.replay_state.empty());
    EXPECT_EQ(found.replay_search, "bound:1");  // the deepening search found it at the lowest bound
    const result again = run_ok("used", "block-boundary", found.replay_search, 2, found.replay_state);
    ASSERT_TRUE(again.violated);
    EXPECT_EQ(again.executions, 1u);
    EXPECT_EQ(again.message, found.message);
    ASSERT_EQ(again.steps.size(), found.steps.size());
    for (std::size_t i = 0; i < found.steps.size(); ++i) EXPECT_EQ(again.steps[i].what, found.steps[i].what);
}

TEST(SpansetModel, TheSameCommandGivesTheSameCounterexample) {
    for (const char* variant : {"used", "m2-free-on-last-slot", "m6-claim-fetch-add"}) {
        for (const char* scenario : {"push-pop", "reset-after-drain"}) {
            const result a = run_ok(variant, scenario, "bound:3");
            const result b = run_ok(variant, scenario, "bound:3");
            ASSERT_EQ(a.violated, b.violated) << variant << " " << scenario;
            EXPECT_EQ(a.kind, b.kind);
            EXPECT_EQ(a.executions, b.executions);
            EXPECT_EQ(a.replay_state, b.replay_state);
            ASSERT_EQ(a.steps.size(), b.steps.size());
            for (std::size_t i = 0; i < a.steps.size(); ++i) EXPECT_EQ(a.steps[i].what, b.steps[i].what);
        }
    }
}

TEST(SpansetModel, AReplayStateOfAnotherVariantIsRefused) {
    const result found = run_ok("used", "two-poppers", "bound:3");
    const outcome other = run_model("popped", "two-poppers", found.replay_search, 2, found.replay_state);
    ASSERT_TRUE(std::holds_alternative<std::string>(other));
    EXPECT_NE(std::get<std::string>(other).find("was printed for another run"), std::string::npos);
}

TEST(SpansetModel, RandomSearchIsDeterministicForASeedAndNeverExhaustive) {
    const result a = run_ok("used", "two-poppers", "random:500@7");
    const result b = run_ok("used", "two-poppers", "random:500@7");
    ASSERT_TRUE(a.violated);
    EXPECT_FALSE(a.exhaustive);
    EXPECT_EQ(a.executions, b.executions);
    EXPECT_EQ(a.replay_state, b.replay_state);
    const result holds = run_ok("popped", "push-pop", "random:200");
    EXPECT_FALSE(holds.violated);
    EXPECT_FALSE(holds.exhaustive);
    EXPECT_EQ(holds.executions, 200u);
}

TEST(SpansetModel, UnknownNamesAreRefusedNotRun) {
    EXPECT_TRUE(std::holds_alternative<std::string>(run_model("nope", "two-poppers", "bound:1")));
    EXPECT_TRUE(std::holds_alternative<std::string>(run_model("popped", "nope", "bound:1")));
}

TEST(Search, ParsesEveryFormAndRejectsTheRest) {
    EXPECT_EQ(parse_search("bound:2")->text(), "bound:2");
    EXPECT_EQ(parse_search("full")->text(), "full");
    EXPECT_EQ(parse_search("random:10")->text(), "random:10@0");
    EXPECT_EQ(parse_search("random:10@3")->text(), "random:10@3");
    for (const char* bad : {"", "bound:", "bound:0", "bound:9", "bound:x", "random:0", "random:", "random:5@", "rand",
                            "full:1"}) {
        EXPECT_FALSE(parse_search(bad).has_value()) << bad;
    }
}

}  // namespace
}  // namespace spancheck::model
