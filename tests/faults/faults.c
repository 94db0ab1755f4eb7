/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "faults.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *fault_tempdir(void)
{
  static char dirs[4][4096];
  static int next;
  const char *base = getenv("TMPDIR");
  char *d = dirs[next++ % 4];

  snprintf(d, sizeof dirs[0], "%s/rbdcompat-fault.XXXXXX",
           base && *base ? base : "/tmp");
  return mkdtemp(d);
}

const char *fault_join(const char *dir, const char *name)
{
  static char paths[4][8192];
  static int next;
  char *p = paths[next++ % 4];

  snprintf(p, sizeof paths[0], "%s/%s", dir, name);
  return p;
}

int fault_copy(const char *src, const char *dst)
{
  char buf[65536];
  int in = open(src, O_RDONLY | O_CLOEXEC);
  int out = in < 0 ? -1
                   : open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
  ssize_t n = 0;

  while (out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
    if (write(out, buf, (size_t)n) != n) {
      n = -1;
      break;
    }
  if (in >= 0)
    close(in);
  if (out >= 0)
    close(out);
  return in < 0 || out < 0 || n < 0 ? -1 : 0;
}

int fault_run_child(int (*fn)(void *), void *arg, unsigned seconds)
{
  struct timespec tick = { 0, 5 * 1000 * 1000 };
  long waited_ms = 0;
  int status;
  pid_t pid = fork();

  if (pid < 0)
    return -1;
  if (pid == 0) {
    /* Own process group: a timeout kills whatever the child started. And
     * SIGALRM back to its default: Check's handler, inherited, would kill
     * the test's process group instead of this child. */
    setpgid(0, 0);
    signal(SIGALRM, SIG_DFL);
    _exit(fn(arg));
  }
  setpgid(pid, pid);
  /* Poll rather than alarm(): the tests themselves use SIGALRM. */
  for (;;) {
    pid_t r = waitpid(pid, &status, WNOHANG);

    if (r == pid)
      break;
    if (r < 0 && errno != EINTR)
      return -1;
    if (waited_ms >= (long)seconds * 1000) {
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
      return -1;
    }
    nanosleep(&tick, NULL);
    waited_ms += 5;
  }
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return -2 - (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

const char *fault_status_str(int status)
{
  static char s[64];

  if (status == -1)
    snprintf(s, sizeof s, "hung (killed after the deadline)");
  else if (status < -1)
    snprintf(s, sizeof s, "killed by signal %d (%s)", -2 - status,
             strsignal(-2 - status));
  else
    snprintf(s, sizeof s, "exit status %d", status);
  return s;
}

size_t fault_longest_line(const char *text)
{
  size_t longest = 0;

  while (text && *text) {
    const char *end = strchr(text, '\n');
    size_t len = end ? (size_t)(end - text) : strlen(text);

    if (len > longest)
      longest = len;
    text = end ? end + 1 : NULL;
  }
  return longest;
}

char *fault_repeat(char c, size_t n)
{
  char *s = malloc(n + 1);

  if (s) {
    memset(s, c, n);
    s[n] = '\0';
  }
  return s;
}

int fault_rounds(int normal)
{
  const char *v = getenv("RBDCOMPAT_FAULT_ROUNDS");
  int n = v ? atoi(v) : 0;

  return n > 0 && n < normal ? n : normal;
}

int fault_count_fds(void)
{
  DIR *d = opendir("/proc/self/fd");
  struct dirent *e;
  int n = 0;

  if (!d)
    return -1;
  while ((e = readdir(d)))
    if (e->d_name[0] != '.')
      n++;
  closedir(d);
  return n - 1; /* the directory stream's own descriptor */
}
