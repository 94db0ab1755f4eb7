/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Every RBDCOMPAT_* variable set to values nobody should set: 100 KB long,
 * not UTF-8, with embedded commas and newlines, empty, and paths right at
 * and just past PATH_MAX. Each case runs in its own child (a Check loop
 * test) and checks the documented answer: which vendor was used, or the
 * stub answers with one line saying why, and no line longer than the
 * shim's 1 KB message buffer.
 *
 * The soname search must not find the system's librbd (if one is
 * installed): main() re-executes the test with LD_LIBRARY_PATH set to the
 * "missing" mock, so "not overridden" has a known, recognisable answer.
 */
#include "faults.h"
#include "harness.h"
#include "mock_vendor.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rbd/librbd.h>
#include <rados/librados.h>

#define BIG 100000

enum value_kind {
  V_REPEAT, /* n copies of c */
  V_TEXT,   /* text as is */
  V_MOCK,   /* mock file or directory of 'variant', then text */
  V_PADDED, /* slashes, then the mock path: exactly n bytes in all */
};

enum outcome {
  FROM_FULL,    /* the "full" mock answers (rbd_lock_acquire exists) */
  FROM_MISSING, /* the soname search found the "missing" mock */
  STUB,         /* not loaded: -ENOSYS, one "cannot load" line */
  DISABLED,     /* rbd_close treated as missing, with the rbd_image_t
                   family it ends (lib/family.c); the rest forwarded */
  LOG_WARN,     /* the missing function's line, and no debug lines */
  LOG_OFF,      /* nothing at all */
  LOG_DEBUG,    /* debug lines too */
};

struct env_case {
  const char *var;
  enum value_kind kind;
  char c;
  size_t n;
  const char *variant; /* V_MOCK, V_PADDED: NULL for the directory of full */
  const char *text;
  enum outcome expect;
};

#define FULL_DIR NULL

static const struct env_case cases[] = {
  /* The path of librbd / librados: used as given, and only that. */
  { "RBDCOMPAT_LIBRBD", V_REPEAT, 'a', BIG, 0, 0, STUB },
  { "RBDCOMPAT_LIBRBD", V_REPEAT, '/', BIG, 0, 0, STUB },
  { "RBDCOMPAT_LIBRBD", V_TEXT, 0, 0, 0,
    "/nonexistent/\xff\xfe\x80/librbd.so.1", STUB },
  { "RBDCOMPAT_LIBRBD", V_MOCK, 0, 0, "full", ",/a/b", STUB },
  { "RBDCOMPAT_LIBRBD", V_MOCK, 0, 0, "full", "\n", STUB },
  { "RBDCOMPAT_LIBRBD", V_TEXT, 0, 0, 0, "", FROM_MISSING },
  { "RBDCOMPAT_LIBRBD", V_TEXT, 0, 0, 0, "librbd.so.1", FROM_MISSING },
  { "RBDCOMPAT_LIBRBD", V_PADDED, 0, PATH_MAX - 1, "full", 0, FROM_FULL },
  { "RBDCOMPAT_LIBRBD", V_PADDED, 0, PATH_MAX, "full", 0, STUB },
  { "RBDCOMPAT_LIBRADOS", V_REPEAT, 'a', BIG, 0, 0, STUB },
  { "RBDCOMPAT_LIBRADOS", V_TEXT, 0, 0, 0, "\xc3\x28,\xa0\xa1", STUB },
  { "RBDCOMPAT_LIBRADOS", V_TEXT, 0, 0, 0, "", FROM_MISSING },
  { "RBDCOMPAT_LIBRADOS", V_PADDED, 0, PATH_MAX - 1, "full", 0, FROM_FULL },
  { "RBDCOMPAT_LIBRADOS", V_PADDED, 0, PATH_MAX, "full", 0, STUB },
  /* The vendor directory: a file in it that cannot be named is skipped. */
  { "RBDCOMPAT_VENDOR_DIR", V_REPEAT, 'x', BIG, 0, 0, FROM_MISSING },
  { "RBDCOMPAT_VENDOR_DIR", V_REPEAT, '/', BIG, 0, 0, FROM_MISSING },
  { "RBDCOMPAT_VENDOR_DIR", V_TEXT, 0, 0, 0, "\xff\xfe", FROM_MISSING },
  { "RBDCOMPAT_VENDOR_DIR", V_MOCK, 0, 0, FULL_DIR, ",/tmp", FROM_MISSING },
  { "RBDCOMPAT_VENDOR_DIR", V_MOCK, 0, 0, FULL_DIR, "///", FROM_FULL },
  { "RBDCOMPAT_VENDOR_DIR", V_TEXT, 0, 0, 0, "", FROM_MISSING },
  /* dir + "/librbd.so.1" exactly PATH_MAX - 1 bytes, then one more. */
  { "RBDCOMPAT_VENDOR_DIR", V_PADDED, 0, PATH_MAX - 1 - 12, FULL_DIR, 0,
    FROM_FULL },
  { "RBDCOMPAT_VENDOR_DIR", V_PADDED, 0, PATH_MAX - 12, FULL_DIR, 0,
    FROM_MISSING },
  /* The log level: anything but off/warn/debug means warn. */
  { "RBDCOMPAT_LOG", V_REPEAT, 'd', BIG, 0, 0, LOG_WARN },
  { "RBDCOMPAT_LOG", V_TEXT, 0, 0, 0, "DEBUG", LOG_WARN },
  { "RBDCOMPAT_LOG", V_TEXT, 0, 0, 0, "debug\n", LOG_WARN },
  { "RBDCOMPAT_LOG", V_TEXT, 0, 0, 0, "off,debug", LOG_WARN },
  { "RBDCOMPAT_LOG", V_TEXT, 0, 0, 0, "\xff", LOG_WARN },
  { "RBDCOMPAT_LOG", V_TEXT, 0, 0, 0, "", LOG_WARN },
  { "RBDCOMPAT_LOG", V_TEXT, 0, 0, 0, "off", LOG_OFF },
  { "RBDCOMPAT_LOG", V_TEXT, 0, 0, 0, "debug", LOG_DEBUG },
  /* The list of disabled functions: names between commas, blanks (space,
   * tab) around them ignored, nothing else. */
  { "RBDCOMPAT_DISABLE", V_REPEAT, ',', BIG, 0, 0, FROM_FULL },
  { "RBDCOMPAT_DISABLE", V_REPEAT, 'r', BIG, 0, 0, FROM_FULL },
  { "RBDCOMPAT_DISABLE", V_TEXT, 0, 0, 0, "", FROM_FULL },
  { "RBDCOMPAT_DISABLE", V_TEXT, 0, 0, 0, "rbd_close\xff", FROM_FULL },
  { "RBDCOMPAT_DISABLE", V_TEXT, 0, 0, 0, "rbd_close\n", FROM_FULL },
  { "RBDCOMPAT_DISABLE", V_TEXT, 0, 0, 0,
    "rbd_clos,rbd_close_x,RBD_CLOSE, xrbd_close", FROM_FULL },
  { "RBDCOMPAT_DISABLE", V_TEXT, 0, 0, 0, ",, rbd_close\t,,", DISABLED },
  /* (and a 100 KB list with rbd_close in the middle: built below) */
  { "RBDCOMPAT_DISABLE", V_REPEAT, 0, BIG, 0, 0, DISABLED },
};

#define NCASES (int)(sizeof cases / sizeof cases[0])

static const char *mock_dir(void)
{
  static char dir[4096];

  snprintf(dir, sizeof dir, "%s/full", getenv("MOCK_DIR"));
  return dir;
}

static int is_rados(const struct env_case *c)
{
  return !strcmp(c->var, "RBDCOMPAT_LIBRADOS");
}

/* The value of case c (malloc'd). */
static char *value_of(const struct env_case *c)
{
  const char *base;
  char *v;
  size_t len;

  switch (c->kind) {
  case V_REPEAT:
    if (!c->c) { /* x,x,...,rbd_close,x,...: rbd_close in the middle */
      v = fault_repeat(',', c->n);
      for (len = 0; len + 1 < c->n; len += 2)
        v[len] = 'x';
      memcpy(v + c->n / 2, ",rbd_close,", 11);
      return v;
    }
    return fault_repeat(c->c, c->n);
  case V_TEXT:
    return strdup(c->text);
  case V_MOCK:
    base = c->variant ? mock_path(c->variant,
                                  is_rados(c) ? "librados.so.2" : "librbd.so.1")
                      : mock_dir();
    v = malloc(strlen(base) + strlen(c->text) + 1);
    strcpy(v, base);
    strcat(v, c->text);
    return v;
  case V_PADDED:
  default:
    base = c->variant ? mock_path(c->variant,
                                  is_rados(c) ? "librados.so.2" : "librbd.so.1")
                      : mock_dir();
    len = strlen(base);
    ck_assert_uint_lt(len, c->n);
    v = fault_repeat('/', c->n);
    memcpy(v + c->n - len, base, len);
    return v;
  }
}

static void check_outcome(const struct env_case *c, const char *err)
{
  const char *what = c->var;
  int rbd = is_rados(c) ? 0 : 1;

  switch (c->expect) {
  case FROM_FULL:
  case FROM_MISSING:
    ck_assert_msg(count_lines(err, "cannot load") == 0, "%s: %s", what, err);
    if (rbd) {
      ck_assert_int_ne(rbd_close((rbd_image_t)77), -ENOSYS);
      ck_assert_uint_eq(mock_last.args[0], 77);
      ck_assert_int_eq(rbd_lock_acquire(NULL, RBD_LOCK_MODE_SHARED) == -ENOSYS,
                       c->expect == FROM_MISSING);
    } else {
      ck_assert_int_ne(rados_ioctx_get_id((rados_ioctx_t)77), -ENOSYS);
      ck_assert_uint_eq(mock_last.args[0], 77);
      ck_assert_int_eq(rados_pool_lookup(NULL, "p") == -ENOSYS,
                       c->expect == FROM_MISSING);
    }
    break;
  case STUB:
    ck_assert_int_eq(rbd ? rbd_close(NULL) : rados_ioctx_get_id(NULL), -ENOSYS);
    ck_assert_msg(count_lines(err, "cannot load") == 1, "%s: %s", what, err);
    break;
  case DISABLED:
    ck_assert_msg(count_lines(err, "rbd_close is disabled by"
                                   " RBDCOMPAT_DISABLE") == 1,
                  "%s", err);
    ck_assert_int_eq(rbd_flush((rbd_image_t)78), -ENOSYS);
    ck_assert_int_ne(rbd_aio_get_return_value((rbd_completion_t)78), -ENOSYS);
    ck_assert_uint_eq(mock_last.args[0], 78);
    break;
  case LOG_WARN:
    ck_assert_int_eq(count_lines(err, "rbd_lock_acquire is missing"), 1);
    ck_assert_int_eq(count_lines(err, "loaded"), 0);
    break;
  case LOG_OFF:
    ck_assert_str_eq(err, "");
    break;
  case LOG_DEBUG:
    ck_assert_int_eq(count_lines(err, "rbd_lock_acquire is missing"), 1);
    ck_assert_int_eq(count_lines(err, "loaded"), 2);
    break;
  }
}

START_TEST(hostile_value)
{
  const struct env_case *c = &cases[_i];
  char *value = value_of(c);
  const char *err;
  int rc;

  /* Known answers for everything not under test. */
  use_vendor(c->expect >= LOG_WARN ? "missing" : "full",
             c->expect >= LOG_WARN ? "missing" : "full");
  setenv("RBDCOMPAT_VENDOR_DIR", "/nonexistent", 1);
  setenv("RBDCOMPAT_LOG", "warn", 1);
  if (!strcmp(c->var, "RBDCOMPAT_VENDOR_DIR"))
    unsetenv("RBDCOMPAT_LIBRBD");
  setenv(c->var, value, 1);
  free(value);

  capture_start();
  mock_reset();
  /* The first calls, which read the variables. */
  rc = c->expect == DISABLED ? rbd_close((rbd_image_t)76)
                             : rbd_lock_acquire(NULL, RBD_LOCK_MODE_SHARED);
  if (c->expect == DISABLED)
    ck_assert_int_eq(rc, -ENOSYS);
  rados_ioctx_get_id((rados_ioctx_t)75);
  err = capture_stop();
  ck_assert_msg(fault_longest_line(err) < 1024,
                "case %d (%s): a line of %zu"
                " bytes",
                _i, c->var, fault_longest_line(err));
  check_outcome(c, err);
}
END_TEST

int main(int argc, char **argv)
{
  const char *mocks = getenv("MOCK_DIR");
  const char *have = getenv("LD_LIBRARY_PATH");
  char want[4096];
  Suite *s;
  TCase *tc;

  (void)argc;
  if (!mocks) {
    fprintf(stderr, "MOCK_DIR is not set (run through meson test)\n");
    return EXIT_FAILURE;
  }
  snprintf(want, sizeof want, "%s/missing", mocks);
  /* The dynamic loader reads LD_LIBRARY_PATH at start only: re-execute
   * (by argv[0], which meson gives as a path: under valgrind,
   * /proc/self/exe is valgrind's own program). */
  if (!have || strcmp(have, want)) {
    setenv("LD_LIBRARY_PATH", want, 1);
    execv(strchr(argv[0], '/') ? argv[0] : "/proc/self/exe", argv);
    perror("re-executing with LD_LIBRARY_PATH");
    return EXIT_FAILURE;
  }
  s = suite_create("env");
  tc = tcase_create("hostile_values");
  tcase_add_loop_test(tc, hostile_value, 0, NCASES);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
