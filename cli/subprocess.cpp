#include "subprocess.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace spancheck::cli {

namespace {

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

std::vector<child_result> run_children(const std::vector<std::vector<std::string>>& commands, unsigned jobs) {
    std::vector<child_result> results(commands.size());
    std::map<pid_t, running> live;
    std::size_t next = 0;
    while (next < commands.size() || !live.empty()) {
        while (next < commands.size() && live.size() < (jobs ? jobs : 1)) {
            running r{next, {}, {}};
            const pid_t pid = spawn(commands[next], r);
            live.emplace(pid, std::move(r));
            ++next;
        }
        int status = 0;
        const pid_t pid = waitpid(-1, &status, 0);
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

}  // namespace spancheck::cli
