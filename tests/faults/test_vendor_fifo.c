/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A vendor "library" that is a FIFO (a named pipe: a mistaken path, or a
 * hostile one in a shared directory). dlopen() opens it for reading and
 * waits for a writer forever: a qemu's first rbd call would hang. The
 * shim must refuse anything that is not a regular file before dlopen(),
 * with a message, and give the stub answers.
 *
 * lib/vendor.c opens a path without blocking and seeks in it before
 * dlopen(): a FIFO is refused as "not a regular ELF file".
 */
#include "faults.h"
#include "harness.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rbd/librbd.h>

static int first_call_refuses_the_fifo(void *arg)
{
  const char *err;

  (void)arg;
  capture_start();
  if (rbd_close((rbd_image_t)1) != -ENOSYS)
    return 10;
  err = capture_stop();
  return count_lines(err, "not a regular ELF file") == 1 ? 0 : 11;
}

static const char *make_fifo(void)
{
  const char *dir = fault_tempdir();
  const char *fifo;

  ck_assert_ptr_nonnull(dir);
  fifo = fault_join(dir, "librbd.so.1");
  ck_assert_int_eq(mkfifo(fifo, 0600), 0);
  return fifo;
}

static const char *dirname_of(const char *path)
{
  static char dir[4096];

  snprintf(dir, sizeof dir, "%s", path);
  *strrchr(dir, '/') = '\0';
  return dir;
}

START_TEST(fifo_named_by_rbdcompat_librbd)
{
  const char *fifo = make_fifo();
  int status;

  setenv("RBDCOMPAT_LIBRBD", fifo, 1);
  status = fault_run_child(first_call_refuses_the_fifo, NULL, 3);
  unlink(fifo);
  rmdir(dirname_of(fifo));
  ck_assert_msg(status == 0, "RBDCOMPAT_LIBRBD=<a FIFO>: %s",
                fault_status_str(status));
}
END_TEST

START_TEST(fifo_in_the_vendor_directory)
{
  const char *fifo = make_fifo();
  char dir[4096];
  int status;

  snprintf(dir, sizeof dir, "%s", dirname_of(fifo));
  unsetenv("RBDCOMPAT_LIBRBD");
  setenv("RBDCOMPAT_VENDOR_DIR", dir, 1);
  status = fault_run_child(first_call_refuses_the_fifo, NULL, 3);
  unlink(fifo);
  rmdir(dir);
  ck_assert_msg(status == 0, "a FIFO as VENDOR_DIR/librbd.so.1: %s",
                fault_status_str(status));
}
END_TEST

int main(void)
{
  Suite *s = suite_create("vendor_fifo");
  TCase *tc = tcase_create("not_a_file");

  tcase_add_test(tc, fifo_named_by_rbdcompat_librbd);
  tcase_add_test(tc, fifo_in_the_vendor_directory);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
