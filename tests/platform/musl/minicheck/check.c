/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* minicheck: see check.h. */
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_TESTS 256
#define MAX_TCASES 32
#define MAX_FIXTURES 4

struct entry {
  const struct mc_test *test;
  int start, end;
};

struct TCase {
  const char *name;
  double timeout;
  struct entry tests[MAX_TESTS];
  int ntests;
  SFun setup[MAX_FIXTURES], teardown[MAX_FIXTURES];
  int nfixtures;
};

struct Suite {
  const char *name;
  TCase *tcases[MAX_TCASES];
  int ntcases;
  Suite *next;
};

struct SRunner {
  Suite *suites;
  int run, failed;
};

/* Where failures are reported: the runner's stderr, kept apart from fd 2
 * (which tests redirect), and what the current child is running. */
static int report_fd = STDERR_FILENO;
static const char *cur_tcase = "", *cur_test = "";
static int cur_iter;

static void *xcalloc(size_t n)
{
  void *p = calloc(1, n);

  if (!p) {
    perror("minicheck");
    exit(2);
  }
  return p;
}

Suite *suite_create(const char *name)
{
  Suite *s = xcalloc(sizeof *s);

  s->name = name;
  return s;
}

static double default_timeout(void)
{
  const char *t = getenv("CK_DEFAULT_TIMEOUT");

  return t && *t ? atof(t) : 4.0; /* Check's default */
}

TCase *tcase_create(const char *name)
{
  TCase *tc = xcalloc(sizeof *tc);

  tc->name = name;
  tc->timeout = default_timeout();
  return tc;
}

void suite_add_tcase(Suite *s, TCase *tc)
{
  if (s->ntcases < MAX_TCASES)
    s->tcases[s->ntcases++] = tc;
}

void tcase_set_timeout(TCase *tc, double seconds)
{
  tc->timeout = seconds;
}

void tcase_add_checked_fixture(TCase *tc, SFun setup, SFun teardown)
{
  if (tc->nfixtures < MAX_FIXTURES) {
    tc->setup[tc->nfixtures] = setup;
    tc->teardown[tc->nfixtures++] = teardown;
  }
}

void tcase_add_unchecked_fixture(TCase *tc, SFun setup, SFun teardown)
{
  /* Run around each test too: in a forked child that is equivalent. */
  tcase_add_checked_fixture(tc, setup, teardown);
}

void mc_add_test(TCase *tc, const struct mc_test *t, int start, int end)
{
  if (tc->ntests < MAX_TESTS) {
    tc->tests[tc->ntests].test = t;
    tc->tests[tc->ntests].start = start;
    tc->tests[tc->ntests++].end = end;
  }
}

SRunner *srunner_create(Suite *s)
{
  SRunner *sr = xcalloc(sizeof *sr);

  sr->suites = s;
  return sr;
}

void srunner_add_suite(SRunner *sr, Suite *s)
{
  Suite **p = &sr->suites;

  while (*p)
    p = &(*p)->next;
  *p = s;
}

static void report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void report(const char *fmt, ...)
{
  char line[4096];
  va_list ap;
  int n;

  va_start(ap, fmt);
  n = vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  if (n > (int)sizeof line - 1)
    n = (int)sizeof line - 1;
  if (n > 0 && write(report_fd, line, (size_t)n) < 0)
    (void)0;
}

void mc_fail(const char *file, int line, const char *expr, const char *fmt, ...)
{
  char msg[2048];
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  report("%s:%d:F:%s:%s:%d: Assertion '%s' failed%s%s\n", file, line, cur_tcase,
         cur_test, cur_iter, expr, *msg ? ": " : "", msg);
  fflush(stdout);
  _exit(1);
}

static void run_body(const TCase *tc, const struct entry *e, int i)
{
  int f;

  for (f = 0; f < tc->nfixtures; f++)
    if (tc->setup[f])
      tc->setup[f]();
  e->test->fn(i);
  for (f = tc->nfixtures - 1; f >= 0; f--)
    if (tc->teardown[f])
      tc->teardown[f]();
}

/* 0 when the test passed; a report line otherwise. */
static int run_forked(const TCase *tc, const struct entry *e, int i)
{
  const char *mult = getenv("CK_TIMEOUT_MULTIPLIER");
  double limit = tc->timeout * (mult && *mult ? atof(mult) : 1.0);
  struct timespec tick = { 0, 2 * 1000 * 1000 }, start, now;
  int status;
  pid_t pid;

  fflush(NULL);
  pid = fork();
  if (pid < 0) {
    report("minicheck: fork: %s\n", strerror(errno));
    return 1;
  }
  if (pid == 0) {
    setpgid(0, 0);
    run_body(tc, e, i);
    exit(EXIT_SUCCESS); /* exit(), not _exit(): flush what the test printed */
  }
  setpgid(pid, pid);
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (;;) {
    pid_t r = waitpid(pid, &status, WNOHANG);

    if (r == pid)
      break;
    if (r < 0 && errno != EINTR) {
      report("minicheck: waitpid: %s\n", strerror(errno));
      return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &now);
    if ((double)(now.tv_sec - start.tv_sec) +
            (double)(now.tv_nsec - start.tv_nsec) / 1e9 >
        limit) {
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      report("%s:%s:%d: test timeout expired (%.0fs)\n", tc->name,
             e->test->name, i, limit);
      return 1;
    }
    nanosleep(&tick, NULL);
  }
  if (WIFSIGNALED(status)) {
    report("%s:%s:%d: received signal %d (%s)\n", tc->name, e->test->name, i,
           WTERMSIG(status), strsignal(WTERMSIG(status)));
    return 1;
  }
  if (WEXITSTATUS(status)) {
    /* A failed assertion has said why; anything else has not. */
    if (WEXITSTATUS(status) != 1)
      report("%s:%s:%d: early exit with return value %d\n", tc->name,
             e->test->name, i, WEXITSTATUS(status));
    return 1;
  }
  return 0;
}

/* Is name in the comma-separated list in environment variable var? */
static int listed(const char *var, const char *name)
{
  const char *p = getenv(var);
  size_t n = strlen(name);

  while (p && *p) {
    const char *end = strchr(p, ',');
    size_t len = end ? (size_t)(end - p) : strlen(p);

    if (len == n && !strncmp(p, name, n))
      return 1;
    p = end ? end + 1 : NULL;
  }
  return 0;
}

void srunner_run_all(SRunner *sr, enum print_output print_mode)
{
  const char *fork_env = getenv("CK_FORK");
  int no_fork = fork_env && !strcmp(fork_env, "no");
  int fd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 100);
  Suite *s;

  if (fd >= 0)
    report_fd = fd;
  for (s = sr->suites; s; s = s->next) {
    int t, run = 0, failed = 0;

    if (print_mode != CK_SILENT)
      printf("Running suite(s): %s\n", s->name);
    for (t = 0; t < s->ntcases; t++) {
      const TCase *tc = s->tcases[t];
      int k, i;

      for (k = 0; k < tc->ntests; k++) {
        const struct entry *e = &tc->tests[k];

        int xfail = listed("MINICHECK_XFAIL", e->test->name);

        if (listed("MINICHECK_SKIP", e->test->name)) {
          report("%s:%s: skipped (MINICHECK_SKIP)\n", tc->name, e->test->name);
          continue;
        }
        for (i = e->start; i < e->end; i++) {
          int bad;

          cur_tcase = tc->name;
          cur_test = e->test->name;
          cur_iter = i;
          run++;
          if (no_fork) {
            run_body(tc, e, i);
            bad = 0;
          } else {
            bad = run_forked(tc, e, i);
          }
          if (xfail) {
            report("%s:%s:%d: %s\n", tc->name, e->test->name, i,
                   bad ? "failed as expected (MINICHECK_XFAIL: a known bug)"
                       : "UNEXPECTED PASS (listed in MINICHECK_XFAIL)");
            bad = !bad;
          }
          if (bad)
            failed++;
          else if (print_mode == CK_VERBOSE)
            printf("%s:%s:%d: Passed\n", tc->name, e->test->name, i);
        }
      }
    }
    if (print_mode != CK_SILENT)
      printf("%d%%: Checks: %d, Failures: %d, Errors: 0\n",
             run ? 100 * (run - failed) / run : 100, run, failed);
    fflush(stdout);
    sr->run += run;
    sr->failed += failed;
  }
}

int srunner_ntests_failed(SRunner *sr)
{
  return sr->failed;
}

int srunner_ntests_run(SRunner *sr)
{
  return sr->run;
}

void srunner_free(SRunner *sr)
{
  free(sr);
}
