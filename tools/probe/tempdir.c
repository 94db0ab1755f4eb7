/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The scratch directory where the header probe program is written,
 * compiled and run. mkdtemp() makes it private (mode 0700), so nobody else
 * can put a file there between our writing and our compiling it.
 */
#include "tempdir.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tempdir_make(char *out, size_t len)
{
  const char *base = getenv("TMPDIR");

  if (!base || !*base)
    base = "/tmp";
  if (snprintf(out, len, "%s/rbdcompat-probe.XXXXXX", base) >= (int)len) {
    errno = ENAMETOOLONG;
    return -1;
  }
  return mkdtemp(out) ? 0 : -1;
}

static int mkdirs(char *path)
{
  char *p;

  for (p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
    *p = '\0';
    if (mkdir(path, 0700) < 0 && errno != EEXIST) {
      *p = '/';
      return -1;
    }
    *p = '/';
  }
  return 0;
}

int tempdir_write(const char *dir, const char *rel, const char *text)
{
  char path[PATH_MAX];
  size_t len = strlen(text), done = 0;
  int fd;

  if (snprintf(path, sizeof path, "%s/%s", dir, rel) >= (int)sizeof path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  if (mkdirs(path) < 0)
    return -1;
  fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return -1;
  while (done < len) {
    ssize_t n = write(fd, text + done, len - done);

    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int e = errno;

      close(fd);
      errno = e;
      return -1;
    }
    done += (size_t)n;
  }
  return close(fd);
}

static int remove_one(const char *path, const struct stat *st, int flag,
                      struct FTW *ftw)
{
  (void)st;
  (void)ftw;
  if (flag == FTW_DP)
    rmdir(path);
  else
    unlink(path);
  return 0;
}

void tempdir_remove(const char *dir)
{
  nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}
