// spancheck-picture-sample PAGE.html PICTURE.svg
//
// Writes a sample verdict page (2 scenarios × 3 executors, one counterexample:
// the block leak of the span set's `used` counter that Go's 39380e8e fixed)
// and that counterexample's SVG on its own. The browser test renders the page.
#include "pictures/picture.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>

namespace pictures = spancheck::pictures;

namespace {

pictures::picture leak() {
    pictures::picture p;
    p.title = "block 0 leaked: all 2 slots popped, never returned to the pool";
    p.kind = "leak";
    p.subtitle = "used on two-poppers (spanset, 2 slots per block) \xC2\xB7 model bound:1";
    p.lanes = {"popper A", "popper B"};
    const int a = 0, b = 1;
    p.steps = {
        {pictures::setup_lane, "pushes span s0 into slot 0 of block 0: used 0\xE2\x86\x92" "1"},
        {pictures::setup_lane, "pushes span s1 into slot 1 of block 0: used 1\xE2\x86\x92" "2"},
        {a, "claims slot 0 of block 0 (index 0)"},
        {a, "takes span s0 from slot 0 of block 0"},
        {b, "claims slot 1 of block 0 (index 1)"},
        {b, "takes span s1 from slot 1 of block 0"},
        {b, "used 2\xE2\x86\x92" "1 on block 0: returns without freeing"},
        {a, "used 1\xE2\x86\x92" "0 on block 0, slot 0 is not the last: returns without freeing"},
        {pictures::checks_lane, "finds the set empty (head 2, tail 2), returns nil"},
        {pictures::checks_lane, "block 0 leaked: all 2 slots popped, neither in the pool nor reachable"},
    };
    p.breaking = 9;
    p.joined = {{6, 7}};
    p.replay = "build/spancheck model --variant used --scenario two-poppers --slots 2 --search bound:1 "
               "--replay 2,9,2,0,0,2,0,0,2,0,0,2,0,0,2,0,0,2,0,0,2,0,0,2,0,0,2,1,0";
    return p;
}

constexpr const char* narrative =
    "VIOLATED: block 0 leaked: all 2 slots popped, never returned to the pool  [leak]\n"
    "  used on two-poppers (spanset, 2 slots per block)\n"
    "\n"
    "Interleaving, one protocol step a line, in the order the steps happened:\n"
    "   1  setup         pushes span s0 into slot 0 of block 0: used 0\xE2\x86\x92" "1\n"
    "   2  setup         pushes span s1 into slot 1 of block 0: used 1\xE2\x86\x92" "2\n"
    "   3  popper A      claims slot 0 of block 0 (index 0)\n"
    "   4  popper A      takes span s0 from slot 0 of block 0\n"
    "   5  popper B      claims slot 1 of block 0 (index 1)\n"
    "   6  popper B      takes span s1 from slot 1 of block 0\n"
    "   7  popper B      used 2\xE2\x86\x92" "1 on block 0: returns without freeing\n"
    "   8  popper A      used 1\xE2\x86\x92" "0 on block 0, slot 0 is not the last: returns without freeing\n"
    "   9  final checks  finds the set empty (head 2, tail 2), returns nil\n"
    "  10  final checks  block 0 leaked: all 2 slots popped, neither in the pool nor reachable\n"
    "\n"
    "Found after 3 executions in 0.3 ms (search bound:2; found at bound 1).\n"
    "Replay: build/spancheck model --variant used --scenario two-poppers --slots 2 --search bound:1 "
    "--replay 2,9,2,0,0,2,0,0,2,0,0,2,0,0,2,0,0,2,0,0,2,0,0,2,0,0,2,1,0\n";

pictures::matrix page() {
    pictures::matrix m;
    m.title = "spancheck check: used (spanset), quick";
    m.subtitle = "every scenario of the span set under every executor, each cell in a child process; against popped";
    m.columns = {"model bound:2", "stress", "stress-tsan"};

    pictures::cell model{"VIOLATED: leak", "violated", leak(), narrative, "", ""};
    pictures::cell stress{"VIOLATED: leak", "violated", std::nullopt,
                          "VIOLATED: block 0 leaked: all 2 slots popped, never returned to the pool  [leak]\n"
                          "  used on two-poppers (spanset, 2 slots per block), 2,000 trials, --perturb pct:2 --seed 1\n"
                          "\n"
                          "First seen in trial 17 (0.4 ms); 312 of 2,000 trials leaked a block.\n",
                          "build/spancheck stress --variant used --scenario two-poppers --trials 2000 "
                          "--perturb pct:2 --seed 1",
                          ""};
    pictures::cell tsan{"VIOLATED: leak", "violated", std::nullopt, "", "", ""};
    m.rows.push_back({"two-poppers", {model, stress, tsan}});

    pictures::cell holds{"holds (1,204, bound:2)", "holds", std::nullopt, "", "", ""};
    pictures::cell stress_holds{"holds (2,000 trials)", "holds", std::nullopt, "", "", ""};
    pictures::cell inconclusive{"inconclusive (0 of 1,000 hit)", "inconclusive", std::nullopt, "", "",
                                "no trial reached the race window: no violation, but nothing shown"};
    m.rows.push_back({"push-pop", {holds, stress_holds, inconclusive}});

    m.notes = {"Against popped: newly broken: two-poppers \xC3\x97 model bound:2, two-poppers \xC3\x97 stress, "
               "two-poppers \xC3\x97 stress-tsan.",
               "Exit 1: a cell is violated."};
    return m;
}

bool write(const char* path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    out.close();
    if (!out) {
        std::cerr << "spancheck-picture-sample: cannot write " << path << "\n";
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: spancheck-picture-sample PAGE.html PICTURE.svg\n";
        return 2;
    }
    if (!write(argv[1], pictures::html(page())) || !write(argv[2], pictures::svg(leak()))) return 1;
    return 0;
}
