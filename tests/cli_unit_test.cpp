// Rules of the command line that need no model run: how `spancheck mutants`
// counts a kill when a scenario fails by design. The protocol here is a fake
// whose executor returns canned results, so each rule is seen on its own.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/mutants.hpp"

namespace spancheck::cli {
namespace {

// Scenario "holds" holds; "by-design" fails with object-out-of-span, which it
// documents (as late-limit does for 7de15e36); "finding" fails with the same
// kind undocumented.
model::outcome canned(std::string_view, std::string_view scenario, unsigned, const model::options&) {
    model::result r;
    r.executions = 1;
    if (scenario != "holds") {
        r.violated = true;
        r.kind = "object-out-of-span";
        if (scenario == "by-design") r.documented = "Go's race (§10.1)";
    }
    return r;
}

protocol fake(const std::vector<std::string>& scenarios) {
    protocol p;
    p.name = "fake";
    for (const std::string& s : scenarios) p.scenarios.push_back({s, "", "", {}, "", "", {}});
    p.model = canned;
    return p;
}

const entry mutant{"m-late", "a mutant caught as object-out-of-span", "mutant", {"object-out-of-span"}, "", "", {}};
const model::search how = *model::parse_search("bound:1");

TEST(MutantKills, ADocumentedViolationIsNotAKillEvenWithADeclaredKind) {
    const kill k = hunt(fake({"holds", "by-design"}), mutant, how);
    EXPECT_EQ(k.outcome, kill::verdict::survived);
    EXPECT_EQ(k.documented_seen, std::vector<std::string>{"object-out-of-span on by-design"});
    std::ostringstream out;
    EXPECT_FALSE(print_mutants(out, {k}));  // the score is not 100%
    EXPECT_NE(out.str().find("SURVIVED"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("only documented violations: object-out-of-span on by-design"), std::string::npos)
        << out.str();
}

TEST(MutantKills, TheHuntGoesOnPastADocumentedViolationToAFinding) {
    const kill k = hunt(fake({"by-design", "finding"}), mutant, how);
    EXPECT_EQ(k.outcome, kill::verdict::killed);
    EXPECT_EQ(k.scenario, "finding");
    EXPECT_EQ(k.kind, "object-out-of-span");
    EXPECT_EQ(k.executions, 2u);  // both scenarios' executions count
}

// A documented violation of a kind the mutant does not declare is not a
// wrong kind either: the scenario says nothing about the mutant.
TEST(MutantKills, ADocumentedViolationOfAnotherKindIsNotAWrongKind) {
    entry other = mutant;
    other.expected = {"data-race"};
    EXPECT_EQ(hunt(fake({"by-design"}), other, how).outcome, kill::verdict::survived);
    EXPECT_EQ(hunt(fake({"finding"}), other, how).outcome, kill::verdict::wrong_kind);
}

}  // namespace
}  // namespace spancheck::cli
