/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The vendor library file removed, or replaced by another file, after the
 * shim loaded it (a package upgrade under a running qemu): the shim keeps
 * using what it mapped, for functions it had resolved and for ones called
 * for the first time afterwards. And the other way round: a file that
 * appears after a failed first call is not picked up later; the vendor is
 * chosen once per process, so one process never mixes two vendors.
 *
 * (Overwriting a mapped library in place, instead of replacing it by
 * rename() as package managers do, crashes any program using it; no
 * library can guard against that.)
 */
#include "faults.h"
#include "harness.h"
#include "mock_vendor.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rbd/librbd.h>
#include <rados/librados.h>

/* A private copy of a mock librbd, used through RBDCOMPAT_LIBRBD. */
static const char *private_vendor(const char *variant, char *dir, size_t len)
{
  const char *tmp = fault_tempdir();
  const char *file;

  ck_assert_ptr_nonnull(tmp);
  snprintf(dir, len, "%s", tmp);
  file = fault_join(dir, "librbd.so.1");
  ck_assert_int_eq(fault_copy(mock_path(variant, "librbd.so.1"), file), 0);
  setenv("RBDCOMPAT_LIBRBD", file, 1);
  use_vendor(NULL, "full");
  return file;
}

/* rbd_close/rbd_flush/rbd_lock_acquire reach the "full" mock with arg. */
static void expect_forwarded(unsigned long arg)
{
  mock_reset();
  ck_assert_int_ne(rbd_close((rbd_image_t)arg), -ENOSYS);
  ck_assert_uint_eq(mock_last.args[0], arg);
  mock_reset();
  ck_assert_int_ne(rbd_flush((rbd_image_t)(arg + 1)), -ENOSYS);
  ck_assert_uint_eq(mock_last.args[0], arg + 1);
  mock_reset();
  /* Missing from the "missing" mock: must still reach the loaded one. */
  ck_assert_int_ne(rbd_lock_acquire((rbd_image_t)(arg + 2),
                                    RBD_LOCK_MODE_SHARED),
                   -ENOSYS);
  ck_assert_uint_eq(mock_last.args[0], arg + 2);
}

START_TEST(file_removed_after_the_first_call)
{
  char dir[4096];
  const char *file = private_vendor("full", dir, sizeof dir);
  const char *err;

  capture_start();
  mock_reset();
  ck_assert_int_ne(rbd_close((rbd_image_t)5), -ENOSYS);
  ck_assert_int_eq(unlink(file), 0);
  ck_assert_int_eq(rmdir(dir), 0);
  /* rbd_flush and rbd_lock_acquire resolve only now, file gone. */
  expect_forwarded(10);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "rbdcompat:"), 0);
}
END_TEST

START_TEST(file_replaced_by_another_vendor_after_the_first_call)
{
  char dir[4096];
  const char *file = private_vendor("full", dir, sizeof dir);
  const char *next = fault_join(dir, "librbd.so.1.new");
  const char *err;

  capture_start();
  ck_assert_int_ne(rbd_close((rbd_image_t)5), -ENOSYS);
  /* An upgrade to a vendor that lacks rbd_lock_acquire, the way package
   * managers install: write a new file, rename it over the old one. */
  ck_assert_int_eq(fault_copy(mock_path("missing", "librbd.so.1"), next), 0);
  ck_assert_int_eq(rename(next, file), 0);
  expect_forwarded(20);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "rbdcompat:"), 0);
  unlink(file);
  rmdir(dir);
}
END_TEST

START_TEST(file_replaced_by_garbage_after_the_first_call)
{
  char dir[4096];
  const char *file = private_vendor("full", dir, sizeof dir);
  const char *next = fault_join(dir, "garbage");
  FILE *f;
  const char *err;

  capture_start();
  ck_assert_int_ne(rbd_close((rbd_image_t)5), -ENOSYS);
  f = fopen(next, "w");
  ck_assert_ptr_nonnull(f);
  fputs("\177ELF but not really\n", f);
  fclose(f);
  ck_assert_int_eq(rename(next, file), 0);
  expect_forwarded(30);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "rbdcompat:"), 0);
  unlink(file);
  rmdir(dir);
}
END_TEST

START_TEST(file_that_appears_later_is_not_picked_up)
{
  const char *dir = fault_tempdir();
  const char *file;
  const char *err;

  ck_assert_ptr_nonnull(dir);
  file = fault_join(dir, "librbd.so.1");
  setenv("RBDCOMPAT_LIBRBD", file, 1);
  capture_start();
  ck_assert_int_eq(rbd_close((rbd_image_t)5), -ENOSYS);
  ck_assert_int_eq(fault_copy(mock_path("full", "librbd.so.1"), file), 0);
  mock_reset();
  ck_assert_int_eq(rbd_flush((rbd_image_t)6), -ENOSYS);
  ck_assert_int_eq(rbd_close((rbd_image_t)7), -ENOSYS);
  ck_assert_uint_eq(mock_last.nargs, 0);
  err = capture_stop();
  /* Said once, when it was first looked for; never retried. */
  ck_assert_int_eq(count_lines(err, "cannot load"), 1);
  ck_assert_int_eq(count_lines(err, "rbd_flush is unavailable"), 1);
  unlink(file);
  rmdir(dir);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("vendor_file");
  TCase *tc = tcase_create("changes");

  tcase_add_test(tc, file_removed_after_the_first_call);
  tcase_add_test(tc, file_replaced_by_another_vendor_after_the_first_call);
  tcase_add_test(tc, file_replaced_by_garbage_after_the_first_call);
  tcase_add_test(tc, file_that_appears_later_is_not_picked_up);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
