/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Diagnostics: one line per message on stderr, written with a single
 * write(2) so that lines from several threads do not interleave, and
 * without stdio (no locks, no allocation; safe in a forked child).
 * Control characters of the message (a path with a newline, an error
 * string with an escape sequence) are written as \n, \t, \xNN, so that a
 * message is always exactly one line and cannot forge another.
 */
#include "rbdcompat_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Copy msg to out (room for len bytes) with control characters escaped;
 * returns the bytes written. */
static size_t escape(char *out, size_t len, const char *msg)
{
  static const char hex[] = "0123456789abcdef";
  size_t n = 0;

  for (; *msg; msg++) {
    unsigned char c = (unsigned char)*msg;
    char esc[4];
    size_t k = 0;

    if (c == '\n' || c == '\t' || c == '\r')
      esc[k++] = '\\', esc[k++] = (char)(c == '\n'   ? 'n'
                                         : c == '\t' ? 't'
                                                     : 'r');
    else if (c < 0x20 || c == 0x7f)
      esc[k++] = '\\', esc[k++] = 'x', esc[k++] = hex[c >> 4],
      esc[k++] = hex[c & 15];
    else
      esc[k++] = (char)c;
    if (n + k >= len)
      break;
    memcpy(out + n, esc, k);
    n += k;
  }
  return n;
}

void rbdcompat_log(enum rbdcompat_loglevel level, const char *fmt, ...)
{
  char msg[1024], line[1024];
  int saved = errno;
  size_t n;
  va_list ap;

  if (rbdcompat_loglevel() < level)
    return;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  memcpy(line, "rbdcompat: ", 11);
  n = 11 + escape(line + 11, sizeof line - 12, msg);
  line[n++] = '\n';
  /* Best effort: a closed stderr must not change what the caller sees. */
  if (write(STDERR_FILENO, line, n) < 0)
    (void)0;
  errno = saved;
}
