/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Vendor libraries that export the right names but cannot be used: one
 * whose dependency does not exist, one with a symbol nothing defines.
 * The shim must say why, once, and give the documented stub answers: not
 * load half a library and crash at some later call. And one whose
 * constructor calls the API while the shim is still loading it: the
 * shim takes no lock, so this must neither hang nor recurse forever.
 * Libraries: tests/faults/vendors (paths from the environment).
 */
#include "faults.h"
#include "harness.h"
#include "mock_vendor.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rbd/librbd.h>
#include <rados/librados.h>

static const char *vendor(const char *env)
{
  const char *p = getenv(env);

  ck_assert_msg(p && *p, "%s is not set (run through meson test)", env);
  return p;
}

/* The stub answers of a librbd that could not be loaded, and the one line
 * that says why; 'reason' is what the dynamic loader's message names. */
static void expect_unusable(const char *path, const char *reason)
{
  const char *err;
  char line[8192];
  int maj = -1, min = -1, extra = -1;

  setenv("RBDCOMPAT_LIBRBD", path, 1);
  use_vendor(NULL, "full");
  capture_start();
  mock_reset();
  ck_assert_int_eq(rbd_close((rbd_image_t)1), -ENOSYS);
  ck_assert_int_eq(rbd_flush((rbd_image_t)1), -ENOSYS);
  rbd_version(&maj, &min, &extra);
  /* librados is another library: unaffected. */
  ck_assert_int_ne(rados_ioctx_get_id((rados_ioctx_t)3), -ENOSYS);
  err = capture_stop();
  ck_assert_uint_eq(mock_last.args[0], 3);
  ck_assert_int_eq(maj, 0);
  snprintf(line, sizeof line, "cannot load %s", path);
  ck_assert_int_eq(count_lines(err, line), 1);
  ck_assert_int_eq(count_lines(err, reason), 1);
  ck_assert_int_eq(count_lines(err, "rbd_close is unavailable"), 1);
}

START_TEST(dependency_that_does_not_exist)
{
  expect_unusable(vendor("BROKEN_NEEDS_ABSENT"),
                  "librbdcompat-test-absent.so.1");
}
END_TEST

START_TEST(symbol_that_nothing_defines)
{
  expect_unusable(vendor("BROKEN_UNDEFINED"), "rbdcompat_test_absent_function");
}
END_TEST

static int reentrant_load(void *arg)
{
  int *seen;
  int maj = -1, min = -1, extra = -1;
  void *h;

  (void)arg;
  setenv("RBDCOMPAT_LIBRBD", getenv("BROKEN_REENTRANT"), 1);
  use_vendor(NULL, "full");
  mock_reset();
  /* The first call loads the vendor, whose constructor calls
   * rbd_version and rados_version through the shim. */
  if (rbd_close((rbd_image_t)8) != 4242 || mock_last.args[0] != 8)
    return 10;
  h = dlopen(getenv("BROKEN_REENTRANT"), RTLD_NOW | RTLD_NOLOAD);
  seen = h ? dlsym(h, "reentrant_seen") : NULL;
  if (!seen)
    return 11;
  /* The constructor was answered by the vendor itself, not a stub. */
  if (seen[0] != 1 || seen[1] != 42 || seen[2] != 7 || seen[3] != 1)
    return 12;
  rbd_version(&maj, &min, &extra);
  return maj == 1 && min == 42 && extra == 7 ? 0 : 13;
}

START_TEST(constructor_that_calls_the_api_while_loading)
{
  /* In a child with a deadline: a deadlock must fail, not hang. */
  int status = fault_run_child(reentrant_load, NULL, 30);

  ck_assert_msg(status == 0, "re-entrant load: %s", fault_status_str(status));
}
END_TEST

int main(void)
{
  Suite *s = suite_create("broken_vendor");
  TCase *tc = tcase_create("loading");

  tcase_add_test(tc, dependency_that_does_not_exist);
  tcase_add_test(tc, symbol_that_nothing_defines);
  tcase_add_test(tc, constructor_that_calls_the_api_while_loading);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
