/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Finding the vendor library: a path that does not exist, a file that is
 * not a Ceph library, the shim itself; the vendor-internal call that the
 * shim interposes must come back to the vendor.
 */
#include "harness.h"
#include "mock_vendor.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rbd/librbd.h>
#include <rados/librados.h>

START_TEST(missing_vendor_file_gives_stub_answers_and_says_why)
{
  const char *err;
  int maj = -1, min = -1, extra = -1;

  setenv("RBDCOMPAT_LIBRBD", "/nonexistent/librbd.so.1", 1);
  capture_start();
  ck_assert_int_eq(rbd_open(NULL, "img", NULL, NULL), -ENOSYS);
  ck_assert_int_eq(rbd_close(NULL), -ENOSYS);
  rbd_version(&maj, &min, &extra);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "cannot load /nonexistent/librbd.so.1"), 1);
  ck_assert_int_eq(count_lines(err, "rbd_open is no vendor library"), 0);
  ck_assert_int_eq(count_lines(err, "rbd_open is"), 1);
  ck_assert_int_eq(count_lines(err, "returns -ENOSYS"), 2);
  /* rbd_version() still writes its out-parameters. */
  ck_assert_int_eq(maj, 0);
  ck_assert_int_eq(min, 0);
  ck_assert_int_eq(extra, 0);
}
END_TEST

START_TEST(a_library_that_is_not_librbd_is_refused)
{
  const char *err;

  /* librados mock: a real shared object without rbd_version. */
  setenv("RBDCOMPAT_LIBRBD", mock_path("full", "librados.so.2"), 1);
  capture_start();
  ck_assert_int_eq(rbd_close(NULL), -ENOSYS);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "does not export rbd_version: not a"
                                    " librbd.so.1"),
                   1);
}
END_TEST

START_TEST(a_library_that_only_depends_on_librados_is_refused)
{
  /* It links a librados, whose rados_version dlsym() finds through it. */
  const char *err;

  setenv("RBDCOMPAT_LIBRADOS", mock_path("special", "libdependent.so"), 1);
  capture_start();
  ck_assert_int_eq(rados_pool_lookup(NULL, "rbd"), -ENOSYS);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "rados_version comes from its dependency"),
                   1);
}
END_TEST

START_TEST(a_file_that_is_not_elf_is_refused)
{
  const char *err;

  setenv("RBDCOMPAT_LIBRBD", "/etc/hostname", 1);
  capture_start();
  ck_assert_int_eq(rbd_close(NULL), -ENOSYS);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "cannot load /etc/hostname"), 1);
}
END_TEST

START_TEST(the_shim_itself_is_refused)
{
  const char *err;

  setenv("RBDCOMPAT_LIBRBD", getenv("SHIM_PATH"), 1);
  capture_start();
  ck_assert_int_eq(rbd_close(NULL), -ENOSYS);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "it is librbdcompat itself"), 1);
}
END_TEST

START_TEST(vendor_dir_is_used_when_nothing_else_is_loaded)
{
  const char *err;
  char dir[4096];

  unsetenv("RBDCOMPAT_LIBRBD");
  snprintf(dir, sizeof dir, "%s/full", getenv("MOCK_DIR"));
  setenv("RBDCOMPAT_VENDOR_DIR", dir, 1);
  setenv("RBDCOMPAT_LOG", "debug", 1);
  capture_start();
  mock_reset();
  ck_assert_int_ne(rbd_close((rbd_image_t)7), -ENOSYS);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "loaded "), 1);
  ck_assert_int_eq(count_lines(err, "full/librbd.so.1"), 2);
  ck_assert_uint_eq(mock_last.args[0], 7);
}
END_TEST

START_TEST(an_already_loaded_librbd_is_used)
{
  /* As under LD_PRELOAD: the program already has a vendor librbd. */
  void *h = dlopen(mock_path("full", "librbd.so.1"), RTLD_NOW | RTLD_GLOBAL);
  const char *err;

  ck_assert_ptr_nonnull(h);
  unsetenv("RBDCOMPAT_LIBRBD");
  setenv("RBDCOMPAT_VENDOR_DIR", "/nonexistent", 1);
  setenv("RBDCOMPAT_LOG", "debug", 1);
  capture_start();
  mock_reset();
  ck_assert_int_ne(rbd_close((rbd_image_t)9), -ENOSYS);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "full/librbd.so.1"), 2);
  ck_assert_uint_eq(mock_last.args[0], 9);
}
END_TEST

START_TEST(vendor_internal_calls_come_back_to_the_vendor)
{
  rbd_trash_image_info_t entries[3];
  unsigned long *calls;
  void *h;
  const char *err;

  setenv("RBDCOMPAT_LIBRBD", mock_path("special", "librbd.so.1"), 1);
  capture_start();
  /* The vendor's rbd_trash_list_cleanup calls rbd_trash_get_cleanup through
   * its PLT, which binds to the shim (loaded first): the shim must send it
   * back to the vendor, not to itself or to a stub. */
  rbd_trash_list_cleanup(entries, 3);
  err = capture_stop();
  h = dlopen(mock_path("special", "librbd.so.1"), RTLD_NOW | RTLD_NOLOAD);
  ck_assert_ptr_nonnull(h);
  calls = dlsym(h, "nested_get_cleanup_calls");
  ck_assert_ptr_nonnull(calls);
  ck_assert_uint_eq(*calls, 3);
  ck_assert_int_eq(count_lines(err, "missing"), 0);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("vendor");
  TCase *tc = tcase_create("finding");

  tcase_add_test(tc, missing_vendor_file_gives_stub_answers_and_says_why);
  tcase_add_test(tc, a_library_that_is_not_librbd_is_refused);
  tcase_add_test(tc, a_library_that_only_depends_on_librados_is_refused);
  tcase_add_test(tc, a_file_that_is_not_elf_is_refused);
  tcase_add_test(tc, the_shim_itself_is_refused);
  tcase_add_test(tc, vendor_dir_is_used_when_nothing_else_is_loaded);
  tcase_add_test(tc, an_already_loaded_librbd_is_used);
  tcase_add_test(tc, vendor_internal_calls_come_back_to_the_vendor);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
