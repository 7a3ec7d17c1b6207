// The explorer on small programs with known answers: execution counts of
// source-DPOR, SC outcomes, data races under C++ happens-before, deadlocks and
// livelocks, replay, budgets, checkpoints and roots.
#include <gtest/gtest.h>

#include <bit>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>

#include "model/explorer/explorer.hpp"
#include "model/explorer/explorer_world.hpp"

namespace spancheck::explorer {
namespace {

using W = explorer_world;

template <class P, class... A>
subject subject_of(unsigned threads, A... args) {
    return subject{[=] { return std::make_unique<P>(args...); }, threads};
}

enum class point : std::uint16_t { wrote, read, locked };

// Each thread stores to an atomic: its own (independent) or one shared by all.
struct writers : program {
    bool shared;
    W::atomic<int> x[max_threads];
    explicit writers(bool s) : shared(s) {}
    void setup() override {}
    void thread(unsigned i) override { x[shared ? 0 : i].store(int(i) + 1, seq_cst); }
    void check() override {}
};

TEST(Explorer, IndependentWritersNeedOneExecution) {
    for (unsigned n = 1; n <= 4; ++n) {
        const result r = explore(subject_of<writers>(n, false));
        EXPECT_TRUE(r.complete);
        EXPECT_FALSE(r.violated);
        EXPECT_EQ(r.executions, 1u) << n << " threads";
        EXPECT_EQ(r.blocked, 0u);
    }
}

TEST(Explorer, SharedWritersExploreEveryOrder) {
    const std::uint64_t factorial[] = {1, 1, 2, 6, 24};
    for (unsigned n = 2; n <= 4; ++n) {
        const result r = explore(subject_of<writers>(n, true));
        EXPECT_TRUE(r.complete);
        EXPECT_EQ(r.executions, factorial[n]) << n << " threads";
    }
}

// One writer, n readers: each reader reads before or after the write.
struct readers : program {
    W::atomic<int> x;
    void setup() override {}
    void thread(unsigned i) override {
        if (i == 0)
            x.store(1, seq_cst);
        else
            x.load(seq_cst);
    }
    void check() override {}
};

TEST(Explorer, IndependentReadersOfOneWrite) {
    for (unsigned readers_count = 1; readers_count <= 3; ++readers_count) {
        const result r = explore(subject_of<readers>(readers_count + 1));
        EXPECT_TRUE(r.complete);
        EXPECT_EQ(r.executions, 1u << readers_count);
    }
}

// Store buffering: x=1; r1=y || y=1; r2=x.
struct store_buffering : program {
    std::set<std::pair<int, int>>* outcomes;
    W::atomic<int> x, y;
    int r1 = -1, r2 = -1;
    explicit store_buffering(std::set<std::pair<int, int>>* o) : outcomes(o) {}
    void setup() override {}
    void thread(unsigned i) override {
        if (i == 0) {
            x.store(1, seq_cst);
            r1 = y.load(seq_cst);
        } else {
            y.store(1, seq_cst);
            r2 = x.load(seq_cst);
        }
    }
    void check() override { outcomes->insert({r1, r2}); }
};

TEST(Explorer, StoreBufferingHasExactlyTheThreeScOutcomes) {
    std::set<std::pair<int, int>> outcomes;
    const result r = explore(subject_of<store_buffering>(2, &outcomes));
    EXPECT_TRUE(r.complete);
    EXPECT_EQ(r.executions, 3u);
    EXPECT_EQ(outcomes, (std::set<std::pair<int, int>>{{0, 1}, {1, 0}, {1, 1}}));
}

// Two threads write a var; with `locking`, under a mutex.
struct shared_counter : program {
    bool locking;
    W::mutex m;
    W::var<int> counter;
    explicit shared_counter(bool l) : locking(l) {}
    void setup() override {}
    void thread(unsigned i) override {
        W::step(point::wrote, i);
        if (locking) m.lock();
        W::plain_access("counter", false, &counter);
        const int c = counter.load();
        W::plain_access("counter", true, &counter);
        counter.store(c + 1);
        if (locking) m.unlock();
    }
    void check() override {
        if (counter.load() != 2) W::fail(violation{violation_kind::span_lost});
    }
};

TEST(Explorer, UnsynchronisedWritesAreADataRaceNamingTheField) {
    const result r = explore(subject_of<shared_counter>(2, false));
    ASSERT_TRUE(r.violated);
    EXPECT_EQ(r.v.kind, violation_kind::data_race);
    EXPECT_STREQ(r.v.field, "counter");
    EXPECT_NE(r.v.thread, r.v.other);
    ASSERT_TRUE(r.race);
    EXPECT_EQ(r.race->thread, r.v.thread);
    EXPECT_EQ(r.race->other, r.v.other);
    // Thread 0 ran first (read, write), then thread 1's step and its read
    // races with thread 0's write, made after thread 0's one step record.
    EXPECT_FALSE(r.race->write);
    EXPECT_TRUE(r.race->other_write);
    EXPECT_EQ(r.race->other_step, 1u);
    EXPECT_EQ(r.race->step, 2u);
    EXPECT_EQ(r.v.a, 0);
    EXPECT_EQ(r.steps.size(), 2u);
    EXPECT_FALSE(r.complete);
}

// Thread 0 reads a var after an atomic operation, thread 1 writes it first thing.
struct read_then_write : program {
    W::atomic<int> x;
    W::var<int> v;
    void setup() override {}
    void thread(unsigned i) override {
        if (i == 0) {
            x.load(seq_cst);
            W::step(point::read);
            W::plain_access("v", false, &v);
            v.load();
        } else {
            x.load(seq_cst);
            W::plain_access("v", true, &v);
            v.store(1);
        }
    }
    void check() override {}
};

TEST(Explorer, AWriteAfterAnUnorderedReadIsADataRace) {
    const result r = explore(subject_of<read_then_write>(2));
    ASSERT_TRUE(r.violated);
    EXPECT_EQ(r.v.kind, violation_kind::data_race);
    EXPECT_STREQ(r.v.field, "v");
    EXPECT_EQ(r.v.thread, 1);
    EXPECT_EQ(r.v.other, 0);
    EXPECT_EQ(r.v.a, 1);
    ASSERT_TRUE(r.race);
    EXPECT_TRUE(r.race->write);
    EXPECT_FALSE(r.race->other_write);
    EXPECT_EQ(r.race->other_step, 1u);  // after thread 0's step record
    EXPECT_EQ(r.v.other_step, 1u);
    EXPECT_EQ(r.schedule, "ab");
}

TEST(Explorer, WritesUnderAMutexHold) {
    const result r = explore(subject_of<shared_counter>(2, true));
    EXPECT_FALSE(r.violated) << kind_name(r.v.kind);
    EXPECT_TRUE(r.complete);
    EXPECT_EQ(r.executions, 2u);  // the two orders of the critical sections
}

// Message passing: data, then a flag; the reader reads data once it sees it.
enum class mp_sync { release_acquire, relaxed, fences, rmw_continues, store_breaks };

struct message_passing : program {
    mp_sync sync;
    W::atomic<int> flag;
    W::var<int> data;
    explicit message_passing(mp_sync s) : sync(s) {}
    void setup() override {}
    void thread(unsigned i) override {
        const bool ra = sync != mp_sync::relaxed && sync != mp_sync::fences;
        if (i == 0) {
            W::plain_access("data", true, &data);
            data.store(42);
            if (sync == mp_sync::fences) W::fence(release);
            flag.store(1, ra ? release : relaxed);
        } else if (i == 1) {
            const int want = sync == mp_sync::rmw_continues || sync == mp_sync::store_breaks ? 2 : 1;
            if (flag.load(ra ? acquire : relaxed) != want) return;
            if (sync == mp_sync::fences) W::fence(acquire);
            W::plain_access("data", false, &data);
            if (data.load() != 42) W::fail(violation{violation_kind::uninitialized_read});
        } else if (sync == mp_sync::rmw_continues) {
            flag.fetch_add(1, relaxed);  // continues the release sequence of the flag's store
        } else if (flag.load(relaxed) == 1) {
            flag.store(2, relaxed);  // a plain store by another thread ends it (C++20: by any thread)
        }
    }
    void check() override {}
};

TEST(Explorer, MessagePassingWithReleaseAcquireHolds) {
    const result r = explore(subject_of<message_passing>(2, mp_sync::release_acquire));
    EXPECT_FALSE(r.violated) << kind_name(r.v.kind);
    EXPECT_TRUE(r.complete);
    EXPECT_EQ(r.executions, 2u);
}

TEST(Explorer, MessagePassingWithRelaxedFlagIsADataRace) {
    const result r = explore(subject_of<message_passing>(2, mp_sync::relaxed));
    ASSERT_TRUE(r.violated);
    EXPECT_EQ(r.v.kind, violation_kind::data_race);
    EXPECT_STREQ(r.v.field, "data");
    EXPECT_EQ(r.v.thread, 1);
    EXPECT_EQ(r.v.other, 0);
    ASSERT_TRUE(r.race);
    EXPECT_TRUE(r.race->other_write);
}

TEST(Explorer, FencesMakeARelaxedFlagSynchronise) {
    const result r = explore(subject_of<message_passing>(2, mp_sync::fences));
    EXPECT_FALSE(r.violated) << kind_name(r.v.kind);
    EXPECT_TRUE(r.complete);
}

TEST(Explorer, AnRmwContinuesTheReleaseSequence) {
    const result r = explore(subject_of<message_passing>(3, mp_sync::rmw_continues));
    EXPECT_FALSE(r.violated) << kind_name(r.v.kind);
    EXPECT_TRUE(r.complete);
}

TEST(Explorer, APlainStoreByAnotherThreadBreaksTheReleaseSequence) {
    const result r = explore(subject_of<message_passing>(3, mp_sync::store_breaks));
    ASSERT_TRUE(r.violated);
    EXPECT_EQ(r.v.kind, violation_kind::data_race);
    EXPECT_STREQ(r.v.field, "data");
}

// World::stamp / ordered_before across message passing.
struct stamps : program {
    bool acquire_release;
    std::set<bool>* seen;
    W::atomic<int> flag;
    hb_stamp first{};
    stamps(bool ar, std::set<bool>* s) : acquire_release(ar), seen(s) {}
    void setup() override {}
    void thread(unsigned i) override {
        if (i == 0) {
            first = W::stamp();
            if (!W::ordered_before(first)) W::fail(violation{violation_kind::checker_error});
            flag.store(1, acquire_release ? release : relaxed);
        } else {
            const hb_stamp mine = W::stamp();
            if (mine.thread != 1 || mine.clock == 0) W::fail(violation{violation_kind::checker_error});
            if (flag.load(acquire_release ? acquire : relaxed) == 1) seen->insert(W::ordered_before(first));
        }
    }
    void check() override {
        if (!W::ordered_before(first) || W::thread() != checks_thread) W::fail(violation{violation_kind::checker_error});
    }
};

TEST(Explorer, OrderedBeforeFollowsHappensBefore) {
    std::set<bool> with_acquire, with_relaxed;
    EXPECT_TRUE(explore(subject_of<stamps>(2, true, &with_acquire)).complete);
    EXPECT_TRUE(explore(subject_of<stamps>(2, false, &with_relaxed)).complete);
    EXPECT_EQ(with_acquire, std::set<bool>{true});
    EXPECT_EQ(with_relaxed, std::set<bool>{false});
}

// Two mutexes locked in opposite orders.
struct lock_order : program {
    W::mutex a, b;
    void setup() override {}
    void thread(unsigned i) override {
        W::mutex& first = i == 0 ? a : b;
        W::mutex& second = i == 0 ? b : a;
        locked<W::mutex> l1(first);
        W::step(point::locked, i, 1);
        locked<W::mutex> l2(second);
        W::step(point::locked, i, 2);
    }
    void check() override {}
};

TEST(Explorer, OppositeLockOrdersDeadlock) {
    const result r = explore(subject_of<lock_order>(2));
    ASSERT_TRUE(r.violated);
    EXPECT_EQ(r.v.kind, violation_kind::deadlock);
    EXPECT_TRUE(r.v.thread == 0 || r.v.thread == 1);
    // Each thread took its first lock; the unwinding after the deadlock
    // (RAII unlocks) recorded nothing.
    ASSERT_EQ(r.steps.size(), 2u);
    EXPECT_NE(r.steps[0].thread, r.steps[1].thread);
    EXPECT_EQ(r.schedule, "ab");
}

// A thread awaits a flag; `set` says whether the other thread sets it.
struct await_flag : program {
    bool set;
    W::atomic<int> flag;
    W::var<int> data;
    explicit await_flag(bool s) : set(s) {}
    void setup() override {}
    void thread(unsigned i) override {
        if (i == 0) {
            int f = flag.load(acquire);
            while (f == 0) {
                W::spin_wait();
                f = flag.load(acquire);
            }
            if (data.load() != 7) W::fail(violation{violation_kind::uninitialized_read});
        } else if (set) {
            data.store(7);
            flag.store(1, release);
        }
    }
    void check() override {}
};

TEST(Explorer, AwaitingAFlagNobodySetsIsALivelock) {
    const result r = explore(subject_of<await_flag>(2, false));
    ASSERT_TRUE(r.violated);
    EXPECT_EQ(r.v.kind, violation_kind::livelock);
    EXPECT_EQ(r.v.thread, 0);
}

TEST(Explorer, AwaitingInTheFinalChecksIsALivelock) {
    // Nobody runs beside the final checks: a wait there is forever.
    struct waits_at_end : program {
        W::atomic<int> flag;
        void setup() override {}
        void thread(unsigned) override {}
        void check() override {
            while (flag.load(seq_cst) == 0) W::spin_wait();
        }
    };
    const result r = explore(subject_of<waits_at_end>(1));
    ASSERT_TRUE(r.violated);
    EXPECT_EQ(r.v.kind, violation_kind::livelock);
    EXPECT_EQ(r.v.thread, checks_thread);
}

TEST(Explorer, ALoopThatNeverAwaitsIsAHang) {
    struct spins : program {
        W::atomic<int> flag;
        void setup() override {}
        void thread(unsigned) override {
            while (flag.load(relaxed) == 0) {
            }
        }
        void check() override {}
    };
    const result r = explore(subject_of<spins>(1));
    ASSERT_TRUE(r.violated);
    EXPECT_EQ(r.v.kind, violation_kind::hang);
}

TEST(Explorer, AwaitingAFlagThatIsSetHoldsInTwoExecutions) {
    const result r = explore(subject_of<await_flag>(2, true));
    EXPECT_FALSE(r.violated) << kind_name(r.v.kind);
    EXPECT_TRUE(r.complete);
    EXPECT_EQ(r.executions, 2u);  // the consumer reads the flag before the producer sets it, or after
}

// A Treiber stack: two pushers, one popper that pops once. Nodes are
// preallocated (no ABA).
struct treiber : program {
    struct node {
        W::var<int> value;
        W::var<node*> next;
    };
    node nodes[2];
    W::atomic<node*> top;
    int popped = -2;

    void push(node* n) {
        node* t = top.load(seq_cst);
        do {
            n->next.store(t);
        } while (!top.compare_exchange_strong(t, n, seq_cst));
    }
    int pop() {
        node* t = top.load(seq_cst);
        while (t != nullptr) {
            node* next = t->next.load();
            if (top.compare_exchange_strong(t, next, seq_cst)) return t->value.load();
        }
        return -1;
    }
    void setup() override {}
    void thread(unsigned i) override {
        if (i < 2) {
            nodes[i].value.store(int(i) + 1);
            push(&nodes[i]);
        } else {
            popped = pop();
        }
    }
    void check() override {
        // Every pushed value is either popped or still on the stack, once.
        int seen = popped > 0 ? 1 << popped : 0;
        for (node* n = top.load(seq_cst); n != nullptr; n = n->next.load()) {
            const int v = n->value.load();
            if (seen & (1 << v)) W::fail(violation{violation_kind::span_duplicated});
            seen |= 1 << v;
        }
        if (seen != 0b110) W::fail(violation{violation_kind::span_lost});
    }
};

TEST(Explorer, TreiberStackHolds) {
    const result r = explore(subject_of<treiber>(3));
    EXPECT_FALSE(r.violated) << kind_name(r.v.kind);
    EXPECT_TRUE(r.complete);
    std::printf("treiber (2 push, 1 pop): %llu executions, %llu sleep-set blocked\n",
                static_cast<unsigned long long>(r.executions), static_cast<unsigned long long>(r.blocked));
    // 20 is the number of Mazurkiewicz classes of this version (checked
    // against a search without reduction); with sleep sets no class is
    // explored twice, source-DPOR's redundancy shows as blocked executions
    // (none here). GenMC reports 18 for its version of the test, which
    // differs in its code (e.g. how pop retries).
    EXPECT_EQ(r.executions, 20u);
    EXPECT_EQ(r.blocked, 0u);
}

TEST(Explorer, ScheduleStringsRoundTrip) {
    const std::vector<std::uint8_t> choices{0, 0, 0, 1, 2, 2, 0};
    EXPECT_EQ(encode_schedule(choices), "a3bc2a");
    EXPECT_EQ(decode_schedule("a3bc2a"), choices);
    EXPECT_EQ(encode_schedule({}), "-");
    EXPECT_EQ(decode_schedule("-"), std::vector<std::uint8_t>{});
    for (const char* bad : {"", "3a", "a1", "a0", "A", "a-", "a99999999999999999999"})
        EXPECT_FALSE(decode_schedule(bad)) << bad;
    const std::vector<std::uint8_t> long_run(5000, 1);
    EXPECT_EQ(encode_schedule(long_run), "b5000");
    const root_task t{{0, 1, 1}, 0b101};
    EXPECT_EQ(t.str(), "ab2/ac");
    EXPECT_EQ(root_task::parse("ab2/ac"), t);
    EXPECT_FALSE(root_task::parse("ab2"));
}

TEST(Explorer, ReplayReproducesTheViolationInOneExecution) {
    const subject s = subject_of<shared_counter>(2, false);
    const result found = explore(s);
    ASSERT_TRUE(found.violated);
    options o;
    o.replay = found.schedule;
    const result again = explore(s, o);
    EXPECT_EQ(again.stopped_by, "") << again.error;
    EXPECT_EQ(again.executions, 1u);
    ASSERT_TRUE(again.violated);
    EXPECT_EQ(again.v.kind, found.v.kind);
    EXPECT_EQ(again.v.thread, found.v.thread);
    EXPECT_STREQ(again.v.field, found.v.field);
    EXPECT_EQ(again.schedule, found.schedule);
    ASSERT_EQ(again.steps.size(), found.steps.size());
    for (std::size_t i = 0; i < found.steps.size(); ++i) {
        EXPECT_EQ(again.steps[i].thread, found.steps[i].thread);
        EXPECT_EQ(again.steps[i].point, found.steps[i].point);
        EXPECT_EQ(again.steps[i].a, found.steps[i].a);
    }

    // The deadlock too: its schedule ends where nobody can run.
    const subject d = subject_of<lock_order>(2);
    o.replay = explore(d).schedule;
    const result deadlock = explore(d, o);
    ASSERT_TRUE(deadlock.violated);
    EXPECT_EQ(deadlock.v.kind, violation_kind::deadlock);
}

TEST(Explorer, ABadScheduleIsRefused) {
    const subject s = subject_of<shared_counter>(2, true);  // 2 threads, one lock each
    for (const char* bad : {"garbage!", "c", "a9", "a2", "ab2", "a", "aba"}) {
        options o;
        o.replay = bad;
        const result r = explore(s, o);
        EXPECT_EQ(r.stopped_by, "bad-replay") << bad;
        EXPECT_FALSE(r.error.empty()) << bad;
        EXPECT_FALSE(r.violated) << bad;
    }
    options ok;
    ok.replay = "ab";
    EXPECT_EQ(explore(s, ok).stopped_by, "");
    ok.replay = "ba";
    EXPECT_EQ(explore(s, ok).stopped_by, "");
}

TEST(Explorer, MaxExecutionsStopsTheSearchIncomplete) {
    options o;
    o.max_executions = 5;
    const result r = explore(subject_of<writers>(4, true), o);
    EXPECT_EQ(r.executions, 5u);
    EXPECT_FALSE(r.complete);
    EXPECT_EQ(r.stopped_by, "max-executions");
}

TEST(Explorer, AStopFlagInterruptsTheSearch) {
    volatile std::sig_atomic_t stop = 1;
    options o;
    o.stop = &stop;
    const result r = explore(subject_of<writers>(4, true), o);
    EXPECT_EQ(r.executions, 1u);
    EXPECT_FALSE(r.complete);
    EXPECT_EQ(r.stopped_by, "interrupted");
}

TEST(Explorer, ASecondsBudgetStopsTheSearchAndReportsProgress) {
    // 3 threads of 30 stores to one atomic: far more executions than fit in the budget.
    struct many : program {
        W::atomic<int> x;
        void setup() override {}
        void thread(unsigned) override {
            for (int k = 0; k < 30; ++k) x.store(k, relaxed);
        }
        void check() override {}
    };
    int calls = 0;
    options o;
    o.seconds = 2.5;
    o.on_progress = [&](const progress& p) {
        ++calls;
        EXPECT_GE(p.seconds, 2.0);
        EXPECT_GT(p.executions, 0u);
        EXPECT_GT(p.depth, 0u);
    };
    const result r = explore(subject_of<many>(3), o);
    EXPECT_EQ(r.stopped_by, "seconds");
    EXPECT_FALSE(r.complete);
    EXPECT_GE(calls, 1);
    EXPECT_GE(r.seconds, 2.5);
    EXPECT_EQ(r.max_depth, 90u);
}

TEST(Explorer, ABadSubjectIsRefused) {
    EXPECT_EQ(explore(subject_of<writers>(0, true)).stopped_by, "bad-subject");
    EXPECT_EQ(explore(subject_of<writers>(max_threads + 1, true)).stopped_by, "bad-subject");
    EXPECT_EQ(explore(subject{nullptr, 2}).stopped_by, "bad-subject");
}

struct temp_file {
    std::string path;
    explicit temp_file(const char* name) : path((std::filesystem::temp_directory_path() / name).string()) {
        std::filesystem::remove(path);
    }
    ~temp_file() { std::filesystem::remove(path); }
};

TEST(Explorer, CheckpointThenResumeExploresExactlyTheRest) {
    const subject s = subject_of<treiber>(3);
    const result full = explore(s);
    ASSERT_TRUE(full.complete);
    for (std::uint64_t cut : {1, 5, 9}) {
        temp_file f("explorer_test_checkpoint.json");
        options first;
        first.max_executions = cut;
        first.checkpoint_file = f.path;
        const result part = explore(s, first);
        ASSERT_EQ(part.stopped_by, "max-executions");
        ASSERT_TRUE(std::filesystem::exists(f.path));
        options rest;
        rest.resume_file = f.path;
        const result done = explore(s, rest);
        EXPECT_EQ(done.stopped_by, "") << done.error;
        EXPECT_TRUE(done.complete);
        // The counts continue the checkpoint's: the two parts together are the whole search.
        EXPECT_EQ(done.executions, full.executions) << "cut after " << cut;
        EXPECT_EQ(done.blocked, full.blocked);
    }
}

TEST(Explorer, CheckpointsOfRootsResume) {
    const subject s = subject_of<treiber>(3);
    options all;
    all.roots = enumerate_roots(s, 4);
    const result full = explore(s, all);
    ASSERT_TRUE(full.complete);
    temp_file f("explorer_test_roots.json");
    options first = all;
    first.max_executions = full.executions / 2;
    first.checkpoint_file = f.path;
    ASSERT_EQ(explore(s, first).stopped_by, "max-executions");
    options rest = all;
    rest.resume_file = f.path;
    const result done = explore(s, rest);
    EXPECT_TRUE(done.complete) << done.error;
    EXPECT_EQ(done.executions, full.executions);
    options other = rest;
    other.roots.pop_back();
    EXPECT_EQ(explore(s, other).stopped_by, "bad-checkpoint");
}

TEST(Explorer, PeriodicCheckpointsResumeToo) {
    const subject s = subject_of<writers>(4, true);
    temp_file f("explorer_test_periodic.json");
    options first;
    first.checkpoint_file = f.path;
    first.checkpoint_seconds = 0;  // after every execution
    first.max_executions = 10;
    ASSERT_EQ(explore(s, first).stopped_by, "max-executions");
    options rest;
    rest.resume_file = f.path;
    const result done = explore(s, rest);
    EXPECT_TRUE(done.complete) << done.error;
    EXPECT_EQ(done.executions, 24u);
}

TEST(Explorer, ACheckpointOfAnotherProgramIsRefused) {
    temp_file f("explorer_test_foreign.json");
    options first;
    first.max_executions = 3;
    first.checkpoint_file = f.path;
    ASSERT_EQ(explore(subject_of<treiber>(3), first).stopped_by, "max-executions");
    options rest;
    rest.resume_file = f.path;
    const result other = explore(subject_of<writers>(3, true), rest);
    EXPECT_EQ(other.stopped_by, "bad-checkpoint");
    EXPECT_FALSE(other.error.empty());
    EXPECT_EQ(explore(subject_of<shared_counter>(2, true), rest).stopped_by, "bad-checkpoint");
    std::ofstream(f.path) << "{ not json";
    EXPECT_EQ(explore(subject_of<treiber>(3), rest).stopped_by, "bad-checkpoint");
}

// Runs every root as its own search, as separate machines would.
struct parts {
    std::uint64_t executions = 0;
    bool all_complete = true;
    std::optional<violation> found;
};

parts explore_parts(const subject& s, const std::vector<root_task>& roots) {
    parts p;
    for (const root_task& t : roots) {
        options o;
        o.roots = {*root_task::parse(t.str())};
        const result r = explore(s, o);
        EXPECT_EQ(r.error, "");
        p.executions += r.executions;
        p.all_complete &= r.complete;
        if (r.violated && !p.found) p.found = r.v;
    }
    return p;
}

TEST(Explorer, RootsCoverTheWholeSearch) {
    const subject s = subject_of<treiber>(3);
    const result whole = explore(s);
    const std::vector<root_task> roots = enumerate_roots(s, 8);
    EXPECT_GE(roots.size(), 8u);
    const parts p = explore_parts(s, roots);
    EXPECT_TRUE(p.all_complete);
    EXPECT_FALSE(p.found);
    EXPECT_GE(p.executions, whole.executions);

    // All roots in one search.
    options o;
    o.roots = roots;
    const result together = explore(s, o);
    EXPECT_TRUE(together.complete);
    EXPECT_EQ(together.executions, p.executions);
}

TEST(Explorer, RootsFindTheViolation) {
    for (const subject& s : {subject_of<shared_counter>(2, false), subject_of<lock_order>(2)}) {
        const result whole = explore(s);
        ASSERT_TRUE(whole.violated);
        const parts p = explore_parts(s, enumerate_roots(s, 8));
        ASSERT_TRUE(p.found);
        EXPECT_EQ(p.found->kind, whole.v.kind);
    }
}

TEST(Explorer, ABadRootIsRefused) {
    options o;
    o.roots = {root_task{{5}, 0}};
    EXPECT_EQ(explore(subject_of<treiber>(3), o).stopped_by, "bad-root");
    o.roots = {root_task{{0, 0, 0, 0, 0, 0}, 0}};  // thread 0 has fewer operations
    EXPECT_EQ(explore(subject_of<treiber>(3), o).stopped_by, "bad-root");
}

// Programs whose outcome sets the search must reproduce exactly, against an
// exploration without partial-order reduction (enumerate_roots to the
// leaves: every enabled thread not asleep is a branch).
struct lastzero : program {  // Abdulla et al.'s benchmark, N = 2
    std::set<std::string>* outcomes;
    W::atomic<int> array[3];
    int found = -1;
    explicit lastzero(std::set<std::string>* o) : outcomes(o) {}
    void setup() override {}
    void thread(unsigned i) override {
        if (i == 0) {
            int j = 2;
            while (j > 0 && array[j].load(seq_cst) != 0) --j;
            found = j;
        } else {
            array[i].store(array[i - 1].load(seq_cst) + 1, seq_cst);
        }
    }
    void check() override {
        outcomes->insert(std::to_string(found) + ":" + std::to_string(array[1].load(seq_cst)) +
                         std::to_string(array[2].load(seq_cst)));
    }
};

struct cas_counter : program {  // two CAS-loop increments, a reader, and an await
    std::set<std::string>* outcomes;
    W::atomic<int> counter, done;
    W::mutex m;
    int seen = -1, waited = -1;
    explicit cas_counter(std::set<std::string>* o) : outcomes(o) {}
    void setup() override {}
    void thread(unsigned i) override {
        if (i < 2) {
            int c = counter.load(seq_cst);
            while (!counter.compare_exchange_strong(c, c + 1, seq_cst)) {
            }
            locked<W::mutex> l(m);
            done.fetch_add(1, seq_cst);
        } else {
            seen = counter.load(seq_cst);
            int d = done.load(seq_cst);
            while (d < 1) {
                W::spin_wait();
                d = done.load(seq_cst);
            }
            waited = counter.load(seq_cst);
        }
    }
    void check() override { outcomes->insert(std::to_string(seen) + std::to_string(waited)); }
};

template <class P>
void expect_same_outcomes(unsigned threads) {
    std::set<std::string> reduced, full;
    const result r = explore(subject_of<P>(threads, &reduced));
    EXPECT_TRUE(r.complete);
    const subject s = subject_of<P>(threads, &full);
    const std::vector<root_task> leaves = enumerate_roots(s, std::size_t(-1));
    options o;
    o.roots = leaves;
    const result all = explore(s, o);
    EXPECT_TRUE(all.complete);
    EXPECT_EQ(all.executions, leaves.size());
    EXPECT_EQ(reduced, full);
    EXPECT_LE(r.executions, all.executions);
}

TEST(Explorer, SameOutcomesAsWithoutReduction) {
    expect_same_outcomes<lastzero>(3);
    expect_same_outcomes<cas_counter>(3);
}

// Random programs against a search of every interleaving: the classes
// (Mazurkiewicz traces) the explorer visits must be all of them, once each.
struct random_program : program {
    struct op {
        int kind, loc, arg;  // kind: load, store, fetch_add, cas, locked increment, await non-zero
    };
    using spec = std::vector<std::vector<op>>;
    const spec* ops;
    std::set<std::string>* classes;
    W::atomic<int> a[3];
    W::mutex m;
    random_program(const spec* s, std::set<std::string>* c) : ops(s), classes(c) {}
    void setup() override {}
    void thread(unsigned i) override {
        int r = 0;
        for (const op& o : (*ops)[i]) {
            W::atomic<int>& x = a[o.loc];
            switch (o.kind) {
            case 0: r = x.load(seq_cst); break;
            case 1: x.store(o.arg + (r & 1), seq_cst); break;
            case 2: r = x.fetch_add(o.arg, seq_cst); break;
            case 3: x.compare_exchange_strong(r, o.arg, seq_cst); break;
            case 4: {
                locked<W::mutex> l(m);
                x.store(x.load(seq_cst) + 1, seq_cst);
                break;
            }
            default:
                r = x.load(seq_cst);
                while (r == 0) {
                    W::spin_wait();
                    r = x.load(seq_cst);
                }
            }
            if ((r & 3) == 3) break;  // control flow that depends on values
        }
    }
    // The class of this execution: each thread's operations, and the order
    // of every dependent pair of them (not the interleaving).
    void check() override {
        const auto& trace = detail::execution::current->trace();
        std::vector<std::string> threads(ops->size());
        std::set<std::string> order;
        for (std::size_t i = 0; i < trace.size(); ++i) {
            const auto& e = trace[i];
            threads[e.thread] += std::to_string(e.loc) + (e.write ? "w " : "r ");
            for (std::size_t k = 0; k < i; ++k)
                if (trace[k].thread != e.thread && trace[k].loc == e.loc && (trace[k].write || e.write))
                    order.insert(std::to_string(trace[k].thread) + "." + std::to_string(trace[k].index) + "<" +
                                 std::to_string(e.thread) + "." + std::to_string(e.index));
        }
        std::string c;
        for (const std::string& t : threads) c += t + "| ";
        for (const std::string& o : order) c += o + " ";
        classes->insert(c);
    }
};

// Runs every interleaving, without any reduction; true if one got stuck.
bool every_interleaving(const subject& s) {
    bool stuck = false;
    detail::execution x(s.threads);
    std::vector<std::pair<unsigned, detail::mask>> path;  // (thread run, enabled)
    do {
        x.start(s);
        std::size_t d = 0;
        for (; !x.violated(); ++d) {
            const detail::mask en = x.enabled();
            if (!en) {
                x.finish();
                break;
            }
            if (d == path.size()) path.push_back({unsigned(std::countr_zero(en)), en});
            x.execute(path[d].first);
        }
        stuck |= x.violated();
        x.end();
        path.resize(d);
        while (!path.empty()) {
            auto& [p, en] = path.back();
            if (const detail::mask later = en & ~((detail::mask(2) << p) - 1)) {
                p = unsigned(std::countr_zero(later));
                break;
            }
            path.pop_back();
        }
    } while (!path.empty());
    return stuck;
}

TEST(Explorer, VisitsEveryClassOfRandomProgramsOnce) {
    for (unsigned seed = 0; seed < 200; ++seed) {
        std::mt19937 g(seed);
        const unsigned n = 2 + g() % 2;
        random_program::spec ops(n);
        for (auto& t : ops)
            for (unsigned k = 1 + g() % (n == 2 ? 5 : 3); k > 0; --k)
                t.push_back({int(g() % 6), int(g() % 3), int(g() % 3)});
        std::set<std::string> explored, all;
        const result r = explore(subject_of<random_program>(n, &ops, &explored));
        const bool stuck = every_interleaving(subject_of<random_program>(n, &ops, &all));
        if (r.violated) {  // a livelock: an await nobody ends
            EXPECT_EQ(r.v.kind, violation_kind::livelock) << "seed " << seed;
            EXPECT_TRUE(stuck) << "seed " << seed;
            continue;
        }
        EXPECT_TRUE(r.complete);
        EXPECT_EQ(explored, all) << "seed " << seed;
        EXPECT_EQ(r.executions, all.size()) << "seed " << seed;
    }
}

}  // namespace
}  // namespace spancheck::explorer
