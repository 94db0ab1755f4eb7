/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What a caller gets when the vendor lacks a function, the one warning line
 * for it, RBDCOMPAT_DISABLE and RBDCOMPAT_LOG. Vendor: the "missing" mock
 * (tests/meson.build lists what it lacks).
 */
#include "harness.h"
#include "mock_vendor.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rbd/librbd.h>
#include <rados/librados.h>

START_TEST(signed_status_functions_return_minus_enosys)
{
  const char *err;

  use_vendor("missing", "missing");
  capture_start();
  ck_assert_int_eq(rbd_lock_acquire(NULL, RBD_LOCK_MODE_EXCLUSIVE), -ENOSYS);
  ck_assert_int_eq(rbd_lock_acquire(NULL, RBD_LOCK_MODE_SHARED), -ENOSYS);
  ck_assert_int_eq(rados_pool_lookup(NULL, "rbd"), -ENOSYS);
  err = capture_stop();
  /* One line per missing function, however often it is called. */
  ck_assert_int_eq(count_lines(err, "rbd_lock_acquire is missing from "), 1);
  ck_assert_int_eq(count_lines(err, "missing/librbd.so.1; returns -ENOSYS"), 1);
  ck_assert_int_eq(count_lines(err, "rados_pool_lookup is missing"), 1);
}
END_TEST

START_TEST(pointer_functions_return_null_with_errno)
{
  const char *err;

  use_vendor("missing", "missing");
  capture_start();
  errno = 0;
  ck_assert_ptr_null(rbd_aio_get_arg(NULL));
  ck_assert_int_eq(errno, ENOSYS);
  errno = 0;
  ck_assert_ptr_null(rados_create_read_op());
  ck_assert_int_eq(errno, ENOSYS);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "rbd_aio_get_arg is missing from"), 1);
  ck_assert_int_eq(count_lines(err, "returns NULL with errno ENOSYS"), 2);
}
END_TEST

START_TEST(unsigned_functions_return_zero_with_errno)
{
  use_vendor("missing", "missing");
  errno = 0;
  ck_assert_uint_eq(rados_get_last_version(NULL), 0);
  ck_assert_int_eq(errno, ENOSYS);
}
END_TEST

START_TEST(void_functions_do_nothing)
{
  const char *err;

  use_vendor("missing", "missing");
  capture_start();
  rbd_aio_release((rbd_completion_t)0x1234);
  rbd_aio_release((rbd_completion_t)0x1234);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "rbd_aio_release is missing from"), 1);
  ck_assert_int_eq(count_lines(err, "does nothing"), 1);
}
END_TEST

START_TEST(present_functions_still_reach_the_vendor)
{
  unsigned idx;

  use_vendor("missing", "missing");
  mock_reset();
  ck_assert_int_eq(rbd_close((rbd_image_t)0x42),
                   (int)mock_ret_value(mock_last.idx));
  idx = mock_last.idx;
  ck_assert_uint_eq(mock_calls[idx], 1);
  ck_assert_uint_eq(mock_last.args[0], 0x42);
}
END_TEST

START_TEST(disable_treats_named_functions_as_missing)
{
  const char *err;

  use_vendor("full", "full");
  setenv("RBDCOMPAT_DISABLE", "rbd_flush, rbd_stat", 1);
  mock_reset();
  capture_start();
  ck_assert_int_eq(rbd_stat(NULL, NULL, 0), -ENOSYS);
  ck_assert_int_eq(rbd_flush(NULL), -ENOSYS);
  ck_assert_int_ne(rbd_invalidate_cache(NULL), -ENOSYS);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err,
                               "rbd_stat is disabled by RBDCOMPAT_DISABLE"),
                   1);
  ck_assert_int_eq(count_lines(err,
                               "rbd_flush is disabled by RBDCOMPAT_DISABLE"),
                   1);
  ck_assert_int_eq(count_lines(err, "rbd_invalidate_cache"), 0);
  /* Only rbd_invalidate_cache reached the vendor. */
  ck_assert_uint_eq(mock_last.nargs, 1);
}
END_TEST

START_TEST(log_off_is_silent)
{
  const char *err;

  use_vendor("missing", "missing");
  setenv("RBDCOMPAT_LOG", "off", 1);
  capture_start();
  ck_assert_int_eq(rbd_lock_acquire(NULL, RBD_LOCK_MODE_EXCLUSIVE), -ENOSYS);
  err = capture_stop();
  ck_assert_str_eq(err, "");
}
END_TEST

START_TEST(log_debug_says_what_was_loaded_and_resolved)
{
  const char *err;

  use_vendor("missing", "missing");
  setenv("RBDCOMPAT_LOG", "debug", 1);
  capture_start();
  rbd_close(NULL);
  rbd_close(NULL);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "rbdcompat: loaded "), 1);
  ck_assert_int_eq(count_lines(err, "missing/librbd.so.1"), 2);
  ck_assert_int_eq(count_lines(err, "rbdcompat: rbd_close -> "), 1);
}
END_TEST

START_TEST(unknown_log_level_keeps_warnings)
{
  const char *err;

  use_vendor("missing", "missing");
  setenv("RBDCOMPAT_LOG", "verbose-please", 1);
  capture_start();
  rbd_lock_acquire(NULL, RBD_LOCK_MODE_EXCLUSIVE);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "rbd_lock_acquire is missing"), 1);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("stubs");
  TCase *tc = tcase_create("missing");

  tcase_add_test(tc, signed_status_functions_return_minus_enosys);
  tcase_add_test(tc, pointer_functions_return_null_with_errno);
  tcase_add_test(tc, unsigned_functions_return_zero_with_errno);
  tcase_add_test(tc, void_functions_do_nothing);
  tcase_add_test(tc, present_functions_still_reach_the_vendor);
  tcase_add_test(tc, disable_treats_named_functions_as_missing);
  tcase_add_test(tc, log_off_is_silent);
  tcase_add_test(tc, log_debug_says_what_was_loaded_and_resolved);
  tcase_add_test(tc, unknown_log_level_keeps_warnings);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
