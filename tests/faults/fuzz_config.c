/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer target for what the shim does with its environment variables:
 * the RBDCOMPAT_DISABLE list (rbdcompat_list_has, checked against a
 * reference written differently), the RBDCOMPAT_LOG level, a log line of
 * any length, and which files it tries to load for a given
 * RBDCOMPAT_LIBRBD / RBDCOMPAT_VENDOR_DIR (load() in lib/vendor.c).
 *
 * The runtime's sources are compiled into this file so that the static
 * load() can be called, with the dynamic loader replaced by fakes that
 * record what they are asked: fuzzing must not dlopen() whatever file
 * name the fuzzer invents. The log's write(2) is replaced too: it checks
 * each line instead of printing it. Built and run by fuzz.sh.
 *
 * Input: byte 0 picks the target and the fakes' answers, the rest is the
 * value (up to its first NUL; for the list, the name follows the NUL).
 */
#define RBDCOMPAT_NO_GLIBC_COMPAT /* plain dlopen() etc.: faked below */

#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the fake dynamic loader (defined before the #defines below) ---- */

static struct {
  int answer; /* 0: fail, 1: not a library, 2: a library */
  int calls;
  char file[2][65536]; /* what the two first dlopen() calls asked for */
  int flags[2];
  int loads_after; /* later calls that could load something */
} fake;

static char fake_handle;

/* Forget the calls, keep the answer. */
static void fake_reset(void)
{
  int answer = fake.answer;

  memset(&fake, 0, sizeof fake);
  fake.answer = answer;
}

static void *fake_dlopen(const char *file, int flags)
{
  if (fake.calls < 2) {
    snprintf(fake.file[fake.calls], sizeof fake.file[0], "%s", file);
    fake.flags[fake.calls] = flags;
  } else if (!(flags & RTLD_NOLOAD)) {
    fake.loads_after++;
  }
  fake.calls++;
  if ((flags & RTLD_NOLOAD) || fake.answer == 0)
    return NULL;
  return &fake_handle;
}

static void *fake_dlsym(void *h, const char *name)
{
  (void)name;
  if (h != &fake_handle || fake.answer != 2)
    return NULL;
  /* Some function that is not in this program: a library's. */
  return dlsym(RTLD_DEFAULT, "strlen");
}

static char *fake_dlerror(void)
{
  static char msg[] = "fake: no such file";

  return msg;
}

static int fake_dlclose(void *h)
{
  return h == &fake_handle ? 0 : -1;
}

/* No link map to give for a fake handle: the checks that want one are
 * skipped, as they would be by a dlinfo() that fails. */
static int fake_dlinfo(void *h, int request, void *info)
{
  (void)h;
  (void)request;
  (void)info;
  return -1;
}

/* The log's one write(2) per line: check the line, print nothing. */
static ssize_t fake_write(int fd, const void *buf, size_t n)
{
  const char *line = buf;

  if (fd == STDERR_FILENO && (n < 1 || n > 1024 || line[n - 1] != '\n' ||
                              memcmp(line, "rbdcompat: ", 11)))
    abort();
  return (ssize_t)n;
}

#define dlopen fake_dlopen
#define dlsym fake_dlsym
#define dlerror fake_dlerror
#define dlclose fake_dlclose
#define dlinfo fake_dlinfo
#define write fake_write

#include "config.c"
#include "log.c"
#include "vendor.c"
#include "elf_check.c"
#if __has_include("fork_gate.c")
#include "fork_gate.c"
#endif

/* What the rest of the runtime would provide. */
#define RBDCOMPAT_DEFAULT_VENDOR_DIR "/nonexistent-rbdcompat-fuzz"
#include "vendor_dir.c" /* the $ORIGIN expansion load() calls */
const struct rbdcompat_fn rbdcompat_fns[1];
const char rbdcompat_strs[1];
const char librbdcompat_marker[] = "librbdcompat";
const char rbdcompat_marker_self[] = "librbdcompat";
const unsigned rbdcompat_nfns = 0;

/* ---- references ------------------------------------------------------ */

static int blank(char c)
{
  return c == ' ' || c == '\t';
}

/* Comma-separated names, blanks around each ignored. */
static int ref_list_has(const char *list, const char *name)
{
  const char *start = list;

  for (;;) {
    const char *end = strchr(start, ',');
    const char *a = start, *b = end ? end : start + strlen(start);

    while (a < b && blank(*a))
      a++;
    while (b > a && blank(b[-1]))
      b--;
    if ((size_t)(b - a) == strlen(name) && !memcmp(a, name, (size_t)(b - a)))
      return 1;
    if (!end)
      return 0;
    start = end + 1;
  }
}

static enum rbdcompat_loglevel ref_level(const char *v)
{
  if (!strcmp(v, "off"))
    return RBDCOMPAT_LOG_OFF;
  if (!strcmp(v, "debug"))
    return RBDCOMPAT_LOG_DEBUG;
  return RBDCOMPAT_LOG_WARN;
}

/* ---- checks ----------------------------------------------------------- */

static void fail(const char *what)
{
  fprintf(stderr, "fuzz_config: %s\n", what);
  abort();
}

static void check_terminated(const char *s, size_t size, const char *what)
{
  if (!memchr(s, '\0', size))
    fail(what);
}

static void check_result(const struct loaded *r)
{
  check_terminated(r->path, sizeof r->path, "path not terminated");
  check_terminated(r->error, sizeof r->error, "error not terminated");
  if (r->v.path != r->path || r->v.error != r->error)
    fail("vendor record does not point at its own strings");
  if (r->v.handle && r->error[0])
    fail("loaded, and yet an error");
  if (!r->v.handle && strncmp(r->error, "cannot load ", 12) &&
      strncmp(r->error, "refusing ", 9))
    fail("not loaded, and no reason given");
}

/* RBDCOMPAT_LIBRBD=value: that file and nothing else. (Checking a
 * candidate may look up what is already loaded, RTLD_NOLOAD: allowed.) */
static void check_env_path(const char *value)
{
  struct loaded r;

  fake_reset();
  setenv("RBDCOMPAT_LIBRBD", value, 1);
  load(RBDCOMPAT_LIB_RBD, &r);
  check_result(&r);
  if (!*value)
    return; /* empty means unset: the search below */
  /* A file that exists may be refused without dlopen() (not ELF). */
  if (fake.calls == 0 && !r.v.handle && !strncmp(r.error, "cannot load ", 12))
    return;
  if (fake.calls < 1 || strncmp(fake.file[0], value, sizeof fake.file[0] - 1) ||
      fake.flags[0] != (RTLD_NOW | RTLD_LOCAL) ||
      (fake.calls > 1 && !(fake.flags[1] & RTLD_NOLOAD)) || fake.loads_after)
    fail("RBDCOMPAT_LIBRBD: not exactly that file, once");
  if (!r.v.handle && strncmp(r.path, value, strlen(r.path)))
    fail("RBDCOMPAT_LIBRBD: the path reported is not the one given");
}

/* RBDCOMPAT_VENDOR_DIR=value: the loaded one, the directory's file when
 * its name fits and it exists, else the soname. */
static void check_vendor_dir(const char *value)
{
  char file[PATH_MAX + 64];
  const char *dir = *value ? value : rbdcompat_default_vendor_dir;
  size_t n = strlen(dir) + strlen("/librbd.so.1");
  struct loaded r;

  fake_reset();
  unsetenv("RBDCOMPAT_LIBRBD");
  setenv("RBDCOMPAT_VENDOR_DIR", value, 1);
  load(RBDCOMPAT_LIB_RBD, &r);
  check_result(&r);
  if (fake.calls < 1 || strcmp(fake.file[0], "librbd.so.1") ||
      !(fake.flags[0] & RTLD_NOLOAD))
    fail("VENDOR_DIR: the loaded librbd is not looked for first");
  if (fake.loads_after)
    fail("VENDOR_DIR: more than one candidate loaded");
  if (n < PATH_MAX) {
    snprintf(file, sizeof file, "%s/librbd.so.1", dir);
    if (access(file, F_OK) == 0) {
      /* Tried, or refused without dlopen() (not ELF), and nothing else. */
      if (fake.calls == 1 ? r.v.handle || strncmp(r.error, "cannot load ", 12)
                          : strcmp(fake.file[1], file) != 0)
        fail("VENDOR_DIR: the directory's file is not tried");
      return;
    }
  }
  if (fake.calls < 2)
    fail("VENDOR_DIR: the soname is not tried");
  if (strcmp(fake.file[1], "librbd.so.1") || (fake.flags[1] & RTLD_NOLOAD))
    fail("VENDOR_DIR: the soname is not tried last");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *value, *name;
  size_t len;

  if (size < 1)
    return 0;
  value = malloc(size + 1);
  if (!value)
    return 0;
  memcpy(value, data + 1, size - 1);
  value[size - 1] = '\0';
  len = strlen(value);
  name = len + 1 < size ? value + len + 1 : value + len;
  fake.answer = (data[0] >> 3) % 3;

  switch (data[0] % 5) {
  case 0:
    if (*name && rbdcompat_list_has(value, name) != ref_list_has(value, name))
      fail("rbdcompat_list_has disagrees with the reference");
    setenv("RBDCOMPAT_DISABLE", value, 1);
    if (*name && rbdcompat_disabled(name) != ref_list_has(value, name))
      fail("rbdcompat_disabled disagrees with the reference");
    break;
  case 1:
    setenv("RBDCOMPAT_LOG", value, 1);
    if (rbdcompat_loglevel() != ref_level(value))
      fail("log level disagrees with the reference");
    break;
  case 2:
    setenv("RBDCOMPAT_LOG", "debug", 1);
    rbdcompat_log(RBDCOMPAT_LOG_WARN, "%s: %s", value, name);
    break;
  case 3:
    check_env_path(value);
    break;
  default:
    check_vendor_dir(value);
    break;
  }
  free(value);
  return 0;
}
