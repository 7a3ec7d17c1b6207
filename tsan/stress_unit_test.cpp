// The stress executor's decisions, without threads: policies as parsed, the
// perturbation a seed decides, the arguments a re-run gets, and the steps a
// trial records for --svg.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "args.hpp"
#include "../report/bad_input.hpp"
#include "perturb.hpp"
#include "publication_window.hpp"
#include "spanset_window.hpp"
#include "step_log.hpp"

namespace spancheck::stress {
namespace {

policy parsed(std::string_view text) {
    auto p = parse_policy(text, point_names<spanset::point>());
    EXPECT_TRUE(std::holds_alternative<policy>(p)) << text << ": " << std::get<std::string>(p);
    return std::holds_alternative<policy>(p) ? std::get<policy>(p) : policy{};
}

std::string refused(std::string_view text) {
    auto p = parse_policy(text, point_names<spanset::point>());
    EXPECT_TRUE(std::holds_alternative<std::string>(p)) << text << " was accepted";
    return std::holds_alternative<std::string>(p) ? std::get<std::string>(p) : std::string();
}

constexpr std::uint16_t pop_claim = point_code(spanset::point::pop_claim);
constexpr std::uint16_t slot_load = point_code(spanset::point::slot_load);

TEST(Policy, ParsesEachForm) {
    EXPECT_EQ(parsed("none").k, policy::kind::none);
    EXPECT_EQ(parsed("random").probability, default_random_probability);
    EXPECT_EQ(parsed("random:0.25").probability, 0.25);
    EXPECT_EQ(parsed("pct:3").depth, 3u);
    EXPECT_EQ(parsed("delay:pop-claim").point, pop_claim);
    EXPECT_EQ(parsed("delay:pop-claim").text, "delay:pop-claim");
}

TEST(Policy, RefusesWhatIsNotAForm) {
    for (const char* bad : {"random:0", "random:1.5", "random:", "random:x", "pct", "pct:0", "pct:9", "pct:2x",
                            "delay", "sometimes"}) {
        EXPECT_NE(refused(bad).find("unknown --perturb policy"), std::string::npos) << bad;
    }
    EXPECT_NE(refused("delay:pop-nowhere").find("unknown point 'pop-nowhere'"), std::string::npos);
}

// The actions and requested lengths one thread draws at the given points.
std::vector<std::pair<int, std::int64_t>> random_decisions(std::uint64_t seed, std::uint64_t trial, unsigned thread) {
    const policy p = parsed("random:1");
    trial_schedule schedule(p, seed, 2);
    schedule.begin(trial);
    thread_perturbation perturbation;
    perturbation.begin(schedule, thread);
    for (std::uint16_t point : {pop_claim, slot_load, pop_claim, slot_load}) perturbation.step(point);
    std::vector<std::pair<int, std::int64_t>> out;
    for (std::size_t i = 0; i < perturbation.log().count(); ++i) {
        out.emplace_back(int(perturbation.log()[i].action), perturbation.log()[i].requested);
    }
    return out;
}

TEST(Perturbation, TheSeedTrialAndThreadDecideTheDelays) {
    const auto decided = random_decisions(7, 3, 1);
    ASSERT_EQ(decided.size(), 4u);  // probability 1: a delay at every point
    EXPECT_EQ(random_decisions(7, 3, 1), decided);
    EXPECT_NE(random_decisions(8, 3, 1), decided);
    EXPECT_NE(random_decisions(7, 4, 1), decided);
    EXPECT_NE(random_decisions(7, 3, 0), decided);
}

TEST(Perturbation, DelayStallsOneThreadAtItsLastPassCountedInTrialZero) {
    const policy p = parsed("delay:pop-claim");
    trial_schedule schedule(p, 1, 2);
    std::vector<thread_perturbation> threads(2);
    auto run_trial = [&](std::uint64_t t, unsigned passes) {
        schedule.begin(t);
        for (unsigned i = 0; i < 2; ++i) {
            threads[i].begin(schedule, i);
            for (unsigned k = 0; k < passes; ++k) {
                threads[i].step(slot_load);
                threads[i].step(pop_claim);
            }
            threads[i].finish();
        }
        schedule.end();
    };
    run_trial(0, 3);
    EXPECT_EQ(threads[0].log().count() + threads[1].log().count(), 0u) << "trial 0 only counts";
    EXPECT_EQ(schedule.calibrated_passes(), (std::vector<std::uint64_t>{3, 3}));
    for (std::uint64_t t = 1; t < 8; ++t) {
        run_trial(t, 3);
        ASSERT_EQ(threads[0].log().count() + threads[1].log().count(), 1u) << "trial " << t;
        const delay_log& stalled = threads[threads[0].log().count() ? 0 : 1].log();
        EXPECT_EQ(stalled[0].point, pop_claim);
        EXPECT_EQ(stalled[0].action, delay_action::stall);
    }
    run_trial(8, 2);  // fewer passes than in trial 0: no last pass reached
    EXPECT_EQ(threads[0].log().count() + threads[1].log().count(), 0u);
}

TEST(Perturbation, PctLowersTheThreadAtAChangePoint) {
    const policy p = parsed("pct:2");
    trial_schedule schedule(p, 5, 2);
    schedule.begin(0);
    EXPECT_NE(schedule.outranked(0), schedule.outranked(1)) << "distinct priorities";
    schedule.step_taken(0);  // trial 0 has one step, so trial 1's change point is step 1
    schedule.end();
    for (std::uint64_t t = 1; t < 6; ++t) {
        schedule.begin(t);
        const unsigned first = unsigned(t % 2);
        schedule.step_taken(first);
        EXPECT_TRUE(schedule.outranked(first)) << "trial " << t;
        EXPECT_FALSE(schedule.outranked(1 - first));
        schedule.finished(1 - first);
        EXPECT_FALSE(schedule.outranked(first)) << "nobody of higher priority runs";
    }
}

TEST(Shape, ScalesRolesInProportion) {
    constexpr shape push_pop{1, 2}, poppers{0, 2};
    static_assert(push_pop.scaled_to(2).pushers == 1 && push_pop.scaled_to(2).poppers == 1);
    static_assert(push_pop.scaled_to(9).pushers == 3 && push_pop.scaled_to(9).poppers == 6);
    static_assert(poppers.scaled_to(5).pushers == 0 && poppers.scaled_to(5).poppers == 5);
    static_assert(push_pop.roles() == 2 && poppers.roles() == 1);
}

stress_args two_poppers(unsigned slots) {
    stress_args a;
    a.variant = "used";
    a.scenario = "two-poppers";
    a.slots = slots;
    return a;
}

TEST(Arguments, ARerunGetsTheSameRequest) {
    stress_args a = two_poppers(512);
    a.threads = 4;
    a.seconds = "1.5";
    a.perturb = "delay:before-counter";
    auto first = check_stress_args(a);
    ASSERT_TRUE(std::holds_alternative<stress_request>(first)) << std::get<std::string>(first);
    const stress_request& r = std::get<stress_request>(first);
    EXPECT_EQ(r.p.roles.poppers, 4u);
    EXPECT_EQ(r.p.trials, 0u);

    stress_args again;
    CLI::App app;
    add_stress_options(app, again);
    std::vector<std::string> words = stress_arguments(r);
    std::reverse(words.begin(), words.end());  // CLI11 takes them last first
    app.parse(words);
    auto second = check_stress_args(again);
    ASSERT_TRUE(std::holds_alternative<stress_request>(second));
    EXPECT_EQ(stress_arguments(std::get<stress_request>(second)), stress_arguments(r));
}

TEST(Arguments, RefusesMorePushersThanSlots) {
    stress_args a = two_poppers(2);
    a.scenario = "push-pop";
    a.threads = 9;
    auto checked = check_stress_args(a);
    ASSERT_TRUE(std::holds_alternative<std::string>(checked));
    EXPECT_NE(std::get<std::string>(checked).find("runs 3 concurrent pushers but a block has 2 slots"), std::string::npos);
    a.slots = 4;
    a.threads = 12;  // 4 pushers
    EXPECT_TRUE(std::holds_alternative<stress_request>(check_stress_args(a)));
}

// A budget that a run could not use, or that is no number, is refused with
// the largest accepted, never clamped into a run that does not end; a seed
// is any 64-bit number, as runs print them.
TEST(Arguments, RefusesWhatIsNoBudgetOrSeed) {
    stress_args a = two_poppers(2);
    a.trials = "99999999999999999999";
    EXPECT_EQ(std::get<std::string>(check_stress_args(a)),
              "--trials 99999999999999999999 is not a count; accepted: 1 to 1000000000000000");
    a.trials.reset();
    for (const char* seconds : {"inf", "nan", "1e300", "-1", "", "1000001"}) {
        a.seconds = seconds;
        EXPECT_EQ(std::get<std::string>(check_stress_args(a)),
                  "--seconds " + std::string(seconds) +
                      " is not a duration; accepted: a number of seconds > 0, at most 1000000");
    }
    a.seconds = "1e6";
    EXPECT_TRUE(std::holds_alternative<stress_request>(check_stress_args(a)));
    a.seed = "-1";
    EXPECT_EQ(std::get<std::string>(check_stress_args(a)),
              "--seed -1 is not a seed; accepted: a whole number from 0 to 18446744073709551615");
    a.seed = "18446744073709551615";
    EXPECT_EQ(std::get<stress_request>(check_stress_args(a)).p.seed, 18446744073709551615ull);
}

TEST(Arguments, AReasonStaysOneLine) { EXPECT_EQ(report::one_line("two\npoppers\x7f"), "two\\x0apoppers\\x7f"); }

// A log keeps its thread's last steps; merged, every log is cut to where the
// log that dropped steps begins, and the steps come in the order of their times.
TEST(StepLog, KeepsTheLastStepsAndMergesThemByTime) {
    std::vector<step_log> logs(2);
    const auto pause = [] { std::this_thread::sleep_for(std::chrono::milliseconds(1)); };
    logs[1].add({1, 0, 0, 0, 0, 0});  // before what log 0 keeps: cut
    pause();
    for (std::int64_t i = 0; i < std::int64_t(step_log::capacity) + 3; ++i) logs[0].add({0, 0, i, 0, 0, 0});
    pause();
    logs[1].add({1, 0, 1, 0, 0, 0});
    EXPECT_TRUE(logs[0].dropped());
    EXPECT_EQ(logs[0][0].step.a, 3);
    const std::vector<timed_step> steps = merged(logs);
    ASSERT_EQ(steps.size(), step_log::capacity + 1);
    EXPECT_EQ(steps.front().step.a, 3);
    EXPECT_EQ(steps.back().step.thread, 1);
    EXPECT_TRUE(std::is_sorted(steps.begin(), steps.end(), [](auto& x, auto& y) { return x.at < y.at; }));
}

stress_args reader_vs_init() {
    stress_args a;
    a.variant = "go1.13";
    a.scenario = "reader-vs-init";
    return a;
}

TEST(Arguments, APublicationScenarioHasOneWriterAndNamedReaders) {
    stress_args a = reader_vs_init();
    a.threads = 3;
    a.perturb = "delay:set-state";
    auto checked = check_stress_args(a);
    ASSERT_TRUE(std::holds_alternative<stress_request>(checked)) << std::get<std::string>(checked);
    const stress_request& r = std::get<stress_request>(checked);
    EXPECT_EQ(r.protocol, "publication");
    EXPECT_EQ(r.slots, 0u);
    EXPECT_EQ(r.threads, (std::vector<std::string>{"allocator", "scanner A", "scanner B"}));
    const std::vector<std::string> words = stress_arguments(r);
    EXPECT_EQ(std::count(words.begin(), words.end(), "--slots"), 0);
}

TEST(Arguments, RefusesWhatThePublicationProtocolDoesNotHave) {
    stress_args a = reader_vs_init();
    a.slots = 2;
    EXPECT_EQ(std::get<std::string>(check_stress_args(a)), "--slots applies to the span set only, not to protocol publication");
    a = reader_vs_init();
    a.perturb = "delay:pop-claim";
    EXPECT_NE(std::get<std::string>(check_stress_args(a)).find("unknown point 'pop-claim'"), std::string::npos);
    a = reader_vs_init();
    a.scenario = "two-poppers";
    EXPECT_NE(std::get<std::string>(check_stress_args(a)).find("unknown scenario 'two-poppers' for protocol publication"),
              std::string::npos);
    a = reader_vs_init();
    a.protocol = "spanset";
    EXPECT_NE(std::get<std::string>(check_stress_args(a)).find("unknown variant 'go1.13' of protocol spanset"),
              std::string::npos);
}

// The window as the steps of one trial open it: a reader's state load hits
// it while the struct is being initialized, and not once it is published
// with its limit.
TEST(PublicationWindow, OpenFromAllocSpanUntilSpansAndLimitAreSet) {
    using publication::point;
    const auto limit = std::int64_t(publication::field_id::limit);
    publication_window w(publication::stress_window::struct_in_transition);
    auto step = [&](point p, std::int64_t a, std::int64_t b = 0, std::int64_t d = 0) {
        w.observe(point_code(p), a, b, 0, d);
    };
    w.reset();
    step(point::alloc_span, 0);
    step(point::set_spans, 0);
    step(point::set_field, 0, limit, 1);
    step(point::load_state, 0);
    EXPECT_FALSE(w.hit()) << "published, limit set";
    step(point::set_field, 0, limit, 0);  // mspan.init's placeholder closes nothing
    step(point::alloc_span, 1);
    step(point::set_spans, 1);
    step(point::load_state, 1);
    EXPECT_TRUE(w.hit()) << "spans[] set, limit not yet (§10.1)";
    w.reset();
    EXPECT_FALSE(w.hit());
    step(point::free_span, 1);
    step(point::read_field, 1);
    EXPECT_TRUE(w.hit()) << "a field read while the struct is freed";
}

TEST(PublicationWindow, TheTrustedPointerWindowIsAFollowedPointer) {
    publication_window w(publication::stress_window::pointer_followed);
    w.reset();
    w.observe(point_code(publication::point::load_pointer), 0, 0, 0, 0);
    EXPECT_FALSE(w.hit()) << "nothing published yet";
    w.observe(point_code(publication::point::load_pointer), 0x1020, 0, 0, 0);
    EXPECT_TRUE(w.hit());
    EXPECT_TRUE(w.inapplicable().empty());
    EXPECT_FALSE(publication_window(publication::stress_window::none).inapplicable().empty());
}

}  // namespace
}  // namespace spancheck::stress
