// Executions per CPU second of the explorer on small programs (one core).
//   explorer_bench [seconds per program, default 2]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "model/explorer/explorer.hpp"
#include "model/explorer/explorer_world.hpp"

namespace {

using namespace spancheck;
using namespace spancheck::explorer;
using W = explorer_world;

constexpr int ops_per_thread = 30;

// Each thread stores ops_per_thread times, to its own atomic or to one shared by all.
struct writers : program {
    bool shared;
    W::atomic<int> x[max_threads];
    explicit writers(bool s) : shared(s) {}
    void setup() override {}
    void thread(unsigned i) override {
        for (int k = 0; k < ops_per_thread; ++k) x[shared ? 0 : i].store(k, seq_cst);
    }
    void check() override {}
};

struct treiber : program {
    struct node {
        W::var<int> value;
        W::var<node*> next;
    };
    node nodes[2];
    W::atomic<node*> top;
    void setup() override {}
    void thread(unsigned i) override {
        if (i < 2) {
            node* n = &nodes[i];
            n->value.store(int(i));
            node* t = top.load(seq_cst);
            do {
                n->next.store(t);
            } while (!top.compare_exchange_strong(t, n, seq_cst));
        } else {
            node* t = top.load(seq_cst);
            while (t != nullptr && !top.compare_exchange_strong(t, t->next.load(), seq_cst)) {
            }
        }
    }
    void check() override {}
};

// Runs searches of s until `seconds` of CPU time have passed (CPU time, so
// that other load on the machine does not count).
void bench(const char* name, const subject& s, double seconds) {
    const std::clock_t c0 = std::clock();
    std::uint64_t executions = 0, blocked = 0;
    std::size_t depth = 0;
    double cpu = 0;
    do {
        options o;
        o.seconds = seconds / 4;
        const result r = explore(s, o);
        executions += r.executions;
        blocked += r.blocked;
        depth = std::max(depth, r.max_depth);
        cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
    } while (cpu < seconds);
    std::printf("%-50s %8.0f executions/s  (%llu executions, %llu blocked, depth %zu, %.1f s CPU)\n", name,
                double(executions + blocked) / cpu, static_cast<unsigned long long>(executions),
                static_cast<unsigned long long>(blocked), depth, cpu);
}

}  // namespace

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
    const auto of = [](unsigned threads, auto make) { return subject{make, threads}; };
    bench("independent writers, 3 x 30 stores (1 per search)",
          of(3, [] { return std::make_unique<writers>(false); }), seconds);
    bench("shared writers, 2 x 30 stores to one atomic", of(2, [] { return std::make_unique<writers>(true); }),
          seconds);
    bench("shared writers, 3 x 30 stores to one atomic", of(3, [] { return std::make_unique<writers>(true); }),
          seconds);
    bench("treiber stack, 2 push + 1 pop (whole searches)", of(3, [] { return std::make_unique<treiber>(); }),
          seconds);
}
