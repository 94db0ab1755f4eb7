/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * bin/NAME of an rbdcompat bundle: runs ROOT/libexec/NAME through the
 * bundle's own dynamic loader, ROOT/lib/ld-*.so, with ROOT/lib as its
 * library path, so that nothing of the machine's or the image's libraries
 * is used and the bundle works wherever it is copied or mounted.
 *
 * Statically linked: it must run in an empty root (a chroot of the bundle
 * alone, an Alpine image) where there is no loader to start it. It finds
 * ROOT without needing /proc: /proc/self/exe if there is one, else argv[0]
 * (a path, or a name searched in PATH).
 *
 * ROOT/etc/launcher.env says what else to set: lines "NAME=VALUE" (with
 * ${BUNDLE} replaced by ROOT) become environment variables ("NAME?=VALUE"
 * only if NAME is not set), "@loader FILE" names the loader, and a line
 * "@preload FILE" (relative to ROOT) is given to the loader's --preload.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_PRELOAD 8

static void die(const char *what, const char *arg)
{
  fprintf(stderr, "rbdcompat-bundle launcher: %s%s%s\n", what, arg ? ": " : "",
          arg ? arg : "");
  exit(127);
}

/* The launcher's own path, symlinks resolved, into out. */
static void find_self(const char *argv0, char *out)
{
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);

  if (n > 0) {
    buf[n] = '\0';
    if (realpath(buf, out))
      return;
  }
  if (strchr(argv0, '/')) {
    if (realpath(argv0, out))
      return;
    die("cannot find myself", argv0);
  }
  {
    const char *path = getenv("PATH");
    const char *p = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";

    while (*p) {
      const char *end = strchr(p, ':');
      size_t len = end ? (size_t)(end - p) : strlen(p);

      if (len && len + strlen(argv0) + 2 < sizeof buf) {
        memcpy(buf, p, len);
        buf[len] = '/';
        strcpy(buf + len + 1, argv0);
        if (access(buf, X_OK) == 0 && realpath(buf, out))
          return;
      }
      if (!end)
        break;
      p = end + 1;
    }
  }
  die("cannot find myself in PATH (no /proc either)", argv0);
}

/* out = a "/" b, or die: a cut path would run the wrong file. */
static void join(char *out, const char *a, const char *b)
{
  size_t la = strlen(a), lb = strlen(b);

  if (la + lb + 2 > PATH_MAX)
    die("path too long", b);
  memcpy(out, a, la);
  out[la] = '/';
  memcpy(out + la + 1, b, lb + 1);
}

/* ${BUNDLE} in value replaced by root, into out. */
static void expand(const char *value, const char *root, char *out, size_t len)
{
  size_t used = 0;

  while (*value) {
    const char *piece = value;
    size_t plen = 1;

    if (!strncmp(value, "${BUNDLE}", 9)) {
      piece = root;
      plen = strlen(root);
    }
    if (used + plen >= len)
      die("value too long in launcher.env", value);
    memcpy(out + used, piece, plen);
    used += plen;
    value += piece == root ? 9 : 1;
  }
  out[used] = '\0';
}

int main(int argc, char **argv)
{
  static char self[PATH_MAX], root[PATH_MAX], loader[PATH_MAX], lib[PATH_MAX],
      program[PATH_MAX], env[PATH_MAX], preload[MAX_PRELOAD][PATH_MAX],
      line[8192], value[8192];
  char **nargv, *slash, *name;
  int npre = 0, i, j;
  FILE *f;

  find_self(argc > 0 && argv[0] ? argv[0] : "", self);
  slash = strrchr(self, '/');
  name = slash + 1;
  memcpy(root, self, (size_t)(slash - self));
  root[slash - self] = '\0';
  slash = strrchr(root, '/'); /* ROOT/bin -> ROOT */
  if (!slash)
    die("not inside a bundle's bin/", self);
  *slash = '\0';
  if (!*root)
    strcpy(root, "/");

  join(env, root, "etc/launcher.env");
  f = fopen(env, "re");
  if (!f)
    die("cannot read the bundle's launcher.env", env);
  loader[0] = '\0';
  while (fgets(line, sizeof line, f)) {
    char *eq;

    line[strcspn(line, "\n")] = '\0';
    if (!*line || *line == '#')
      continue;
    if (!strncmp(line, "@loader ", 8)) {
      join(loader, root, line + 8);
    } else if (!strncmp(line, "@preload ", 9)) {
      if (npre == MAX_PRELOAD)
        die("too many @preload lines in", env);
      join(preload[npre++], root, line + 9);
    } else if ((eq = strchr(line, '=')) && eq != line) {
      /* NAME?=VALUE: a default, kept if the caller set NAME. */
      int keep = eq[-1] == '?';

      *eq = '\0';
      if (keep)
        eq[-1] = '\0';
      expand(eq + 1, root, value, sizeof value);
      if (setenv(line, value, !keep))
        die("cannot set", line);
    } else {
      die("bad line in launcher.env", line);
    }
  }
  fclose(f);
  if (!*loader)
    die("no @loader line in", env);
  join(lib, root, "libexec");
  join(program, lib, name);

  join(lib, root, "lib");
  nargv = calloc((size_t)argc + 2 * MAX_PRELOAD + 8, sizeof *nargv);
  if (!nargv)
    die("out of memory", NULL);
  j = 0;
  nargv[j++] = loader;
  nargv[j++] = "--library-path";
  nargv[j++] = lib;
  for (i = 0; i < npre; i++) {
    nargv[j++] = "--preload";
    nargv[j++] = preload[i];
  }
  nargv[j++] = "--argv0";
  nargv[j++] = argc > 0 && argv[0] ? argv[0] : name;
  nargv[j++] = program;
  for (i = 1; i < argc; i++)
    nargv[j++] = argv[i];
  nargv[j] = NULL;
  execv(loader, nargv);
  fprintf(stderr, "rbdcompat-bundle launcher: cannot run %s: %s\n", loader,
          strerror(errno));
  return 127;
}
