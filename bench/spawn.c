/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * spawn RUNS -- [VAR=VALUE...] PROG [ARG...] -- [VAR=VALUE...] PROG ...
 *
 * Runs the given commands RUNS times each, alternating A B, B A, A B...
 * (so that a drift of the machine's speed hits all of them alike, and
 * neither always runs right after the other), and prints
 * one line per run: "INDEX NANOSECONDS", the wall time from posix_spawn()
 * to the end of waitpid(). A command's leading VAR=VALUE words are added to
 * its environment, as env(1) would, but without exec'ing env in between,
 * which would be most of what is measured. The commands' output is thrown
 * away; one untimed warm-up run of each comes first (page cache).
 *
 * Used for the process-level rows of bench/run: /bin/true with and
 * without LD_PRELOAD, and whole processes of call_loop.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

#define MAX_CMDS 8

struct cmd {
  char **argv; /* NULL-terminated, inside the program's own argv */
  char **envp; /* environ with the VAR=VALUE words replacing or added */
};

static long long now_ns(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* environ, minus the variables 'set' names, plus 'set'. */
static char **make_env(char **set, int nset)
{
  int n = 0, k = 0, i, j;
  char **env;

  while (environ[n])
    n++;
  env = calloc((size_t)(n + nset + 1), sizeof *env);
  if (!env)
    exit(2);
  for (i = 0; i < n; i++) {
    int replaced = 0;

    for (j = 0; j < nset; j++) {
      size_t len = (size_t)(strchr(set[j], '=') - set[j]) + 1;

      if (!strncmp(environ[i], set[j], len))
        replaced = 1;
    }
    if (!replaced)
      env[k++] = environ[i];
  }
  for (j = 0; j < nset; j++)
    env[k++] = set[j];
  return env;
}

/* Is s a VAR=VALUE word (as env(1) takes them)? */
static int is_assignment(const char *s)
{
  const char *p = s;

  while (*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
         (p > s && *p >= '0' && *p <= '9'))
    p++;
  return p > s && *p == '=';
}

/* Split argv at the "--" words into commands; each "--" becomes the NULL
 * that ends the command before it (argv[argc] ends the last one). */
static int parse(int argc, char **argv, struct cmd *cmds)
{
  int n = 0, i = 2;

  if (i >= argc || strcmp(argv[i], "--"))
    return -1;
  while (i < argc) {
    int start = ++i, nset = 0;

    while (i < argc && strcmp(argv[i], "--"))
      i++;
    if (i < argc)
      argv[i] = NULL;
    while (start + nset < i && is_assignment(argv[start + nset]))
      nset++;
    if (start + nset == i || n == MAX_CMDS)
      return -1;
    cmds[n].envp = make_env(argv + start, nset);
    cmds[n].argv = argv + start + nset;
    n++;
  }
  return n;
}

static long long run(const struct cmd *c, posix_spawn_file_actions_t *fa)
{
  long long t0 = now_ns();
  pid_t pid;
  int status;

  if (posix_spawnp(&pid, c->argv[0], fa, NULL, c->argv, c->envp)) {
    perror(c->argv[0]);
    exit(2);
  }
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
      WEXITSTATUS(status)) {
    fprintf(stderr, "spawn: %s failed\n", c->argv[0]);
    exit(2);
  }
  return now_ns() - t0;
}

int main(int argc, char **argv)
{
  struct cmd cmds[MAX_CMDS];
  posix_spawn_file_actions_t fa;
  long runs;
  int n, i, r;

  if (argc < 4 || (runs = strtol(argv[1], NULL, 10)) <= 0 ||
      (n = parse(argc, argv, cmds)) <= 0) {
    fprintf(stderr, "usage: spawn RUNS -- [VAR=VALUE...] PROG [ARG...]"
                    " [-- ...]\n");
    return 2;
  }
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  for (i = 0; i < n; i++)
    (void)run(&cmds[i], &fa);
  for (r = 0; r < runs; r++)
    for (i = 0; i < n; i++) {
      int k = r % 2 ? n - 1 - i : i;

      printf("%d %lld\n", k, run(&cmds[k], &fa));
    }
  return 0;
}
