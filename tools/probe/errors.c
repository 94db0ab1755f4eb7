/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The probe's one-line error messages. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>

void probe_error(const char *fmt, ...)
{
  va_list ap;

  fflush(stdout);
  fputs(PROBE_NAME ": ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}
