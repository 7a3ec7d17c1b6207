// The two model engines agree: on every shipped variant (mutants included) and
// every scenario of its protocol, Relacy's bound:3 search and the explorer's
// dpor search give the same verdict and, for a violation the scenario does
// not document, the same kind. The explorer explores sequential consistency
// only: a bug that needs a weak-memory reordering is Relacy's alone, and is
// listed here with why.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "cli/catalog.hpp"
#include "model_runs.hpp"

namespace spancheck::model {
namespace {

struct weak_only {
    const char* variant;
    const char* scenario;
    const char* why;
};
const weak_only weak_memory_only[] = {
    {"m7-no-barrier", "trusted-pointer",
     "without publicationBarrier the allocator's stores reach the GC worker out of order (golang/go#35541): no "
     "sequentially consistent interleaving shows it"},
};

const char* weak_reason(const std::string& variant, const std::string& scenario) {
    for (const weak_only& w : weak_memory_only) {
        if (variant == w.variant && scenario == w.scenario) return w.why;
    }
    return nullptr;
}

std::string verdict(const result& r) {
    if (!r.violated) return r.exhaustive ? "holds" : "not exhaustive";
    return r.documented.empty() ? "violated: " + r.kind : "documented";
}

TEST(EnginesAgree, OnEveryShippedVariantAndScenario) {
    unsigned cells = 0;
    for (const cli::protocol& p : cli::protocols()) {
        for (const cli::entry& v : p.variants) {
            for (const cli::entry& s : p.scenarios) {
                const result relacy = run_ok(v.name, s.name, "bound:3");
                const result dpor = run_ok(v.name, s.name, "dpor");
                ++cells;
                EXPECT_TRUE(dpor.exhaustive || dpor.violated) << v.name << " on " << s.name << ": the explorer did not finish";
                if (const char* why = weak_reason(v.name, s.name)) {
                    EXPECT_TRUE(relacy.violated) << v.name << " on " << s.name << ": Relacy should catch it: " << why;
                    EXPECT_FALSE(dpor.violated) << v.name << " on " << s.name << ": listed as weak-memory only: " << why;
                    continue;
                }
                EXPECT_EQ(verdict(relacy), verdict(dpor)) << v.name << " on " << s.name;
            }
        }
    }
    EXPECT_GT(cells, 100u);
}

}  // namespace
}  // namespace spancheck::model
