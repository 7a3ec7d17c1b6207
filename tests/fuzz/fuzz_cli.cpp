// fuzz_cli SPANCHECK [SEED [RUNS [JOBS]]]
//
// The whole command line against random and mutated argument lists: real
// commands and options from a grammar (names read from `spancheck list`),
// then values swapped for hostile ones (huge, negative, inf, nan, empty,
// random bytes, /dev/full, paths that do not exist, damaged replay tokens,
// unknown names) and options dropped, repeated or swapped. What every
// command promises on any input:
//   - it exits 0, 1, 2 or 3, and never dies of a signal;
//   - past 10 s it gets SIGTERM (its process group, as from Ctrl-C), takes
//     it as an interruption and exits; still running 2 s later, it ignored
//     it, gets SIGKILL, and that is a failure too;
//   - bad input (exit 2) is one line on stderr: the whole of stderr when
//     nothing ran (stdout empty), its last line after a run whose report
//     could not be written (the run's progress lines come before).
// Deterministic for a seed (printed; default 1): the argument lists are drawn
// before any runs, so a failure's list, printed as a shell command, is the
// same on every machine. Files the runs write go to a temporary folder;
// options that write are only ever given that folder, /dev/full or a path
// that cannot be created (the tests may run as root, and --checkpoint
// renames its file over the path it is given). Exit: 0 no failure, 1 failures.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using words = std::vector<std::string>;
using steady = std::chrono::steady_clock;

constexpr auto run_limit = std::chrono::seconds(10);  // then SIGTERM
constexpr auto term_grace = std::chrono::seconds(2);  // then SIGKILL

// splitmix64: the same draws from a seed on every platform (the standard
// distributions are not specified to).
class draws {
public:
    explicit draws(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    bool percent(unsigned p) { return below(100) < p; }
    template <class T>
    const T& pick(const std::vector<T>& from) { return from[below(from.size())]; }

private:
    std::uint64_t state_;
};

// What `spancheck list` names: the grammar's words.
struct names {
    std::map<std::string, words> variants, scenarios, points;  // by protocol
    words protocols, all_variants;
};

std::string first_word(const std::string& line) {
    const auto begin = line.find_first_not_of(' ');
    return line.substr(begin, line.find(' ', begin) - begin);
}

names read_list(const std::string& listing) {
    names n;
    std::istringstream lines(listing);
    std::string protocol, section;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("protocol ", 0) == 0) {
            protocol = line.substr(9, line.find(':') - 9);
            n.protocols.push_back(protocol);
        } else if (line == "  variants:" || line == "  scenarios:") {
            section = line;
        } else if (line.rfind("    points for delay:POINT (", 0) == 0) {
            const auto open = line.find('(') + 1;
            std::istringstream points(line.substr(line.find(':', open) + 1));
            for (std::string p; points >> p;) n.points[line.substr(open, line.find(')') - open)].push_back(p);
        } else if (line.rfind("    ", 0) == 0 && line[4] != ' ' && !protocol.empty() && !section.empty()) {
            (section == "  variants:" ? n.variants : n.scenarios)[protocol].push_back(first_word(line));
        } else if (line.rfind("  ", 0) != 0) {
            section.clear();
        }
    }
    for (const auto& [p, vs] : n.variants) n.all_variants.insert(n.all_variants.end(), vs.begin(), vs.end());
    return n;
}

// Whether the listing gave the grammar what it draws from.
bool complete(const names& n) {
    for (const std::string& p : n.protocols) {
        if (!n.variants.count(p) || !n.scenarios.count(p) || !n.points.count(p)) return false;
    }
    return !n.protocols.empty();
}

// The argument lists, drawn from the grammar and then mutated.
class grammar {
public:
    grammar(names n, std::string dir, std::string token) : n_(std::move(n)), dir_(std::move(dir)), token_(std::move(token)) {}

    words command(draws& d) {
        words w;
        switch (d.below(20)) {
        case 0: w = {"list"}; break;
        case 1: w = {"list", "--sites", variant(d)}; break;
        case 2: w = replay(d); break;
        case 3: case 4: case 5: case 6: w = model(d); break;
        case 7: case 8: case 9: case 10: case 11: w = stress(d); break;
        case 12: w = check(d); break;
        case 13: w = {"mutants", "--search", d.pick(searches_)}; break;
        case 14: w = {"merge", file(d), file(d)}; break;
        case 15: w = {"orders", "--variant", variant(d)}; break;
        default: w = bogus(d); break;
        }
        // Most lists stay well formed, so that runs get past the checks and
        // reach what they guard (budgets, interruption, report files).
        if (d.percent(35)) {
            for (std::uint64_t k = 1 + d.below(2); k > 0; --k) mutate(d, w);
        }
        guard_writes(w);
        return w;
    }

private:
    std::string variant(draws& d) { return d.percent(95) ? d.pick(n_.all_variants) : hostile(d, "used"); }
    std::string variant(draws& d, const std::string& protocol) {
        return d.percent(95) ? d.pick(n_.variants.at(protocol)) : hostile(d, "used");
    }
    std::string number(draws& d, std::uint64_t most) { return std::to_string(d.below(most + 1)); }
    std::string file(draws& d) {
        return d.pick(words{dir_ + "/out" + number(d, 3) + ".json", dir_ + "/out.svg", "/dev/full", "/nonexistent/x",
                            "/dev/null", ""});
    }
    void maybe(draws& d, unsigned p, words& w, const words& more) {
        if (d.percent(p)) w.insert(w.end(), more.begin(), more.end());
    }

    // A short run most of the time, but not always.
    void budget(draws& d, words& w, const char* count_option, std::uint64_t most) {
        if (d.percent(45)) {
            w.insert(w.end(), {count_option, std::to_string(1 + d.below(most))});
        } else if (d.percent(80)) {
            w.insert(w.end(), {"--seconds", d.percent(70) ? "1" : "2"});
        }
    }

    words model(draws& d) {
        const std::string p = d.pick(n_.protocols);
        words w = {"model", "--variant", variant(d, p), "--scenario", d.pick(n_.scenarios.at(p))};
        const std::string search = d.pick(searches_);
        maybe(d, 60, w, {"--search", search});
        if (p == "spanset") maybe(d, 20, w, {"--slots", d.pick(words{"2", "4", "8"})});
        if (search == "dpor") {  // the explorer's shapes, parts and checkpoints
            if (p == "spanset") {
                maybe(d, 20, w, {"--pushers", number(d, 2)});
                maybe(d, 20, w, {"--poppers", number(d, 3)});
            } else {
                maybe(d, 20, w, {"--readers", number(d, 3)});
            }
            maybe(d, 20, w, {"--spans", number(d, 5)});
            maybe(d, 15, w, {"--shard", number(d, 3) + "/" + number(d, 3)});
            maybe(d, 10, w, {"--checkpoint", dir_ + "/checkpoint"});
            maybe(d, 10, w, {"--resume", d.percent(50) ? dir_ + "/checkpoint" : file(d)});
        }
        budget(d, w, "--max-executions", 2000);
        maybe(d, 15, w, {"--json", file(d)});
        maybe(d, 10, w, {"--svg", file(d)});
        maybe(d, 5, w, {"--raw"});
        maybe(d, 5, w, {"--protocol", d.pick(n_.protocols)});
        return w;
    }

    // The run that printed the token, given it whole or damaged.
    words replay(draws& d) {
        return {"model", "--variant", "used", "--scenario", "two-poppers", "--search", "bound:1",
                "--replay", d.percent(50) ? token_ : flipped(d, token_)};
    }

    words stress(draws& d) {
        const std::string p = d.pick(n_.protocols);
        words w = {"stress", "--variant", variant(d, p), "--scenario", d.pick(n_.scenarios.at(p))};
        maybe(d, 25, w, {"--tsan"});
        if (p == "spanset") maybe(d, 20, w, {"--slots", d.pick(words{"2", "4", "512"})});
        maybe(d, 20, w, {"--threads", d.pick(words{"1", "2", "3", "4", "8", "62", "63"})});
        maybe(d, 40, w, {"--perturb", d.pick(words{"none", "random", "random:0.5", "pct:1", "pct:3", "pct:9",
                                                   "delay:" + d.pick(n_.points.at(p))})});
        maybe(d, 30, w, {"--seed", number(d, 1000)});
        budget(d, w, "--trials", 500);
        maybe(d, 20, w, {"--stop-at-first"});
        maybe(d, 15, w, {"--json", file(d)});
        maybe(d, 15, w, {"--svg", file(d)});
        maybe(d, 5, w, {"--protocol", d.pick(n_.protocols)});
        return w;
    }

    words check(draws& d) {
        words w = {"check"};
        maybe(d, 50, w, {variant(d)});
        if (w.size() == 1) w.insert(w.end(), {"--variant", variant(d)});
        maybe(d, 40, w, {"--quick"});
        maybe(d, 5, w, {"--thorough"});
        maybe(d, 30, w, {"--against", variant(d)});
        maybe(d, 15, w, {"--json", file(d)});
        maybe(d, 10, w, {"--junit", file(d)});
        maybe(d, 10, w, {"--html", dir_ + "/html"});
        maybe(d, 20, w, {"-j", d.pick(words{"1", "2", "3", "0", "65"})});
        return w;
    }

    words bogus(draws& d) {
        return d.pick(std::vector<words>{{},
                                         {"frobnicate"},
                                         {"--help"},
                                         {"model", "--help"},
                                         {"model"},
                                         {"stress", "--variant"},
                                         {"--version"},
                                         {random_bytes(d)},
                                         {"model", "--variant", "used", "--scenario", "two-poppers", "--", "x"}});
    }

    std::string random_bytes(draws& d) {
        std::string s(1 + d.below(8), ' ');
        for (char& c : s) c = char(1 + d.below(255));
        return s;
    }
    std::string flipped(draws& d, std::string s) {
        if (s.empty()) return "x";
        s[d.below(s.size())] = "0123456789abcdefx.,-"[d.below(20)];
        return s;
    }
    std::string hostile(draws& d, const std::string& was) {
        switch (d.below(12)) {
        case 0: return "99999999999999999999";
        case 1: return "18446744073709551616";
        case 2: return "-1";
        case 3: return "0";
        case 4: return d.pick(words{"inf", "-inf", "nan", "1e300", "1e-300", "0x10"});
        case 5: return "";
        case 6: return random_bytes(d);
        case 7: return flipped(d, was);
        case 8: return d.pick(words{"/dev/full", "/nonexistent/x", "/dev/null", "/"});
        case 9: return "nope";
        case 10: return d.percent(50) ? was + was : was + "\nx";  // a newline must not break bad input's one line
        default: return std::to_string(std::int64_t(d.next()));
        }
    }

    // Drop, repeat or swap options; replace a value; add an option of another command.
    void mutate(draws& d, words& w) {
        if (w.empty()) {
            w.push_back(random_bytes(d));
            return;
        }
        const std::size_t i = d.below(w.size());
        switch (d.below(6)) {
        case 0: w.erase(w.begin() + long(i), w.begin() + long(std::min(w.size(), i + 1 + d.below(2)))); break;
        case 1: {
            const words again(w.begin() + long(i), w.begin() + long(std::min(w.size(), i + 2)));
            w.insert(w.begin() + long(i), again.begin(), again.end());
            break;
        }
        case 2: std::swap(w[i], w[d.below(w.size())]); break;
        case 3: case 4: w[i] = hostile(d, w[i]); break;
        default: {
            const words other = d.percent(50) ? model(d) : stress(d);
            const std::size_t j = 1 + d.below(other.size() - 1);
            w.insert(w.begin() + long(i), other.begin() + long(j), other.begin() + long(std::min(other.size(), j + 2)));
        }
        }
    }

    // Options that write get only paths where writing harms nothing (the
    // tests may run as root): ours (the runs' working folder, for relative
    // ones), or one where the write fails. Mutations may have moved any word
    // after such an option.
    void guard_writes(words& w) const {
        static const words reports = {"/dev/full", "/dev/null", "/nonexistent/x", "/"};
        static const std::map<std::string, words> harmless = {
            {"--json", reports}, {"--svg", reports}, {"--junit", reports},
            {"--html", {"/dev/full", "/dev/null"}},  // it creates its folder
            {"--checkpoint", {"/nonexistent/x"}},    // it renames a file over its path
        };
        for (std::size_t i = 0; i + 1 < w.size(); ++i) {
            const auto option = harmless.find(w[i]);
            if (option == harmless.end()) continue;
            std::string& path = w[i + 1];
            const bool ours = path.find("..") == std::string::npos &&
                              (path.empty() || path[0] != '/' || path.rfind(dir_ + "/", 0) == 0);
            const words& fails = option->second;
            if (!ours && std::find(fails.begin(), fails.end(), path) == fails.end()) path = dir_ + "/guarded";
        }
    }

    const names n_;
    const std::string dir_, token_;
    const words searches_ = {"bound:1", "bound:2", "bound:3", "full", "dpor", "random:50@3", "random:5"};
};

// A word as a shell would need it.
std::string shell_word(const std::string& w) {
    const bool plain = !w.empty() && w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                                         "_./:,@%+=-") == std::string::npos;
    if (plain) return w;
    std::string out = "$'";
    for (const char c : w) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\'' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u >= 0x7f) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", u);
            out += hex;
        } else {
            out += c;
        }
    }
    return out + "'";
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct outcome {
    int status = 0;
    bool termed = false, killed = false;
    double seconds = 0;
    std::string out, err;
};

struct child {
    std::size_t index;
    pid_t pid;
    steady::time_point start;
    bool termed = false, killed = false;
};

pid_t spawn(const std::string& program, const words& args, const std::string& dir, std::size_t index) {
    const std::string out = dir + "/stdout-" + std::to_string(index), err = dir + "/stderr-" + std::to_string(index);
    const pid_t pid = fork();
    if (pid != 0) return pid;
    setpgid(0, 0);  // a group of its own: the SIGTERM reaches what it runs, as Ctrl-C would
    dup2(open("/dev/null", O_RDONLY), STDIN_FILENO);
    dup2(open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), STDOUT_FILENO);
    dup2(open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), STDERR_FILENO);
    if (chdir(dir.c_str()) != 0) _exit(127);
    std::vector<char*> argv = {const_cast<char*>(program.c_str())};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(program.c_str(), argv.data());
    _exit(127);
}

// Runs every argument list, `jobs` at a time, each within the time limits.
std::vector<outcome> run_all(const std::string& program, const std::vector<words>& lists, const std::string& dir,
                             unsigned jobs) {
    std::vector<outcome> results(lists.size());
    std::vector<child> live;
    std::size_t next = 0;
    while (next < lists.size() || !live.empty()) {
        while (next < lists.size() && live.size() < jobs) {
            live.push_back({next, spawn(program, lists[next], dir, next), steady::now()});
            ++next;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        for (auto c = live.begin(); c != live.end();) {
            int status = 0;
            const auto age = steady::now() - c->start;
            if (waitpid(c->pid, &status, WNOHANG) == c->pid) {
                kill(-c->pid, SIGKILL);  // whatever it left running
                outcome& o = results[c->index];
                o = {status, c->termed, c->killed, std::chrono::duration<double>(age).count(), {}, {}};
                const std::string n = std::to_string(c->index);
                o.out = read_file(dir + "/stdout-" + n);
                o.err = read_file(dir + "/stderr-" + n);
                fs::remove(dir + "/stdout-" + n);
                fs::remove(dir + "/stderr-" + n);
                c = live.erase(c);
                continue;
            }
            if (!c->termed && age > run_limit) {
                kill(-c->pid, SIGTERM);
                c->termed = true;
            } else if (!c->killed && age > run_limit + term_grace) {
                kill(-c->pid, SIGKILL);
                c->killed = true;
            }
            ++c;
        }
    }
    return results;
}

std::size_t lines(const std::string& s) { return std::size_t(std::count(s.begin(), s.end(), '\n')); }

// What the run broke of the command line's promises; empty if nothing.
std::string failure(const outcome& o) {
    if (o.killed) return "ignored SIGTERM: still running " + std::to_string(term_grace.count()) + " s after it";
    if (WIFSIGNALED(o.status)) {
        return "ended by signal " + std::to_string(WTERMSIG(o.status)) + " (" + strsignal(WTERMSIG(o.status)) + ")" +
               (o.termed ? ", after the SIGTERM sent at " + std::to_string(run_limit.count()) + " s" : "");
    }
    const int code = WEXITSTATUS(o.status);
    if (code > 3) return "exit code " + std::to_string(code);
    if (code != 2) return {};
    if (o.err.empty() || o.err.back() != '\n') return "bad input (exit 2) without a line on stderr";
    if (o.out.empty() && lines(o.err) != 1) {
        return "bad input (exit 2) printed " + std::to_string(lines(o.err)) + " lines on stderr, not one";
    }
    return {};
}

// The run's subcommand, for the summary; "other" where a mutation replaced it.
std::string subcommand(const words& args) {
    static const words known = {"list", "model", "stress", "check", "mutants", "merge", "orders"};
    if (args.empty() || std::find(known.begin(), known.end(), args[0]) == known.end()) return "other";
    return args[0];
}

std::string command_line(const std::string& program, const words& args) {
    std::string s = shell_word(program);
    for (const std::string& a : args) s += " " + shell_word(a);
    return s;
}

// A replay token of a real counterexample, for --replay (the harness damages copies of it).
std::string replay_token(const std::string& program, const std::string& dir) {
    const outcome o = run_all(program, {{"model", "--variant", "used", "--scenario", "two-poppers", "--search", "bound:1"}}, dir, 1)[0];
    const auto at = o.out.find("--replay ");
    if (at == std::string::npos) return "r0.0";
    return o.out.substr(at + 9, o.out.find('\n', at) - at - 9);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 5) {
        std::cerr << "usage: fuzz_cli SPANCHECK [SEED [RUNS [JOBS]]]\n";
        return 2;
    }
    const std::string program = fs::absolute(argv[1]).string();
    const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
    const std::size_t runs = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 300;
    const unsigned jobs = argc > 4 ? unsigned(std::strtoul(argv[4], nullptr, 10)) : 2;
    char dir_template[] = "/tmp/spancheck-fuzz-XXXXXX";
    if (!mkdtemp(dir_template)) {
        std::cerr << "fuzz_cli: cannot create a temporary folder in /tmp\n";
        return 2;
    }
    const std::string dir = dir_template;
    setenv("SPANCHECK_CACHE", (dir + "/cache").c_str(), 1);  // a variant file compiled by a run stays ours

    const names listed = read_list(run_all(program, {{"list"}}, dir, 1)[0].out);
    if (!complete(listed)) {
        std::cerr << "fuzz_cli: `" << program << " list` names no protocol with variants, scenarios and points\n";
        fs::remove_all(dir);
        return 2;
    }
    grammar g(listed, dir, replay_token(program, dir));
    draws d(seed);
    std::vector<words> lists;
    for (std::size_t i = 0; i < runs; ++i) lists.push_back(g.command(d));
    std::cout << "fuzz_cli: seed " << seed << ", " << runs << " runs of " << program << ", " << jobs << " at a time"
              << std::endl;

    const auto t0 = steady::now();
    const std::vector<outcome> results = run_all(program, lists, dir, jobs);
    std::map<std::string, unsigned> ends;
    unsigned failures = 0, interrupted = 0;
    double longest = 0;
    for (std::size_t i = 0; i < results.size(); ++i) {
        const outcome& o = results[i];
        longest = std::max(longest, o.seconds);
        interrupted += o.termed;
        ends[subcommand(lists[i]) + ": " +
             (WIFSIGNALED(o.status) ? "signal " + std::to_string(WTERMSIG(o.status))
                                    : "exit " + std::to_string(WEXITSTATUS(o.status)))]++;
        const std::string why = failure(o);
        if (why.empty()) continue;
        ++failures;
        std::cout << "FAIL (run " << i << ", " << o.seconds << " s): " << why << "\n  reproduce: "
                  << command_line(program, lists[i]) << "\n  stderr: " << o.err.substr(0, 600) << "\n";
    }
    std::cout << "fuzz_cli: " << runs << " runs in " << std::chrono::duration<double>(steady::now() - t0).count()
              << " s (longest " << longest << " s, " << interrupted << " sent SIGTERM at "
              << run_limit.count() << " s):";
    std::cout << " " << failures << " failures (seed " << seed << ")\n  how they ended:";
    for (const auto& [end, n] : ends) std::cout << " " << end << " ×" << n << ";";
    std::cout << "\n";
    fs::remove_all(dir);
    return failures ? 1 : 0;
}
