// SPDX-License-Identifier: EUPL-1.2
#include "quali/io/process.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

extern char** environ;

namespace quali::io {

namespace {

[[noreturn]] void fail(const char* what)
{
    throw std::system_error(errno, std::generic_category(), what);
}

// Both ends of a pipe, closed on destruction unless released.
struct Pipe {
    std::array<int, 2> fd{-1, -1};
    Pipe()
    {
        if (::pipe2(fd.data(), O_CLOEXEC) != 0) fail("pipe");
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    ~Pipe()
    {
        close(0);
        close(1);
    }
    void close(int i)
    {
        if (fd[static_cast<std::size_t>(i)] >= 0) ::close(fd[static_cast<std::size_t>(i)]);
        fd[static_cast<std::size_t>(i)] = -1;
    }
    int operator[](int i) const { return fd[static_cast<std::size_t>(i)]; }
};

// Ignores SIGPIPE while a child's input is written: a child that exits without reading all of
// it must not kill quali.
class IgnoreSigpipe {
public:
    IgnoreSigpipe()
    {
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        ::sigaction(SIGPIPE, &ignore, &m_old);
    }
    IgnoreSigpipe(const IgnoreSigpipe&) = delete;
    IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;
    ~IgnoreSigpipe() { ::sigaction(SIGPIPE, &m_old, nullptr); }

private:
    struct sigaction m_old {};
};

class FileActions {
public:
    FileActions() { ::posix_spawn_file_actions_init(&m_actions); }
    FileActions(const FileActions&) = delete;
    FileActions& operator=(const FileActions&) = delete;
    ~FileActions() { ::posix_spawn_file_actions_destroy(&m_actions); }
    posix_spawn_file_actions_t* get() { return &m_actions; }

private:
    posix_spawn_file_actions_t m_actions{};
};

} // namespace

std::optional<ProcessResult> run_process(const std::vector<std::string>& argv, std::string_view input)
{
    if (argv.empty()) return std::nullopt;
    Pipe in, out, err;
    FileActions actions;
    ::posix_spawn_file_actions_adddup2(actions.get(), in[0], STDIN_FILENO);
    ::posix_spawn_file_actions_adddup2(actions.get(), out[1], STDOUT_FILENO);
    ::posix_spawn_file_actions_adddup2(actions.get(), err[1], STDERR_FILENO);

    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);

    IgnoreSigpipe guard;
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, args[0], actions.get(), nullptr, args.data(), environ);
    if (rc == ENOENT || rc == EACCES || rc == ENOTDIR) return std::nullopt;
    if (rc != 0) {
        errno = rc;
        fail("posix_spawn");
    }
    in.close(0);
    out.close(1);
    err.close(1);
    if (input.empty()) in.close(1);
    else ::fcntl(in[1], F_SETFL, ::fcntl(in[1], F_GETFL) | O_NONBLOCK);

    // Writes the input and reads both outputs together, so that no pipe fills up and blocks.
    ProcessResult result;
    std::array<char, 65536> buffer{};
    while (in[1] >= 0 || out[0] >= 0 || err[0] >= 0) {
        std::array<pollfd, 3> fds{{{in[1], POLLOUT, 0}, {out[0], POLLIN, 0}, {err[0], POLLIN, 0}}};
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            fail("poll");
        }
        if (in[1] >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
            const ssize_t n = ::write(in[1], input.data(), input.size());
            if (n > 0) input.remove_prefix(static_cast<std::size_t>(n));
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || input.empty()) in.close(1);
        }
        for (std::size_t i = 1; i < 3; ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) == 0) continue;
            const ssize_t n = ::read(fds[i].fd, buffer.data(), buffer.size());
            if (n > 0) (i == 1 ? result.out : result.err).append(buffer.data(), static_cast<std::size_t>(n));
            else if (n == 0 || (errno != EAGAIN && errno != EINTR)) (i == 1 ? out : err).close(0);
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) fail("waitpid");
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

bool program_in_path(std::string_view name)
{
    const char* path = std::getenv("PATH");
    std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
    while (true) {
        const auto colon = dirs.find(':');
        const std::string dir(dirs.substr(0, colon));
        const std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) return true;
        if (colon == std::string_view::npos) return false;
        dirs.remove_prefix(colon + 1);
    }
}

} // namespace quali::io
