#include "executor.hpp"

#include <atomic>
#include <map>
#include <optional>

#include "../impl/real_world.hpp"
#include "delays.hpp"
#include "perturb.hpp"
#include "race_reports.hpp"
#include "step_log.hpp"
#include "workers.hpp"

namespace spancheck::stress {

namespace {

// Thrown into a thread still spinning after another thread of its trial
// raised a violation: the trial's outcome is already decided.
struct trial_abandoned {};

// What the step and spin hooks of one thread reach (real_thread's hooks are
// plain function pointers, so through a thread_local). The main thread, in
// setup and final checks, has the spin hook (those pop too, and may hang),
// and the step hook only to record its steps (--svg).
struct worker_hooks {
    race_window* window = nullptr;
    thread_perturbation* perturbation = nullptr;  // null on the main thread
    const std::atomic<bool>* abandoned = nullptr;
    stress_clock::time_point deadline;
    unsigned spins = 0;
    step_log* log = nullptr;  // null: steps are not recorded

    static inline thread_local worker_hooks* current = nullptr;

    static void on_step(std::uint16_t code, std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d) {
        worker_hooks& h = *current;
        if (h.log) h.log->add({std::int16_t(real_thread::number), code, a, b, c, d});
        if (!h.perturbation) return;
        h.window->observe(code, a, b, c, d);
        h.perturbation->step(code);
    }

    static void on_spin() {
        worker_hooks& h = *current;
        if (h.perturbation) h.perturbation->spinning();
        if (h.abandoned->load(std::memory_order_relaxed)) throw trial_abandoned{};
        if (++h.spins % 256 == 0 && stress_clock::now() > h.deadline) {
            throw violation_raised{violation{violation_kind::hang, real_thread::number}};
        }
    }
};

class executor {
public:
    executor(const plan& p, const subject& s)
        : plan_(p),
          subject_(s),
          threads_(p.roles.threads()),
          schedule_(p.perturbation, p.seed, threads_),
          perturbation_(threads_),
          hooks_(threads_),
          logs_(p.trace ? threads_ + 1 : 0),
          pool_(threads_, [this](unsigned i) { work(i); }) {}

    result run() {
        set_race_sink(&races_);
        result r;
        r.executor = executor_name;
        r.policy = plan_.perturbation.text;
        r.seed = plan_.seed;
        for (unsigned i = 0; i < threads_; ++i) r.threads.push_back(subject_.names(int(i)));
        r.window = std::string(subject_.window.definition());
        r.window_inapplicable = std::string(subject_.window.inapplicable());
        std::map<violation_kind, outcome_count> violated;
        violation_kind first_kind{};
        const auto t0 = stress_clock::now();
        auto elapsed = [&] { return std::chrono::duration<double>(stress_clock::now() - t0).count(); };
        double next_progress = 2;
        for (std::uint64_t t = 0; plan_.trials ? t < plan_.trials : elapsed() < plan_.seconds; ++t) {
            if (plan_.stop && *plan_.stop) {
                r.stopped_by = "interrupted";
                break;
            }
            const std::optional<violation> v = trial(t);
            ++r.trials;
            r.window_hits += subject_.window.hit();
            if (plan_.on_progress && elapsed() >= next_progress) {
                next_progress = elapsed() + 1;
                plan_.on_progress({r.trials, r.window_hits, elapsed()});
            }
            if (!v) continue;
            outcome_count& row = violated[v->kind];
            if (row.trials++ == 0) row.example = describe(*v, subject_.names);
            // A hang costs the whole hang budget; once is enough to know.
            const bool stop = plan_.stop_at_first || v->kind == violation_kind::hang;
            if (!r.violated) {
                first_kind = v->kind;
                r.violated = true;
                r.kind = std::string(kind_name(v->kind));
                r.message = describe(*v, subject_.names);
                r.trial = t;
                r.seconds_to_violation = elapsed();
                record_delays(r);
                if (!logs_.empty()) record_steps(r, v->thread);
            }
            if (stop) break;
        }
        r.seconds = elapsed();
        r.outcomes.push_back({"ok", r.trials, true, {}, {}});
        bool all_documented = true;
        for (const auto& [kind, row] : violated) {
            r.outcomes.front().trials -= row.trials;
            r.outcomes.push_back(
                {std::string(kind_name(kind)), row.trials, false, row.example, std::string(subject_.documented(kind))});
            all_documented = all_documented && !r.outcomes.back().documented.empty();
        }
        if (r.violated && all_documented) r.documented = std::string(subject_.documented(first_kind));
        r.policy_note = calibration();
        set_race_sink(nullptr);
        return r;
    }

private:
    // One trial, on the main thread; its first violation, if any.
    std::optional<violation> trial(std::uint64_t t) {
        decided_.store(false);
        abandoned_.store(false);
        subject_.window.reset();
        schedule_.begin(t);
        scenario_.reset();  // the last trial's, before the next one allocates
        scenario_ = subject_.make(plan_.roles);
        for (step_log& log : logs_) log.clear();
        main_hooks_ = {nullptr, nullptr, &abandoned_, stress_clock::now() + hang_budget, 0, main_log()};
        worker_hooks::current = &main_hooks_;
        real_thread::on_spin = &worker_hooks::on_spin;
        if (main_hooks_.log) real_thread::on_step = &worker_hooks::on_step;
        real_thread::number = setup_thread;
        if (guarded([&] { scenario_->setup(); })) {
            deadline_ = stress_clock::now() + hang_budget;
            pool_.run_trial();
            schedule_.end();
            main_hooks_.deadline = stress_clock::now() + hang_budget;
            real_thread::number = checks_thread;
            if (!decided_.load()) guarded([&] { scenario_->check(); });
        }
        real_thread::on_spin = nullptr;
        real_thread::on_step = nullptr;
        if (!decided_.load()) return std::nullopt;
        return first_;
    }

    // Worker i's part of a trial.
    void work(unsigned i) {
        worker_hooks& h = hooks_[i];
        h = {&subject_.window, &perturbation_[i], &abandoned_, deadline_, 0, logs_.empty() ? nullptr : &logs_[i]};
        worker_hooks::current = &h;
        perturbation_[i].begin(schedule_, i);
        real_thread::number = int(i);
        real_thread::on_step = &worker_hooks::on_step;
        real_thread::on_spin = &worker_hooks::on_spin;
        pool_.gate();
        perturbation_[i].start();
        guarded([&] { scenario_->thread(i); });
        perturbation_[i].finish();
        real_thread::on_step = nullptr;
        real_thread::on_spin = nullptr;
    }

    // Runs f; a violation it raises becomes the trial's outcome if it is the first.
    template <class F>
    bool guarded(F f) {
        try {
            f();
            return true;
        } catch (const violation_raised& e) {
            if (!decided_.exchange(true)) first_ = e.what;
            abandoned_.store(true);
        } catch (const trial_abandoned&) {
        }
        return false;
    }

    void record_delays(result& r) const {
        for (unsigned i = 0; i < threads_; ++i) {
            const delay_log& log = perturbation_[i].log();
            r.delays_in_trial += log.count();
            for (std::size_t k = 0; k < log.shown(); ++k) {
                const delay_record& d = log[k];
                r.delays.push_back({subject_.names(int(i)), d.point == start_point ? "start" : subject_.points.at(d.point),
                                    std::string(action_name(d.action)), d.requested, d.took});
            }
        }
    }

    // The main thread's log: the last one (the workers' come by thread number).
    step_log* main_log() { return logs_.empty() ? nullptr : &logs_.back(); }

    // The trial's steps in words, in the order of the threads' clocks; a
    // thread that repeats itself (a spin on a nil slot) is one line. The
    // violation's thread's last step is where the invariant broke.
    void record_steps(result& r, int violating_thread) const {
        const std::vector<timed_step> steps = merged(logs_);
        std::uint64_t taken = 0;
        for (const step_log& log : logs_) taken += log.taken();
        r.steps_left_out = taken - steps.size();
        std::string last;  // the last line's words, before any count
        unsigned repeats = 1;
        for (const timed_step& s : steps) {
            std::string what = subject_.narrate(s.step);
            if (what.empty()) continue;
            if (!r.steps.empty() && r.steps.back().thread == s.step.thread && what == last) {
                r.steps.back().what = what + " (" + std::to_string(++repeats) + " times)";
                continue;
            }
            last = what;
            repeats = 1;
            const std::int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(s.at - steps.front().at).count();
            r.steps.push_back({s.step.thread, subject_.names(s.step.thread), std::move(what), ns});
            if (s.step.thread == violating_thread) r.breaking = r.steps.size() - 1;
        }
    }

    // What the policy learnt in trial 0.
    std::string calibration() const {
        switch (plan_.perturbation.k) {
        case policy::kind::pct:
            return "change points drawn over the " + std::to_string(schedule_.calibrated_steps()) + " steps of trial 0";
        case policy::kind::delay: {
            std::string passes;
            for (unsigned i = 0; i < threads_; ++i) {
                passes += (i ? ", " : "") + subject_.names(int(i)) + " " +
                          std::to_string(schedule_.calibrated_passes()[i]);
            }
            return "a drawn thread stalls " + std::to_string(stall_ns / 1000) +
                   " µs at its last pass, as counted in trial 0 (" + passes + ")";
        }
        default: return {};
        }
    }

    const plan& plan_;
    const subject& subject_;
    const unsigned threads_;
    trial_schedule schedule_;
    std::vector<thread_perturbation> perturbation_;
    std::vector<worker_hooks> hooks_;
    worker_hooks main_hooks_;
    std::vector<step_log> logs_;  // --svg: one per worker, then the main thread's; none otherwise
    std::unique_ptr<trial_scenario> scenario_;
    stress_clock::time_point deadline_;
    std::atomic<bool> abandoned_{false};
    // The trial's first violation: whoever sets decided_ first writes first_
    // (a thread's violation, or a ThreadSanitizer report); read after the trial.
    std::atomic<bool> decided_{false};
    violation first_{};
    const race_sink races_{&decided_, &first_, &abandoned_};
    workers pool_;  // last: its threads use everything above
};

}  // namespace

result run_trials(const plan& p, const subject& s) { return executor(p, s).run(); }

}  // namespace spancheck::stress
