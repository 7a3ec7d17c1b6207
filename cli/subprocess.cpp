#include "subprocess.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "../report/bad_input.hpp"

extern char** environ;

namespace spancheck::cli {

namespace {

volatile std::sig_atomic_t stop_requested = 0;
extern "C" void on_stop(int) { stop_requested = 1; }

// Ctrl-C and SIGTERM set stop_requested while children run; the handlers
// before are back afterwards.
struct stop_handlers {
    struct sigaction old_int{}, old_term{};
    stop_handlers() {
        struct sigaction sa{};
        sa.sa_handler = on_stop;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &old_int);
        sigaction(SIGTERM, &sa, &old_term);
    }
    ~stop_handlers() {
        sigaction(SIGINT, &old_int, nullptr);
        sigaction(SIGTERM, &old_term, nullptr);
    }
    stop_handlers(const stop_handlers&) = delete;
    stop_handlers& operator=(const stop_handlers&) = delete;
};

struct temp_file {
    std::string path;
    temp_file() {
        char name[] = "/tmp/spancheck-child-XXXXXX";
        const int fd = mkstemp(name);
        if (fd < 0) throw std::runtime_error("cannot create a temporary file in /tmp");
        close(fd);
        path = name;
    }
    temp_file(temp_file&& other) noexcept : path(std::move(other.path)) { other.path.clear(); }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    ~temp_file() {
        if (!path.empty()) unlink(path.c_str());
    }
    std::string read() const {
        std::ifstream in(path);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
};

struct running {
    std::size_t index;
    temp_file out, err;
};

pid_t spawn(const std::vector<std::string>& argv, const running& r) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, r.out.path.c_str(), O_WRONLY | O_TRUNC, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, r.err.path.c_str(), O_WRONLY | O_TRUNC, 0);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot run " + argv[0]);
    return pid;
}

}  // namespace

bool interrupted() { return stop_requested != 0; }

std::vector<child_result> run_children(const std::vector<std::vector<std::string>>& commands, unsigned jobs) {
    std::vector<child_result> results(commands.size());
    std::map<pid_t, running> live;
    const stop_handlers handlers;
    bool told = false;  // the live children were sent SIGTERM
    std::size_t next = 0;
    while (next < commands.size() || !live.empty()) {
        if (stop_requested) {
            for (; next < commands.size(); ++next) results[next].not_run = true;
            if (!told) {
                for (const auto& [pid, r] : live) kill(pid, SIGTERM);
                told = true;
            }
            if (live.empty()) break;
        }
        while (next < commands.size() && live.size() < (jobs ? jobs : 1)) {
            running r{next, {}, {}};
            const pid_t pid = spawn(commands[next], r);
            live.emplace(pid, std::move(r));
            ++next;
        }
        int status = 0;
        // Polled, so that a signal between the check above and the wait
        // cannot leave the children running unasked until they end.
        const pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid == 0) {
            usleep(10000);
            continue;
        }
        if (pid < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error("waitpid failed");
        }
        auto it = live.find(pid);
        if (it == live.end()) continue;
        child_result& c = results[it->second.index];
        c.out = it->second.out.read();
        c.err = it->second.err.read();
        if (WIFEXITED(status)) c.exit_code = WEXITSTATUS(status);
        if (WIFSIGNALED(status)) c.signal = WTERMSIG(status);
        live.erase(it);
    }
    return results;
}

std::string self_path() {
    std::error_code error;
    return std::filesystem::read_symlink("/proc/self/exe", error).string();
}

std::vector<reporting_child> run_reporting_children(const std::vector<std::vector<std::string>>& commands,
                                                    unsigned jobs) {
    char dir[] = "/tmp/spancheck-reports-XXXXXX";
    if (!mkdtemp(dir)) throw report::bad_input{"cannot create a temporary directory in /tmp"};
    std::vector<std::vector<std::string>> with_json = commands;
    for (std::size_t k = 0; k < with_json.size(); ++k) {
        with_json[k].insert(with_json[k].end(), {"--json", std::string(dir) + "/" + std::to_string(k) + ".json"});
    }
    const std::vector<child_result> results = run_children(with_json, jobs);
    std::vector<reporting_child> out;
    for (std::size_t k = 0; k < results.size(); ++k) {
        reporting_child c{results[k], nlohmann::json()};
        const std::string& file = with_json[k].back();
        if (std::ifstream in(file); in) c.report = nlohmann::json::parse(in, nullptr, false);
        if (c.report.is_discarded()) c.report = nlohmann::json();
        std::remove(file.c_str());
        out.push_back(std::move(c));
    }
    std::remove(dir);
    return out;
}

}  // namespace spancheck::cli
