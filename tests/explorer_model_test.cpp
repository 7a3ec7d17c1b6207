// The explorer on the protocols (spancheck model --search dpor): the fixed
// set and Go's publication hold with the search completed, in the scenarios'
// default shapes and in larger ones given at run time; the historic bugs are
// caught with the story they have under Relacy; shapes Go cannot reach are
// refused with the reason; replay tokens reproduce one execution.
#include <gtest/gtest.h>

#include <string>

#include "cli/catalog.hpp"
#include "model_runs.hpp"

namespace spancheck::model {
namespace {

outcome run_shaped(const std::string& variant, const std::string& scenario, shape_request shape, unsigned slots = 0,
                   const std::string& replay = "") {
    options opt;
    opt.how = *parse_search("dpor");
    opt.replay = replay;
    opt.shape = shape;
    return cli::run_model_child(variant, scenario, slots, opt, SPANCHECK_PROGRAM);
}

result shaped_ok(const std::string& variant, const std::string& scenario, shape_request shape, unsigned slots = 0) {
    outcome out = run_shaped(variant, scenario, shape, slots);
    if (auto* refusal = std::get_if<std::string>(&out)) {
        ADD_FAILURE() << "refused: " << *refusal;
        return {};
    }
    return std::get<result>(out);
}

std::string refusal(const outcome& out) {
    const auto* why = std::get_if<std::string>(&out);
    return why ? *why : std::string("(not refused)");
}

TEST(ExplorerModel, TheCorrectVariantsHoldEverywhereTheyShouldWithTheSearchCompleted) {
    for (const cli::protocol& p : cli::protocols()) {
        for (const char* variant : {"popped", "7de15e36", "hardened"}) {
            if (cli::protocol_of_variant(variant) != &p) continue;
            for (const cli::entry& s : p.scenarios) {
                const result r = run_ok(variant, s.name, "dpor");
                EXPECT_TRUE(r.exhaustive || !r.documented.empty()) << variant << " on " << s.name;
                EXPECT_TRUE(!r.violated || !r.documented.empty()) << variant << " on " << s.name << ": " << r.message;
                EXPECT_EQ(r.engine, "explorer");
            }
        }
    }
}

// The configurations GenMC's figures are for (bench/explorer-bench prints
// the counts beside GenMC's).
struct configuration {
    const char* scenario;
    unsigned pushers, poppers, spans, slots;
};
const configuration genmc_rows[] = {
    {"two-poppers", 0, 2, 2, 2},     {"pop-until-empty", 0, 2, 2, 2}, {"two-poppers", 0, 2, 4, 4},
    {"push-pop", 1, 2, 2, 2},        {"push-pop", 1, 2, 4, 4},        {"two-poppers", 0, 3, 4, 4},
    {"push-pop", 1, 3, 4, 4},        {"push-pop", 2, 2, 2, 2},
};

shape_request request(const configuration& c) {
    shape_request r;
    if (c.pushers) r.pushers = c.pushers;
    r.poppers = c.poppers;
    r.spans = c.spans;
    return r;
}

TEST(ExplorerModel, PoppedIsProvenOnEveryRowOfGenMCsTable) {
    for (const configuration& c : genmc_rows) {
        const result r = shaped_ok("popped", c.scenario, request(c), c.slots);
        EXPECT_FALSE(r.violated) << c.scenario << ": " << r.message;
        EXPECT_TRUE(r.exhaustive) << c.scenario << " " << r.shape;
    }
}

TEST(ExplorerModel, UsedLeaksOnEveryRowItCanLeak) {
    for (const configuration& c : genmc_rows) {
        const result r = shaped_ok("used", c.scenario, request(c), c.slots);
        ASSERT_TRUE(r.violated) << c.scenario << " " << r.shape;
        EXPECT_TRUE(r.kind == "leak" || r.kind == "use-after-free" || r.kind == "premature-free")
            << c.scenario << " " << r.shape << ": " << r.kind;
    }
    const result r = shaped_ok("used", "two-poppers", {});
    EXPECT_EQ(r.message, "block 0 leaked: all 2 slots popped, never returned to the pool");
}

TEST(ExplorerModel, ShapesGoCannotReachAreRefusedWithTheReason) {
    const std::string capacity = refusal(run_shaped("popped", "push-pop", {3, 2, {}}, 2));
    EXPECT_NE(capacity.find("§5.1"), std::string::npos) << capacity;
    EXPECT_NE(refusal(run_shaped("popped", "two-poppers", {1, 2, {}})).find("has no pushers"), std::string::npos);
    EXPECT_NE(refusal(run_shaped("popped", "push-pop", {1, 8, {}}, 2)).find("at most 8 threads"), std::string::npos);
    EXPECT_NE(refusal(run_shaped("popped", "pool-aba", {{}, {}, 3})).find("moves no spans"), std::string::npos);
    EXPECT_NE(refusal(run_shaped("7de15e36", "reader-vs-free", {{}, {}, 2})).find("fixed heap"), std::string::npos);
    // Relacy's thread count is compiled in.
    options relacy;
    relacy.how = *parse_search("bound:2");
    relacy.shape.poppers = 3;
    EXPECT_NE(refusal(cli::run_model_child("popped", "two-poppers", 0, relacy, SPANCHECK_PROGRAM)).find("--search dpor"),
              std::string::npos);
}

TEST(ExplorerModel, MoreReadersAndSpansForPublication) {
    const result readers = shaped_ok("7de15e36", "reader-vs-init", {{}, 2, {}});
    EXPECT_TRUE(readers.exhaustive && !readers.violated) << readers.message;
    EXPECT_EQ(readers.shape, "1 allocator, 2 scanners");
    const result spans = shaped_ok("7de15e36", "reader-vs-init", {{}, {}, 3});
    EXPECT_TRUE(spans.exhaustive && !spans.violated) << spans.message;
    const result caught = shaped_ok("go1.13", "reader-vs-init", {{}, 2, 2});
    EXPECT_EQ(caught.kind, "data-race");
}

TEST(ExplorerModel, ReplayRunsTheSameCounterexampleInOneExecution) {
    const configuration c{"push-pop", 1, 3, 4, 4};
    const result found = shaped_ok("used", c.scenario, request(c), c.slots);
    ASSERT_TRUE(found.violated);
    ASSERT_EQ(found.replay_search, "dpor");
    const outcome again = run_shaped("used", c.scenario, request(c), c.slots, found.replay_state);
    ASSERT_TRUE(std::holds_alternative<result>(again)) << refusal(again);
    const result& r = std::get<result>(again);
    EXPECT_EQ(r.executions, 1u);
    EXPECT_EQ(r.message, found.message);
    ASSERT_EQ(r.steps.size(), found.steps.size());
    for (std::size_t i = 0; i < r.steps.size(); ++i) EXPECT_EQ(r.steps[i].what, found.steps[i].what);
    // The same token for another shape, or another variant, is refused, not followed.
    EXPECT_NE(refusal(run_shaped("used", c.scenario, {1, 2, 4}, c.slots, found.replay_state)).find("another run"),
              std::string::npos);
    EXPECT_NE(refusal(run_shaped("popped", c.scenario, request(c), c.slots, found.replay_state)).find("another run"),
              std::string::npos);
}

}  // namespace
}  // namespace spancheck::model
