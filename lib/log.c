/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Diagnostics: one line per message on stderr, written with a single
 * write(2) so that lines from several threads do not interleave, and
 * without stdio (no locks, no allocation; safe in a forked child).
 */
#include "rbdcompat_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

void rbdcompat_log(enum rbdcompat_loglevel level, const char *fmt, ...)
{
  char line[1024];
  int saved = errno;
  size_t n;
  int len;
  va_list ap;

  if (rbdcompat_loglevel() < level)
    return;
  len = snprintf(line, sizeof line, "rbdcompat: ");
  va_start(ap, fmt);
  len += vsnprintf(line + len, sizeof line - (size_t)len, fmt, ap);
  va_end(ap);
  n = (size_t)len < sizeof line - 1 ? (size_t)len : sizeof line - 2;
  line[n++] = '\n';
  /* Best effort: a closed stderr must not change what the caller sees. */
  if (write(STDERR_FILENO, line, n) < 0)
    (void)0;
  errno = saved;
}
