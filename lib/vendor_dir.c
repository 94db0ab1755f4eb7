/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The vendor directory of a drop-in install: RBDCOMPAT_VENDOR_DIR (ignored
 * under secure execution), else the one chosen at build time (meson
 * -Dvendor_dir).
 *
 * "$ORIGIN" or "${ORIGIN}" in either stands for the directory of the
 * shim's own file, as in a RUNPATH: a bundle that is copied or mounted
 * anywhere (rbdcompat-bundle) keeps its vendor beside the shim instead of
 * at a path compiled in. The shim's path is the one the dynamic loader
 * recorded for it (dladdr), so no /proc is needed.
 */
#include "rbdcompat_internal.h"

#include <dlfcn.h>
#include <string.h>

const char rbdcompat_default_vendor_dir[] = RBDCOMPAT_DEFAULT_VENDOR_DIR;

/* The directory of the shim's own file, into buf; 0 on success. */
static int origin(char *buf, size_t len)
{
  Dl_info info;
  const char *slash;
  size_t n;

  if (!dladdr((void *)&origin, &info) || !info.dli_fname || !*info.dli_fname)
    return -1;
  slash = strrchr(info.dli_fname, '/');
  if (!slash) /* loaded by a bare name: the current directory */
    return len < 2 ? -1 : (memcpy(buf, ".", 2), 0);
  n = slash == info.dli_fname ? 1 : (size_t)(slash - info.dli_fname);
  if (n >= len)
    return -1;
  memcpy(buf, info.dli_fname, n);
  buf[n] = '\0';
  return 0;
}

const char *rbdcompat_vendor_dir(char *buf, size_t len)
{
  const char *dir = rbdcompat_secure_getenv("RBDCOMPAT_VENDOR_DIR");
  char self[4096];
  size_t used = 0;
  int have_self = 0;

  if (!dir || !*dir)
    dir = rbdcompat_default_vendor_dir;
  if (!strstr(dir, "$ORIGIN") && !strstr(dir, "${ORIGIN}"))
    return dir;
  /* Expand every token; anything that does not fit gives NULL (the
   * caller then skips the vendor directory rather than use a cut path). */
  while (*dir) {
    const char *piece = dir;
    size_t plen = 1, skip = 0;

    if (!strncmp(dir, "$ORIGIN", 7))
      skip = 7;
    else if (!strncmp(dir, "${ORIGIN}", 9))
      skip = 9;
    if (skip) {
      if (!have_self && origin(self, sizeof self))
        return NULL;
      have_self = 1;
      piece = self;
      plen = strlen(self);
    }
    if (used + plen >= len)
      return NULL;
    memcpy(buf + used, piece, plen);
    used += plen;
    dir += skip ? skip : 1;
  }
  buf[used] = '\0';
  return buf;
}
