/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Configuration from the environment. Read lazily, at resolution time
 * (never at load time), and never allocating. Every RBDCOMPAT_* variable
 * is read through rbdcompat_secure_getenv(): in a setuid, setgid or
 * file-capability process none of them has any effect (an unprivileged
 * user must not be able to silence warnings, or disable functions of, a
 * privileged consumer).
 */
#include "rbdcompat_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

const char *rbdcompat_secure_getenv(const char *name)
{
  /* AT_SECURE is set for setuid/setgid and capability-raising execs:
   * then nothing from the environment is trusted. */
  if (getauxval(AT_SECURE))
    return NULL;
  return getenv(name);
}

enum rbdcompat_loglevel rbdcompat_loglevel(void)
{
  const char *v = rbdcompat_secure_getenv("RBDCOMPAT_LOG");

  if (!v || !*v || !strcmp(v, "warn"))
    return RBDCOMPAT_LOG_WARN;
  if (!strcmp(v, "off"))
    return RBDCOMPAT_LOG_OFF;
  if (!strcmp(v, "debug"))
    return RBDCOMPAT_LOG_DEBUG;
  /* An unknown value must not silence warnings. */
  return RBDCOMPAT_LOG_WARN;
}

int rbdcompat_list_has(const char *list, const char *name)
{
  size_t n = strlen(name);
  const char *p = list;

  while (p && *p) {
    const char *end = strchr(p, ',');
    size_t len = end ? (size_t)(end - p) : strlen(p);

    /* Tolerate blanks around names: "a, b". */
    while (len && (*p == ' ' || *p == '\t'))
      p++, len--;
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
      len--;
    if (len == n && !memcmp(p, name, n))
      return 1;
    p = end ? end + 1 : NULL;
  }
  return 0;
}

int rbdcompat_disabled(const char *name)
{
  return rbdcompat_list_has(rbdcompat_secure_getenv("RBDCOMPAT_DISABLE"), name);
}
