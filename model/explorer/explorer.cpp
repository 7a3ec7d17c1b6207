#include "model/explorer/explorer.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <queue>
#include <nlohmann/json.hpp>

#include "model/explorer/execution.hpp"
#include "support/fnv1a.hpp"

namespace spancheck::explorer {

namespace {

using detail::execution;
using detail::mask;
using detail::none;
using detail::op_kind;
using json = nlohmann::json;
using steady = std::chrono::steady_clock;

// Longer executions are reported as a hang: a loop that never awaits.
constexpr std::size_t max_events = 100000;

mask bit(unsigned t) { return mask(1) << t; }
unsigned lowest(mask m) { return unsigned(std::countr_zero(m)); }
double since(steady::time_point t0) { return std::chrono::duration<double>(steady::now() - t0).count(); }
steady::time_point after(steady::time_point t, double seconds) {
    return t + std::chrono::duration_cast<steady::duration>(std::chrono::duration<double>(seconds));
}

violation hang(mask enabled) {
    violation v{};
    v.kind = violation_kind::hang;
    v.thread = int(lowest(enabled));
    return v;
}

// Runs one execution, asking choose(depth, enabled) for the thread to run at
// each scheduling point (-1: stop the execution there). Returns the number of
// choices made. The caller inspects x, then ends it.
template <class Choose>
std::size_t follow(execution& x, const subject& s, Choose&& choose) {
    x.start(s);
    std::size_t d = 0;
    while (!x.violated()) {
        const mask en = x.enabled();
        if (!en) {
            x.finish();
            break;
        }
        if (d == max_events) {
            x.report(hang(en));
            break;
        }
        const int p = choose(d, en);
        if (p < 0) break;
        x.execute(unsigned(p));
        ++d;
    }
    return d;
}

void take_violation(result& r, const execution& x) {
    r.violated = true;
    r.v = x.what();
    r.steps = x.steps();
    if (x.has_race()) {
        const detail::race_record& c = x.race();
        r.race = race_pair{c.thread, c.other, c.step, c.other_step, c.write, c.other_write};
    }
    std::vector<std::uint8_t> choices;
    for (const detail::event& e : x.trace()) choices.push_back(e.thread);
    r.schedule = encode_schedule(choices);
}

result refused(std::string stopped_by, std::string why) {
    result r;
    r.stopped_by = std::move(stopped_by);
    r.error = std::move(why);
    return r;
}

result replay(const subject& s, const options& o) {
    const auto t0 = steady::now();
    const auto choices = decode_schedule(o.replay);
    if (!choices) return refused("bad-replay", "malformed schedule string: " + o.replay.substr(0, 40));
    for (const std::uint8_t c : *choices)
        if (c >= s.threads)
            return refused("bad-replay", "the schedule names thread " + std::to_string(c) + " but the subject has " +
                                             std::to_string(s.threads));
    execution x(s.threads);
    std::string why;
    const std::size_t n = choices->size();
    const std::size_t made = follow(x, s, [&](std::size_t d, mask en) {
        if (d == n) {
            why = "the schedule ends after " + std::to_string(n) + " choices but threads can still run";
            return -1;
        }
        const unsigned p = (*choices)[d];
        if (!(en & bit(p))) {
            why = "choice " + std::to_string(d + 1) + " (thread " + std::to_string(p) + ") is not enabled there";
            return -1;
        }
        return int(p);
    });
    if (why.empty() && made < n)
        why = "the execution ends after " + std::to_string(made) + " of the schedule's " + std::to_string(n) + " choices";
    if (!why.empty()) return refused("bad-replay", why);
    result r;
    if (x.violated()) take_violation(r, x);
    x.end();
    r.executions = 1;
    r.max_depth = made;
    r.seconds = since(t0);
    return r;
}

const char* kind_word(op_kind k) {
    switch (k) {
    case op_kind::load: return "load";
    case op_kind::store: return "store";
    case op_kind::rmw: return "rmw";
    case op_kind::cas: return "cas";
    case op_kind::lock: return "lock";
    }
    return "?";
}

json threads_of(mask m) {
    json a = json::array();
    for (; m; m &= m - 1) a.push_back(lowest(m));
    return a;
}

// The stateless DFS of source-DPOR with sleep sets, over one subtree (root)
// after another.
class search {
public:
    search(const subject& s, const options& o) : s_(s), o_(o), x_(s.threads) {}
    result run();

private:
    enum class outcome { complete, violated, blocked, retried, misfit };

    // A scheduling point of the current path: the node before event number
    // `depth` (its index in stack_).
    struct node {
        std::uint8_t chosen = 0;  // the thread explored from here now
        mask enabled = 0;
        mask backtrack = 0;       // threads to explore from here
        mask sleep = 0;           // threads whose exploration from here is covered (sleep set, and explored ones)
    };

    outcome execute();
    void reverse(std::uint32_t j);
    bool backtrack();
    bool advance();
    void begin_root(std::size_t r);
    std::string fingerprint();
    std::optional<json> sleepers();
    std::string save();  // "" or why the checkpoint could not be written
    bool resume();

    const subject& s_;
    const options& o_;
    execution x_;
    std::vector<root_task> roots_;
    std::size_t root_ = 0;     // the subtree being explored
    std::size_t root_len_ = 0;  // its prefix: nodes above it are fixed
    std::vector<node> stack_;
    std::size_t fresh_from_ = 0;  // events before this depth replay an earlier execution's
    result r_;
};

void search::begin_root(std::size_t r) {
    root_ = r;
    root_len_ = roots_[r].prefix.size();
    stack_.clear();
    for (const std::uint8_t p : roots_[r].prefix) stack_.push_back(node{p, 0, bit(p), 0});
    fresh_from_ = root_len_;
}

// One execution along the current stack, then on with the first enabled
// thread that is not asleep.
search::outcome search::execute() {
    x_.start(s_);
    mask child_sleep = root_len_ == 0 ? roots_[root_].sleep : 0;
    std::size_t d = 0;
    for (; !x_.violated(); ++d) {
        const mask en = x_.enabled();
        if (!en) {
            x_.finish();
            break;
        }
        if (d == max_events) {
            x_.report(hang(en));
            break;
        }
        if (d == stack_.size()) {
            const mask awake = en & ~child_sleep;
            if (!awake) {  // every continuation is covered by another execution
                r_.max_depth = std::max(r_.max_depth, d);
                return outcome::blocked;
            }
            const unsigned p = lowest(awake);
            stack_.push_back(node{std::uint8_t(p), en, bit(p), child_sleep});
        }
        node& n = stack_[d];
        if (!(en & bit(n.chosen))) return outcome::misfit;  // a root or checkpoint of another subject
        n.enabled = en;
        // The child's sleep set: the sleepers whose next operation commutes
        // with the one explored now.
        child_sleep = 0;
        for (mask m = n.sleep; m; m &= m - 1)
            if (!x_.dependent(n.chosen, lowest(m))) child_sleep |= bit(lowest(m));
        if (d + 1 == root_len_) child_sleep = roots_[root_].sleep;
        const std::uint32_t j = x_.execute(n.chosen);
        // Replayed events found their races when they first ran.
        if (d >= fresh_from_) reverse(j);
        // A confirming cas failed: the write that made it fail races with the
        // loop's load, and the reversal, where the load sees that write and
        // the cas succeeds, does what this retry would do. Stop here (GenMC
        // counts these as blocked by its spin-assume of such loops).
        if (x_.retried()) {
            r_.max_depth = std::max(r_.max_depth, d + 1);
            return outcome::retried;
        }
    }
    r_.max_depth = std::max(r_.max_depth, d);
    if (d < root_len_) return outcome::misfit;
    return x_.violated() ? outcome::violated : outcome::complete;
}

// Source-DPOR's race reversal for event j: for each earlier event i it races
// with, some thread that can start notdep(i).j from node i must be explored
// there.
void search::reverse(std::uint32_t j) {
    const auto& tr = x_.trace();
    const unsigned p = tr[j].thread;
    for (const std::uint32_t i : x_.races()) {
        if (i < root_len_) continue;  // above the root every branch is explored
        node& n = stack_[i];
        const detail::event& e = tr[i];
        // v = the events after i that do not happen after it, then j. Only
        // each thread's first event in v can be an initial of v.
        std::array<std::uint32_t, max_threads> first;
        first.fill(none);
        for (std::uint32_t k = i + 1; k < j; ++k)
            if (tr[k].hb[e.thread] < e.index && first[tr[k].thread] == none) first[tr[k].thread] = k;
        if (first[p] == none) first[p] = j;
        mask initials = 0;
        for (unsigned r = 0; r < s_.threads; ++r) {
            if (first[r] == none) continue;
            const detail::event& x = tr[first[r]];
            bool preceded = false;
            for (unsigned q = 0; q < s_.threads; ++q)
                preceded |= q != r && first[q] < first[r] && x.hb[q] >= tr[first[q]].index;
            if (!preceded) initials |= bit(r);
        }
        if (initials & (n.backtrack | n.sleep)) continue;
        // An initial that cannot run at i (it waits for a lock, or awaits a
        // write) stays unable to: what would let it run would precede it in
        // v. Then no order of v can run from i and there is nothing to reverse.
        if (initials & ~n.enabled) continue;
        n.backtrack |= bit(initials & bit(p) ? p : lowest(initials));
    }
}

// Moves to the next unexplored branch of the subtree: false when it is done.
bool search::backtrack() {
    while (stack_.size() > root_len_) {
        node& n = stack_.back();
        n.sleep |= bit(n.chosen);
        if (const mask todo = n.backtrack & ~n.sleep) {
            n.chosen = std::uint8_t(lowest(todo));
            fresh_from_ = stack_.size() - 1;
            return true;
        }
        stack_.pop_back();
    }
    return false;
}

bool search::advance() {
    if (backtrack()) return true;
    if (root_ + 1 < roots_.size()) {
        begin_root(root_ + 1);
        return true;
    }
    root_ = roots_.size();
    stack_.clear();
    return false;
}

result search::run() {
    const auto t0 = steady::now();
    roots_ = o_.roots.empty() ? std::vector<root_task>{root_task{}} : o_.roots;
    for (const root_task& t : roots_) {
        const bool fits = t.sleep < bit(s_.threads) &&
                          std::all_of(t.prefix.begin(), t.prefix.end(), [&](std::uint8_t c) { return c < s_.threads; });
        if (!fits) return refused("bad-root", "root " + t.str() + " names a thread the subject does not have");
    }
    if (!o_.resume_file.empty()) {
        if (!resume()) return r_;
    } else {
        begin_root(0);
    }
    auto next_progress = after(t0, 2);
    auto next_checkpoint = after(t0, o_.checkpoint_seconds);
    while (root_ < roots_.size()) {
        const outcome out = execute();
        if (out == outcome::misfit) {  // a choice of a thread that cannot run, or past the end
            x_.end();
            if (!o_.resume_file.empty())
                return refused("bad-checkpoint", o_.resume_file + ": its schedule does not fit the subject");
            return refused("bad-root", "the prefix of root " + roots_[root_].str() + " does not fit the subject");
        }
        if (out == outcome::blocked)
            ++r_.blocked;
        else if (out == outcome::retried)
            ++r_.retried;
        else
            ++r_.executions;
        if (out == outcome::violated) {
            take_violation(r_, x_);
            x_.end();
            break;
        }
        x_.end();
        if (!advance()) {
            r_.complete = true;
            break;
        }
        if (o_.stop && *o_.stop)
            r_.stopped_by = "interrupted";
        else if (o_.max_executions && r_.executions >= o_.max_executions)
            r_.stopped_by = "max-executions";
        else if (o_.max_runs && r_.executions + r_.blocked + r_.retried >= o_.max_runs)
            r_.stopped_by = "max-runs";
        else if (o_.seconds > 0 && since(t0) >= o_.seconds)
            r_.stopped_by = "seconds";
        if (!r_.stopped_by.empty()) break;
        const auto now = steady::now();
        if (o_.on_progress && now >= next_progress) {
            o_.on_progress(progress{r_.executions, r_.blocked, since(t0), stack_.size()});
            next_progress = after(now, 1);
        }
        if (!o_.checkpoint_file.empty() && now >= next_checkpoint) {
            if (const std::string why = save(); !why.empty()) return refused("bad-checkpoint", why);
            next_checkpoint = after(steady::now(), o_.checkpoint_seconds);
        }
    }
    // A violation is a verdict, not an interruption: no checkpoint after it.
    if (!r_.stopped_by.empty() && !o_.checkpoint_file.empty()) {
        if (const std::string why = save(); !why.empty()) return refused("bad-checkpoint", why);
    }
    r_.seconds = since(t0);
    return r_;
}

// The subject's identity for checkpoints: its thread count and the
// operations of its first execution (each thread's lowest first).
std::string search::fingerprint() {
    fnv1a h;
    h.add_word(s_.threads);
    follow(x_, s_, [&](std::size_t, mask en) {
        const unsigned p = lowest(en);
        const detail::pending_op& op = x_.pending(p);
        h.add_word(p);
        h.add_word(std::uint64_t(op.kind) << 40 | std::uint64_t(op.writes()) << 32 | op.loc);
        return int(p);
    });
    x_.end();
    return h.hex();
}

// The pending operations of the threads asleep at each node below the root,
// found by replaying the stack; nothing if the stack does not fit the subject.
std::optional<json> search::sleepers() {
    json nodes = json::array();
    if (stack_.size() <= root_len_) return nodes;
    const std::size_t top = stack_.size() - 1;
    bool fits = true;
    const std::size_t made = follow(x_, s_, [&](std::size_t d, mask en) {
        const node& n = stack_[d];
        if (d >= root_len_) {
            json ops = json::array();
            for (mask m = n.sleep; m; m &= m - 1) {
                const unsigned q = lowest(m);
                const detail::pending_op& op = x_.pending(q);
                fits &= (en & bit(q)) != 0;
                ops.push_back({{"thread", q}, {"op", kind_word(op.kind)}, {"loc", op.loc}, {"write", op.writes()}});
            }
            nodes.push_back(std::move(ops));
        }
        fits &= (en & bit(n.chosen)) != 0;
        return fits && d < top ? int(n.chosen) : -1;
    });
    x_.end();
    if (!fits || made != top) return std::nullopt;
    return nodes;
}

// Checkpoint: the DFS stack below the root (per node the choice, the
// backtrack set and the sleep set with the sleepers' pending operations) and
// the counters, between two executions; written to a temporary file, then
// renamed over the old one.
std::string search::save() {
    json j;
    j["format"] = "spancheck-explorer-checkpoint-1";
    j["threads"] = s_.threads;
    j["fingerprint"] = fingerprint();
    json roots = json::array();
    for (const root_task& t : o_.roots) roots.push_back(t.str());
    j["roots"] = roots;
    j["root"] = root_;
    j["executions"] = r_.executions;
    j["blocked"] = r_.blocked;
    j["retried"] = r_.retried;
    j["max_depth"] = r_.max_depth;
    json nodes = json::array();
    const std::optional<json> asleep = sleepers();
    for (std::size_t d = root_len_; d < stack_.size(); ++d) {
        const node& n = stack_[d];
        nodes.push_back({{"chosen", n.chosen},
                         {"backtrack", threads_of(n.backtrack)},
                         {"sleep", asleep ? (*asleep)[d - root_len_] : json::array()}});
    }
    j["stack"] = nodes;
    // Written whole, then renamed over the old one: a kill midway leaves the
    // last good checkpoint.
    const std::string tmp = o_.checkpoint_file + ".tmp";
    std::ofstream out(tmp);
    out << j.dump(1) << '\n';
    out.close();
    if (!out) return "cannot write the checkpoint " + tmp;
    if (std::rename(tmp.c_str(), o_.checkpoint_file.c_str()) != 0) {
        return "cannot rename " + tmp + " to " + o_.checkpoint_file + ": " + std::strerror(errno);
    }
    return "";
}

bool search::resume() {
    const auto bad = [&](const std::string& why) {
        r_ = refused("bad-checkpoint", o_.resume_file + ": " + why);
        return false;
    };
    json j;
    try {
        std::ifstream in(o_.resume_file);
        if (!in) return bad("cannot read it");
        j = json::parse(in);
        if (j.at("format") != "spancheck-explorer-checkpoint-1") return bad("not an explorer checkpoint");
        if (j.at("threads") != s_.threads) return bad("written for a subject of another thread count");
        json roots = json::array();
        for (const root_task& t : o_.roots) roots.push_back(t.str());
        if (j.at("roots") != roots) return bad("written for other roots");
        if (j.at("fingerprint") != fingerprint()) return bad("written for another program (its first execution differs)");
        const std::size_t root = j.at("root");
        if (root > roots_.size()) return bad("root out of range");
        r_.executions = j.at("executions");
        r_.blocked = j.at("blocked");
        r_.retried = j.at("retried");
        r_.max_depth = j.at("max_depth");
        if (root == roots_.size()) {  // the search was done
            root_ = root;
            r_.complete = true;
            return true;
        }
        begin_root(root);
        for (const json& jn : j.at("stack")) {
            node n;
            const unsigned chosen = jn.at("chosen");
            n.chosen = std::uint8_t(chosen);
            for (const unsigned t : jn.at("backtrack")) n.backtrack |= bit(t);
            for (const json& s : jn.at("sleep")) n.sleep |= bit(s.at("thread").get<unsigned>());
            if (chosen >= s_.threads || (n.backtrack | n.sleep) >= bit(s_.threads)) return bad("thread out of range");
            stack_.push_back(n);
        }
        if (stack_.size() > root_len_) fresh_from_ = stack_.size() - 1;
        json stored = json::array();
        for (const json& jn : j.at("stack")) stored.push_back(jn.at("sleep"));
        const std::optional<json> now = sleepers();
        if (!now || *now != stored) return bad("its schedule does not fit this program");
    } catch (const json::exception& e) {
        return bad(std::string("malformed: ") + e.what());
    }
    return true;
}

}  // namespace

std::string encode_schedule(const std::vector<std::uint8_t>& choices) {
    if (choices.empty()) return "-";
    std::string s;
    for (std::size_t i = 0; i < choices.size();) {
        std::size_t k = i;
        while (k < choices.size() && choices[k] == choices[i]) ++k;
        s += char('a' + choices[i]);
        if (k - i > 1) s += std::to_string(k - i);
        i = k;
    }
    return s;
}

std::optional<std::vector<std::uint8_t>> decode_schedule(std::string_view s) {
    std::vector<std::uint8_t> choices;
    if (s == "-") return choices;
    if (s.empty()) return std::nullopt;
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i++];
        if (c < 'a' || c > 'z') return std::nullopt;
        std::size_t count = 1;
        if (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            const auto [end, ec] = std::from_chars(s.data() + i, s.data() + s.size(), count);
            if (ec != std::errc() || count < 2 || count > max_events) return std::nullopt;
            i = std::size_t(end - s.data());
        }
        choices.insert(choices.end(), count, std::uint8_t(c - 'a'));
    }
    return choices;
}

std::string root_task::str() const {
    std::string s = encode_schedule(prefix) + "/";
    for (mask m = sleep; m; m &= m - 1) s += char('a' + lowest(m));
    return s;
}

std::optional<root_task> root_task::parse(std::string_view s) {
    const std::size_t slash = s.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto prefix = decode_schedule(s.substr(0, slash));
    if (!prefix) return std::nullopt;
    root_task t{std::move(*prefix), 0};
    for (const char c : s.substr(slash + 1)) {
        if (c < 'a' || c >= char('a' + max_threads)) return std::nullopt;
        t.sleep |= bit(unsigned(c - 'a'));
    }
    return t;
}

result explore(const subject& s, const options& o) {
    if (!s.make || s.threads == 0 || s.threads > max_threads)
        return refused("bad-subject", "a subject needs a program factory and 1 to " + std::to_string(max_threads) +
                                          " threads");
    if (!o.replay.empty()) return replay(s, o);
    return search(s, o).run();
}

std::vector<root_task> enumerate_roots(const subject& s, std::size_t min_count) {
    if (!s.make || s.threads == 0 || s.threads > max_threads) return {};
    // The frontier of a cut through the tree, split one node at a time until
    // it has min_count nodes: every enabled thread that is not asleep is a
    // branch, and its sleep set is the sleepers it commutes with. The node
    // split next is the one likely to hold the most work: one that a probe
    // of probe_budget executions did not finish first (of those, the one
    // with the fewest threads asleep, as a sleeper prunes every class that
    // starts with it, then the shallowest); of the finished ones, the one
    // with the most executions. So the work ends up spread over the roots,
    // and a part's share of roots is a predictable share of the work.
    const auto probe = [&s](root_task& t) {
        options o;
        o.roots = {t};
        o.max_runs = probe_budget;
        const result r = search(s, o).run();
        t.work = r.executions + r.blocked + r.retried;
        t.work_known = r.complete || r.violated;
    };
    struct node {
        root_task task;
        bool operator<(const node& o) const {  // std::priority_queue: the top is the greatest
            if (task.work_known != o.task.work_known) return task.work_known;
            if (task.work_known && task.work != o.task.work) return task.work < o.task.work;
            const int asleep = std::popcount(task.sleep), other = std::popcount(o.task.sleep);
            if (asleep != other) return asleep > other;
            if (task.prefix.size() != o.task.prefix.size()) return task.prefix.size() > o.task.prefix.size();
            return task.prefix > o.task.prefix;
        }
    };
    std::priority_queue<node> open;
    root_task top;
    probe(top);
    open.push({std::move(top)});
    std::vector<root_task> done;  // leaves: their execution ends there (finished, deadlocked or violated)
    execution x(s.threads);
    while (!open.empty() && open.size() + done.size() < min_count) {
        const node n = open.top();
        open.pop();
        const std::vector<std::uint8_t>& pre = n.task.prefix;
        bool reached = false;
        std::vector<root_task> children;  // probed once this execution has ended (a probe runs its own)
        follow(x, s, [&](std::size_t d, mask en) {
            if (d < pre.size()) return int(pre[d]);
            reached = true;
            mask sleep = n.task.sleep;
            for (mask m = en & ~sleep; m; m &= m - 1) {
                const unsigned p = lowest(m);
                root_task child{pre, 0};
                child.prefix.push_back(std::uint8_t(p));
                for (mask z = sleep; z; z &= z - 1)
                    if (!x.dependent(p, lowest(z))) child.sleep |= bit(lowest(z));
                children.push_back(std::move(child));
                sleep |= bit(p);
            }
            return -1;  // a node whose threads are all asleep adds nothing: it is covered elsewhere
        });
        x.end();
        for (root_task& c : children) {
            probe(c);
            open.push({std::move(c)});
        }
        if (!reached) done.push_back(n.task);
    }
    for (; !open.empty(); open.pop()) done.push_back(open.top().task);
    // In search order (lowest thread first at each depth).
    std::sort(done.begin(), done.end(), [](const root_task& a, const root_task& b) { return a.prefix < b.prefix; });
    return done;
}

}  // namespace spancheck::explorer
