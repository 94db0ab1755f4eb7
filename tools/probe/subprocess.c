/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * posix_spawnp() rather than system(): no shell sees the arguments (paths
 * from the command line), and the environment is ours to set.
 */
#include "subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

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

int spawn_wait(char *const argv[], const char *out_path, const char *err_path)
{
  posix_spawn_file_actions_t fa;
  char **env = c_locale_env();
  pid_t pid;
  int rc, status;

  if (!env)
    return -1;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path,
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, err_path,
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
  posix_spawn_file_actions_destroy(&fa);
  free(env);
  if (rc) {
    errno = rc;
    return -1;
  }
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  if (WIFSIGNALED(status))
    return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
