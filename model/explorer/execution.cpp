#include "model/explorer/execution.hpp"

#include <algorithm>
#include <cstring>
#include <exception>
#include <utility>

namespace spancheck::explorer::detail {

namespace {

constexpr std::size_t stack_size = 256 * 1024;

bool acquires(std::memory_order mo) {
    return mo == std::memory_order_acquire || mo == std::memory_order_consume || mo == std::memory_order_acq_rel ||
           mo == std::memory_order_seq_cst;
}

bool releases(std::memory_order mo) {
    return mo == std::memory_order_release || mo == std::memory_order_acq_rel || mo == std::memory_order_seq_cst;
}

// A failed cas only loads; C++ gives it the order stripped of its release part.
std::memory_order failure_order(std::memory_order mo) {
    if (mo == std::memory_order_acq_rel) return std::memory_order_acquire;
    if (mo == std::memory_order_release) return std::memory_order_relaxed;
    return mo;
}

void join(clock& into, const clock& c) {
    for (std::size_t i = 0; i < max_threads; ++i) into[i] = std::max(into[i], c[i]);
}

// Violation names are short: violation::field holds 23 characters.
void set_field(violation& v, const char* text) {
    const std::size_t n = std::min(std::strlen(text), sizeof v.field - 1);
    std::memcpy(v.field, text, n);
    v.field[n] = '\0';
}

stack_pool& stacks() {
    static thread_local stack_pool pool(stack_size);
    return pool;
}

// Hands out stacks from the pool; boost::context stores a copy in the fiber.
struct pooled_stack {
    boost::context::stack_context allocate() { return stacks().take(); }
    void deallocate(boost::context::stack_context& sc) noexcept { stacks().give(sc); }
};

}  // namespace

stack_pool::~stack_pool() {
    for (auto& sc : free_) alloc_.deallocate(sc);
}

boost::context::stack_context stack_pool::take() {
    if (free_.empty()) return alloc_.allocate();
    const auto sc = free_.back();
    free_.pop_back();
    return sc;
}

void execution::location::reset() {
    rel = {};
    version = 0;
    held = false;
    last_write = last_lock = none;
    reads.clear();
    write = {};
    readers = 0;
    name = nullptr;
}

execution::execution(unsigned threads) : n_(threads) {
    trace_.reserve(1024);
    steps_.reserve(1024);
    races_.reserve(16);
}

execution::~execution() { end(); }

void execution::start(const subject& s) {
    current = this;
    phase_ = phase::setup;
    nlocs_ = 0;
    trace_.clear();
    steps_.clear();
    violated_ = has_race_ = false;
    violation_ = {};
    for (unsigned i = 0; i < n_; ++i) {
        thread_state& t = threads_[i];
        t.op = {};
        t.finished = t.awaiting = false;
        t.last_read = t.last_event = none;
        t.hb = t.acquired = t.fence_release = t.dpor = {};
        t.hb[i] = 1;  // epochs start at 1, so that 0 means "nothing of this thread"
        t.note = {};
    }
    guarded([&] {
        program_ = s.make();
        program_->setup();
    });
    if (violated_) return;
    phase_ = phase::threads;
    for (unsigned i = 0; i < n_ && !violated_; ++i) start_fiber(i);
}

template <class F>
void execution::guarded(F&& f) {
    // A fiber being destroyed unwinds with boost's forced_unwind, which is no
    // std::exception: it passes through.
    try {
        f();
    } catch (const execution_ended&) {
    } catch (const std::exception& e) {
        violation v{};
        v.kind = violation_kind::crash;
        v.thread = thread();
        set_field(v, e.what());
        report(v);
    }
}

void execution::start_fiber(unsigned i) {
    threads_[i].fiber = boost::context::fiber(
        std::allocator_arg, pooled_stack{}, [this, i](boost::context::fiber&& sink) {
            threads_[i].sink = std::move(sink);
            guarded([&] { program_->thread(i); });
            threads_[i].finished = true;
            return std::move(threads_[i].sink);
        });
    resume(i);
}

void execution::resume(unsigned p) {
    running_ = p;
    threads_[p].fiber = std::move(threads_[p].fiber).resume();
}

void execution::stop(const pending_op& op) {
    thread_state& t = threads_[running_];
    if (t.awaiting && op.loc != t.await_loc) {
        // The search relies on it: the write that wakes the thread is then
        // a dependence of the operation it is woken for.
        violation v{};
        v.kind = violation_kind::checker_error;
        v.thread = int(running_);
        set_field(v, "spin_wait: reload other");
        fail(v);
    }
    t.op = op;
    t.sink = std::move(t.sink).resume();
}

mask execution::enabled() const {
    mask m = 0;
    for (unsigned q = 0; q < n_; ++q) {
        const thread_state& t = threads_[q];
        if (t.finished) continue;
        if (t.awaiting && locs_[t.await_loc].version == t.await_version) continue;
        if (t.op.ready && !t.op.ready(*t.op.cell)) continue;
        if (t.op.kind == op_kind::lock && locs_[t.op.loc].held) continue;
        m |= mask(1) << q;
    }
    return m;
}

bool execution::dependent(unsigned p, unsigned q) const {
    const pending_op& a = threads_[p].op;
    const pending_op& b = threads_[q].op;
    return a.loc == b.loc && (a.writes() || b.writes());
}

std::uint32_t execution::execute(unsigned p) {
    thread_state& t = threads_[p];
    const pending_op op = t.op;
    const bool w = op.writes();
    location& l = locs_[op.loc];
    const auto j = std::uint32_t(trace_.size());
    clock hb = t.dpor;
    // A race: an earlier dependent event of another thread that does not
    // already happen before this one through the thread's own past.
    races_.clear();
    const auto consider = [&](std::uint32_t i) {
        const event& e = trace_[i];
        if (e.thread != p && t.dpor[e.thread] < e.index) races_.push_back(i);
    };
    if (op.kind == op_kind::lock) {
        // Locks and unlocks write the mutex, but only lock/lock races can be
        // reversed: a lock cannot move before the unlock it waited for.
        if (l.last_lock != none) consider(l.last_lock);
        if (l.last_write != none) join(hb, trace_[l.last_write].hb);
        l.last_write = l.last_lock = j;
    } else if (!w) {
        // A read depends on the last write (earlier writes happen before it).
        if (l.last_write != none) {
            consider(l.last_write);
            join(hb, trace_[l.last_write].hb);
        }
        l.reads.push_back(j);
    } else if (l.reads.empty()) {
        if (l.last_write != none) {
            consider(l.last_write);
            join(hb, trace_[l.last_write].hb);
        }
        l.last_write = j;
    } else {
        // A write after reads depends on each (the last write happens before
        // them); a read that happens before another read is no direct race.
        for (const std::uint32_t r : l.reads) {
            consider(r);
            join(hb, trace_[r].hb);
        }
        std::erase_if(races_, [&](std::uint32_t r) {
            const event& e = trace_[r];
            return std::any_of(l.reads.begin(), l.reads.end(),
                               [&](std::uint32_t r2) { return r2 != r && trace_[r2].hb[e.thread] >= e.index; });
        });
        l.reads.clear();
        l.last_write = j;
    }
    hb[p] += 1;
    t.dpor = hb;
    trace_.push_back(event{std::uint8_t(p), w, op.loc, hb[p], hb});
    retried_ = op.confirms && !w;
    t.awaiting = false;
    t.last_event = j;
    resume(p);
    return j;
}

void execution::finish() {
    // Nobody can run: threads left unfinished wait on a mutex or await a write.
    unsigned awaiting = n_, blocked = n_;
    for (unsigned q = 0; q < n_; ++q) {
        const thread_state& t = threads_[q];
        if (t.finished) continue;
        const bool waits = t.awaiting || t.op.ready;
        if (waits && awaiting == n_) awaiting = q;
        if (!waits && blocked == n_) blocked = q;
    }
    if (awaiting < n_ || blocked < n_) {
        violation v{};
        v.kind = awaiting < n_ ? violation_kind::livelock : violation_kind::deadlock;
        v.thread = int(awaiting < n_ ? awaiting : blocked);
        report(v);
        return;
    }
    phase_ = phase::checks;
    guarded([&] { program_->check(); });
}

void execution::report(const violation& v) {
    if (!violated_) {
        violated_ = true;
        violation_ = v;
    }
    phase_ = phase::ended;
}

void execution::end() {
    phase_ = phase::ended;
    for (unsigned i = 0; i < n_; ++i) {
        if (!threads_[i].fiber) continue;
        running_ = i;
        threads_[i].fiber = {};  // unwinds the fiber; its world operations take effect at once
    }
    program_.reset();
    if (current == this) current = nullptr;
}

std::uint32_t execution::new_location() {
    if (nlocs_ == locs_.size()) locs_.emplace_back();
    locs_[nlocs_].reset();
    return nlocs_++;
}

void execution::read_effects(thread_state& t, location& l, std::memory_order mo, std::uint32_t loc) {
    join(acquires(mo) ? t.hb : t.acquired, l.rel);
    t.last_read = loc;
    t.last_read_version = l.version;
    t.last_read_plain = false;
}

void execution::write_effects(thread_state& t, location& l, std::memory_order mo, bool rmw) {
    // A release publishes the thread's clock; a relaxed write publishes what
    // the thread's last release fence covered. An RMW continues the release
    // sequence it extends; a plain store ends it (C++20: also the storer's own).
    const clock& published = releases(mo) ? t.hb : t.fence_release;
    if (rmw)
        join(l.rel, published);
    else
        l.rel = published;
    if (releases(mo)) t.hb[running_] += 1;  // later accesses are not covered by this release
    l.version += 1;
}

void execution::access(const pending_op& op, std::memory_order mo) {
    stop(op);
    thread_state& t = threads_[running_];
    location& l = locs_[op.loc];
    switch (op.kind) {
    case op_kind::load: read_effects(t, l, mo, op.loc); break;
    case op_kind::store: write_effects(t, l, mo, false); break;
    case op_kind::cas:
        if (*op.cell != op.expected) {
            read_effects(t, l, failure_order(mo), op.loc);
            break;
        }
        [[fallthrough]];
    case op_kind::rmw:
        join(acquires(mo) ? t.hb : t.acquired, l.rel);
        write_effects(t, l, mo, true);
        break;
    case op_kind::lock:
        join(t.hb, l.rel);
        l.held = true;
        break;
    }
}

void execution::lock_now(std::uint32_t loc) {
    if (loc < nlocs_) locs_[loc].held = true;
}

// An unlock is no scheduling point: while the mutex is held no other thread
// can do anything that depends on the unlock (lock the mutex), so running it
// at once, as part of the thread's last event, loses no interleaving. (It
// also keeps fibers from stopping inside ~locked(): a destructor is noexcept,
// so a fiber stopped there could not be unwound.)
void execution::unlock(std::uint32_t loc) {
    if (loc >= nlocs_) return;
    location& l = locs_[loc];
    l.held = false;
    if (!scheduling()) return;
    thread_state& t = threads_[running_];
    if (t.last_event != none) l.last_write = t.last_event;  // a later lock depends on it
    l.rel = t.hb;
    t.hb[running_] += 1;
}

void execution::note(const char* what, const void* where) {
    if (scheduling()) threads_[running_].note = {what, where};
}

void execution::plain(std::uint32_t loc, bool write, const void* where) {
    const unsigned me = running_;
    thread_state& t = threads_[me];
    location& l = locs_[loc];
    if (t.note.where == where) l.name = t.note.what;
    // FastTrack: an access races with the last write unless that write
    // happens before it; a write also with every read since that write.
    if (l.write.clock != 0 && l.writer != int(me) && t.hb[l.writer] < l.write.clock)
        race(l, l.writer, l.write.step, write, true);
    const auto step = std::uint32_t(steps_.size());
    if (write) {
        l.version += 1;  // wakes a thread that spins on this var
        for (unsigned u = 0; u < n_; ++u)
            if ((l.readers >> u & 1) && u != me && t.hb[u] < l.read[u].clock) race(l, int(u), l.read[u].step, true, false);
        l.writer = int(me);
        l.write = {t.hb[me], step};
        l.readers = 0;  // a later access that races with one of them races with this write too
    } else {
        l.read[me] = {t.hb[me], step};
        l.readers |= mask(1) << me;
        t.last_read = loc;
        t.last_read_version = l.version;
        t.last_read_plain = true;
    }
}

void execution::race(location& l, int other, std::uint32_t other_step, bool write, bool other_write) {
    has_race_ = true;
    race_ = {int(running_), other, std::uint32_t(steps_.size()), other_step, write, other_write};
    violation v{};
    v.kind = violation_kind::data_race;
    v.thread = int(running_);
    v.other = other;
    v.a = write ? 1 : 0;
    v.step = race_.step;
    v.other_step = race_.other_step;
    if (l.name) set_field(v, l.name);
    fail(v);
}

void execution::fence(std::memory_order mo) {
    thread_state& t = threads_[running_];
    if (acquires(mo)) join(t.hb, t.acquired);
    if (releases(mo)) {
        t.fence_release = t.hb;
        t.hb[running_] += 1;
    }
}

void execution::spin_wait() {
    if (phase_ == phase::ended) return;
    violation v{};
    v.thread = thread();
    if (!scheduling()) {
        // In setup or the final checks nobody else runs: the wait is forever.
        v.kind = violation_kind::livelock;
        fail(v);
    }
    thread_state& t = threads_[running_];
    if (t.last_read == none) {
        v.kind = violation_kind::checker_error;
        set_field(v, "spin_wait before a load");
        fail(v);
    }
    // Not schedulable until the location is written after that read.
    t.awaiting = true;
    t.await_loc = t.last_read;
    t.await_version = t.last_read_version;
    // A spin on plain data (a bug: the race is reported when the write
    // comes) reloads with no scheduling point: stop here instead, before a
    // load of the var's location.
    if (t.last_read_plain) stop(pending_op{op_kind::load, t.last_read});
}

int execution::thread() const {
    switch (phase_) {
    case phase::setup: return setup_thread;
    case phase::checks: return checks_thread;
    default: return int(running_);
    }
}

hb_stamp execution::stamp() const {
    const int me = thread();
    const auto step = std::uint32_t(steps_.size());
    if (me < 0) return hb_stamp{me, 0, step};
    return hb_stamp{me, threads_[me].hb[me], step};
}

bool execution::ordered_before(const hb_stamp& s) const {
    const int me = thread();
    if (s.thread == setup_thread || me == checks_thread || s.thread == me) return true;
    if (me < 0 || s.thread < 0 || unsigned(s.thread) >= n_) return false;
    return threads_[me].hb[s.thread] >= s.clock;
}

void execution::fail(const violation& v) {
    report(v);
    throw execution_ended{};
}

}  // namespace spancheck::explorer::detail
