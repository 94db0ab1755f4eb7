/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fork() and execvp() rather than system(): no shell sees the arguments
 * (paths from the command line), the environment is ours to set, and the
 * child gets its resource limits before it starts (posix_spawn() cannot
 * set them).
 */
#include "subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* The environment with LC_ALL=C instead of any locale setting. */
static char **c_locale_env(void)
{
  size_t n = 0, k = 0;
  char **env;

  while (environ[n])
    n++;
  env = calloc(n + 2, sizeof *env);
  if (!env)
    return NULL;
  for (size_t i = 0; i < n; i++)
    if (strncmp(environ[i], "LC_ALL=", 7) && strncmp(environ[i], "LANG=", 5) &&
        strncmp(environ[i], "LANGUAGE=", 9) &&
        strncmp(environ[i], "LC_MESSAGES=", 12))
      env[k++] = environ[i];
  env[k++] = "LC_ALL=C";
  env[k] = NULL;
  return env;
}

static void redirect(int fd, const char *path, int flags)
{
  int f = open(path, flags | O_CLOEXEC, 0600);

  if (f < 0 || dup2(f, fd) < 0)
    _exit(127);
  close(f);
}

/* In the child: limits, files, then the program. Only async-signal-safe
 * calls (and execvpe's search) after fork(). */
static void child(char *const argv[], char **env, const char *out_path,
                  const char *err_path, int report)
{
  struct rlimit mem = { SPAWN_MEMORY_LIMIT, SPAWN_MEMORY_LIMIT };
  struct rlimit cpu = { SPAWN_CPU_SECONDS, SPAWN_CPU_SECONDS + 5 };
  int e;

  setpgid(0, 0); /* one group, so that a timeout kills cc1 too */
  setrlimit(RLIMIT_AS, &mem);
  setrlimit(RLIMIT_CPU, &cpu);
  redirect(0, "/dev/null", O_RDONLY);
  redirect(1, out_path, O_WRONLY | O_CREAT | O_TRUNC);
  redirect(2, err_path, O_WRONLY | O_CREAT | O_TRUNC);
  execvpe(argv[0], argv, env);
  e = errno;
  if (write(report, &e, sizeof e) < 0)
    _exit(127);
  _exit(127);
}

int spawn_wait(char *const argv[], const char *out_path, const char *err_path)
{
  char **env = c_locale_env();
  const struct timespec tick = { 0, 20 * 1000 * 1000 };
  long waited_ms = 0;
  int pipefd[2], status, e = 0;
  pid_t pid, got;

  if (!env)
    return -1;
  /* The child writes errno here if execvpe() fails; close-on-exec
   * closes it (no bytes) when it succeeds. */
  if (pipe2(pipefd, O_CLOEXEC)) {
    free(env);
    return -1;
  }
  pid = fork();
  if (pid == 0)
    child(argv, env, out_path, err_path, pipefd[1]);
  free(env);
  close(pipefd[1]);
  if (pid < 0) {
    close(pipefd[0]);
    return -1;
  }
  if (read(pipefd[0], &e, sizeof e) != (ssize_t)sizeof e)
    e = 0;
  close(pipefd[0]);
  for (;;) {
    got = waitpid(pid, &status, WNOHANG);
    if (got == pid)
      break;
    if (got < 0 && errno != EINTR)
      return -1;
    if (waited_ms >= SPAWN_WALL_SECONDS * 1000L) {
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
      return SPAWN_TIMED_OUT;
    }
    nanosleep(&tick, NULL);
    waited_ms += 20;
  }
  kill(-pid, SIGKILL); /* anything it left behind in its group */
  if (e) {
    errno = e;
    return -1;
  }
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
