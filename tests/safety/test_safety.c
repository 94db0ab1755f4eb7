/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Nothing lost, nothing crashes: what the shim answers for what the vendor
 * lacks (or RBDCOMPAT_DISABLE names) must never drop part of an operation,
 * leave a handle or an output as the caller passed it, or refuse a vendor
 * that lacks only its identity function; its log lines must stay one line
 * each. Vendors: the generated mock ("full", tests/mock) and the "safety"
 * mock, whose every call is recorded. The safety mock lacks what this line
 * names (gen/lists.py --emit mock-omit reads it, tests/safety/mock):
 * mock-missing: rbd_version rbd_image_options_create rbd_pool_stats_create
 *   rbd_group_snap_list rbd_snap_list rados_version
 *   rados_write_op_omap_rm_keys rados_read_op_omap_get_vals2
 *   rados_read_op_getxattrs
 */
#include "harness.h"
#include "mock_vendor.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rbd/librbd.h>
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <rados/librados.h>

static void use_safety(void)
{
  const char *dir = getenv("SAFETY_MOCK_DIR");
  char p[4096];

  ck_assert_msg(dir != NULL, "SAFETY_MOCK_DIR is not set");
  snprintf(p, sizeof p, "%s/librbd.so.1", dir);
  setenv("RBDCOMPAT_LIBRBD", p, 1);
  snprintf(p, sizeof p, "%s/librados.so.2", dir);
  setenv("RBDCOMPAT_LIBRADOS", p, 1);
}

static unsigned long vendor_calls(void)
{
  unsigned long n = 0;
  unsigned i;

  for (i = 0; i < MOCK_MAX_ROWS; i++)
    n += mock_calls[i];
  return n;
}

/* The last vendor call was the step that fails op: an object class call
 * no OSD has (shim/op_fail.c). */
static void assert_failing_step(uintptr_t op, unsigned nargs)
{
  ck_assert_uint_eq(vendor_calls(), 1);
  ck_assert_uint_eq(mock_last.nargs, nargs);
  ck_assert_uint_eq(mock_last.args[0], op);
  ck_assert_str_eq((const char *)(uintptr_t)mock_last.args[1],
                   "rbdcompat-no-such-class");
}

/* --- Silent loss of part of an atomic write ----------------------------- */

START_TEST(missing_write_op_builder_fails_the_whole_op)
{
  const char *keys[] = { "k1" };
  const char *err;

  use_safety();
  rados_version(NULL, NULL, NULL); /* load before counting calls */
  mock_reset();
  capture_start();
  rados_write_op_omap_rm_keys((rados_write_op_t)0x10, keys, 1);
  err = capture_stop();
  assert_failing_step(0x10, 6); /* rados_write_op_exec(op, cls, method, ...) */
  ck_assert_int_eq(count_lines(err, "rados_write_op_omap_rm_keys is missing"
                                    " from"),
                   1);
  ck_assert_int_eq(count_lines(err, "makes the whole operation fail"), 1);
}
END_TEST

START_TEST(disabled_write_op_builder_fails_the_whole_op)
{
  const char *keys[] = { "k1" };

  use_vendor("full", "full");
  setenv("RBDCOMPAT_DISABLE", "rados_write_op_omap_rm_keys", 1);
  rados_version(NULL, NULL, NULL);
  mock_reset();
  rados_write_op_omap_rm_keys((rados_write_op_t)0x11, keys, 1);
  assert_failing_step(0x11, 6);
}
END_TEST

START_TEST(releasing_an_operation_is_not_a_step_of_it)
{
  const char *err;

  use_vendor("full", "full");
  setenv("RBDCOMPAT_DISABLE", "rados_release_write_op", 1);
  rados_version(NULL, NULL, NULL);
  mock_reset();
  capture_start();
  rados_release_write_op((rados_write_op_t)0x16);
  err = capture_stop();
  ck_assert_uint_eq(vendor_calls(), 0);
  ck_assert_int_eq(count_lines(err, "rados_release_write_op is disabled by"
                                    " RBDCOMPAT_DISABLE; does nothing"),
                   1);
}
END_TEST

START_TEST(disabled_read_op_builder_fails_the_whole_op)
{
  size_t got = 77;
  int prval = 77;
  char buf[8];

  use_vendor("full", "full");
  setenv("RBDCOMPAT_DISABLE", "rados_read_op_read", 1);
  rados_version(NULL, NULL, NULL);
  mock_reset();
  rados_read_op_read((rados_read_op_t)0x12, 0, sizeof buf, buf, &got, &prval);
  assert_failing_step(0x12, 8); /* rados_read_op_exec has 8 parameters */
  ck_assert_uint_eq(got, 0);
  ck_assert_int_eq(prval, -ENOSYS);
}
END_TEST

/* --- Handles left uninitialised ------------------------------------------ */

START_TEST(missing_void_creator_stubs_the_whole_family)
{
  rbd_image_options_t opts = (rbd_image_options_t)0xbad;
  rbd_pool_stats_t stats = (rbd_pool_stats_t)0xbad;
  int order = 22;

  use_safety();
  rbd_close((rbd_image_t)1);
  mock_reset();
  rbd_image_options_create(&opts);
  ck_assert_ptr_null(opts);
  ck_assert_int_eq(rbd_image_options_set_uint64(opts, RBD_IMAGE_OPTION_ORDER,
                                                22),
                   -ENOSYS);
  ck_assert_int_eq(rbd_create4((rados_ioctx_t)2, "img", 1 << 20, opts),
                   -ENOSYS);
  rbd_image_options_destroy(opts);
  rbd_pool_stats_create(&stats);
  ck_assert_ptr_null(stats);
  ck_assert_int_eq(rbd_pool_stats_option_add_uint64(stats, 0, NULL), -ENOSYS);
  rbd_pool_stats_destroy(stats);
  /* None of it reached the vendor, whose functions would take the garbage
   * handle; the rest of the library still does. */
  ck_assert_uint_eq(vendor_calls(), 0);
  ck_assert_int_ne(rbd_create((rados_ioctx_t)2, "img", 1 << 20, &order),
                   -ENOSYS);
  ck_assert_uint_eq(vendor_calls(), 1);
}
END_TEST

START_TEST(missing_omap_iterator_creator_gives_a_null_iterator_that_is_safe)
{
  rados_omap_iter_t it = (rados_omap_iter_t)0xbad;
  unsigned char more = 1;
  int prval = 0;
  char *key = (char *)"garbage", *val = (char *)"garbage";
  size_t klen = 5, vlen = 5;

  use_safety();
  rados_version(NULL, NULL, NULL);
  mock_reset();
  rados_read_op_omap_get_vals2((rados_read_op_t)0x13, "", "", 10, &it, &more,
                               &prval);
  assert_failing_step(0x13, 8);
  ck_assert_ptr_null(it);
  ck_assert_uint_eq(more, 0);
  mock_reset();
  /* The NULL iterator never reaches the vendor (which would crash on it). */
  ck_assert_int_eq(rados_omap_get_next2(it, &key, &val, &klen, &vlen), -ENOSYS);
  ck_assert_ptr_null(key);
  ck_assert_ptr_null(val);
  ck_assert_uint_eq(klen, 0);
  rados_omap_get_end(it);
  ck_assert_uint_eq(vendor_calls(), 0);
  /* A real iterator (from a creator the vendor has) still does. */
  ck_assert_int_ne(rados_omap_get_next2((rados_omap_iter_t)0x14, &key, &val,
                                        &klen, &vlen),
                   -ENOSYS);
  rados_omap_get_end((rados_omap_iter_t)0x14);
  ck_assert_uint_eq(vendor_calls(), 2);
}
END_TEST

START_TEST(disabling_a_destroy_disables_its_family_with_one_warning)
{
  rados_t cluster = (rados_t)0xbad;
  rados_ioctx_t io = (rados_ioctx_t)0xbad;
  const char *err;

  use_vendor("full", "full");
  setenv("RBDCOMPAT_DISABLE", "rados_shutdown,rados_ioctx_create", 1);
  rados_version(NULL, NULL, NULL);
  mock_reset();
  capture_start();
  /* A cluster nobody can shut down would abort the process at exit. */
  ck_assert_int_eq(rados_create(&cluster, "admin"), -ENOSYS);
  ck_assert_ptr_null(cluster);
  ck_assert_int_eq(rados_create2(&cluster, "ceph", "client.admin", 0), -ENOSYS);
  ck_assert_int_eq(rados_connect(cluster), -ENOSYS);
  ck_assert_int_eq(rados_ioctx_create(cluster, "rbd", &io), -ENOSYS);
  ck_assert_ptr_null(io);
  rados_shutdown(cluster);
  err = capture_stop();
  ck_assert_uint_eq(vendor_calls(), 0);
  ck_assert_int_eq(count_lines(err, "RBDCOMPAT_DISABLE names rados_shutdown,"
                                    " which ends the rados_t handles"),
                   1);
  ck_assert_int_eq(count_lines(err, "disabling all"), 1);
  /* Other families are untouched. */
  ck_assert_int_ne(rados_aio_get_return_value((rados_completion_t)3), -ENOSYS);
}
END_TEST

/* --- Stubs that hang or crash consumers: outputs set ---------------------- */

START_TEST(stubs_set_their_outputs_to_the_empty_answer)
{
  size_t n = 10;
  int max = 10;
  rbd_group_snap_info_t snaps[10];
  rbd_snap_info_t isnaps[10];
  rados_xattrs_iter_t xit = (rados_xattrs_iter_t)0xbad;
  int prval = 0;

  use_safety();
  /* python3-rbd frees n entries after an error: n must say none. */
  ck_assert_int_eq(rbd_group_snap_list((rados_ioctx_t)2, "g", snaps,
                                       sizeof snaps[0], &n),
                   -ENOSYS);
  ck_assert_uint_eq(n, 0);
  /* python3-rbd calls rbd_snap_list_end() after an error, which frees
   * names up to the first NULL one: upstream zeroes the array first. */
  memset(isnaps, 0x5a, sizeof isnaps);
  ck_assert_int_eq(rbd_snap_list((rbd_image_t)1, isnaps, &max), -ENOSYS);
  ck_assert_int_eq(max, 0);
  ck_assert_ptr_null(isnaps[0].name);
  ck_assert_ptr_null(isnaps[9].name);
  memset(snaps, 0x5a, sizeof snaps);
  n = 10;
  ck_assert_int_eq(rbd_group_snap_list((rados_ioctx_t)2, "g", snaps,
                                       sizeof snaps[0], &n),
                   -ENOSYS);
  ck_assert_ptr_null(snaps[9].name);
  rados_read_op_getxattrs((rados_read_op_t)0x15, &xit, &prval);
  ck_assert_ptr_null(xit);
  ck_assert_int_eq(prval, -ENOSYS);
}
END_TEST

/* fio polls an image notification (an eventfd) for ever when nothing can
 * drain it: without rbd_poll_io_events or rbd_aio_get_arg, setting one up
 * must fail, which fio reports ("rbd_set_image_notification failed"). */
START_TEST(no_image_notification_without_the_calls_that_drain_it)
{
  const char *err;

  use_vendor("full", "full");
  setenv("RBDCOMPAT_DISABLE", "rbd_poll_io_events", 1);
  rbd_version(NULL, NULL, NULL);
  mock_reset();
  capture_start();
  ck_assert_int_eq(rbd_set_image_notification((rbd_image_t)1, 3,
                                              EVENT_TYPE_EVENTFD),
                   -ENOSYS);
  err = capture_stop();
  ck_assert_uint_eq(vendor_calls(), 0);
  ck_assert_int_eq(count_lines(err, "rbd_set_image_notification is unusable"
                                    " without rbd_poll_io_events"),
                   1);
}
END_TEST

START_TEST(no_image_notification_without_aio_get_arg)
{
  use_vendor("missing", "missing"); /* lacks rbd_aio_get_arg */
  rbd_version(NULL, NULL, NULL);
  mock_reset();
  ck_assert_int_eq(rbd_set_image_notification((rbd_image_t)1, 3,
                                              EVENT_TYPE_EVENTFD),
                   -ENOSYS);
  ck_assert_uint_eq(vendor_calls(), 0);
}
END_TEST

/* A completion whose return value cannot be read would report every
 * operation as failed, done or not (found by the fuzz): none is made. */
START_TEST(no_completion_without_its_return_value)
{
  rados_completion_t c = (rados_completion_t)0xbad;
  rbd_completion_t rc = (rbd_completion_t)0xbad;

  use_vendor("full", "full");
  setenv("RBDCOMPAT_DISABLE",
         "rados_aio_get_return_value,"
         "rbd_aio_get_return_value",
         1);
  rbd_version(NULL, NULL, NULL);
  rados_version(NULL, NULL, NULL);
  mock_reset();
  ck_assert_int_eq(rbd_aio_create_completion(NULL, NULL, &rc), -ENOSYS);
  ck_assert_ptr_null(rc);
  ck_assert_uint_eq(vendor_calls(), 0);
  /* librados' own C++ API needs rados_aio_create_completion2 to succeed
   * (it asserts so): rados completions are still made. */
  ck_assert_int_ne(rados_aio_create_completion2(NULL, NULL, &c), -ENOSYS);
  ck_assert_uint_eq(vendor_calls(), 1);
}
END_TEST

/* Waiting must not return before the operation is complete (a consumer
 * then reads the return value of an operation still in flight). */
START_TEST(waiting_is_emulated_from_is_complete)
{
  use_vendor("full", "full");
  setenv("RBDCOMPAT_DISABLE",
         "rados_aio_wait_for_complete,"
         "rbd_aio_wait_for_complete",
         1);
  rbd_version(NULL, NULL, NULL);
  rados_version(NULL, NULL, NULL);
  mock_reset();
  /* The mock answers "complete" (non-zero) at once. */
  ck_assert_int_eq(rados_aio_wait_for_complete((rados_completion_t)5), 0);
  ck_assert_uint_eq(vendor_calls(), 1);
  ck_assert_uint_eq(mock_last.args[0], 5);
  ck_assert_int_eq(rbd_aio_wait_for_complete((rbd_completion_t)6), 0);
  ck_assert_uint_eq(vendor_calls(), 2);
  ck_assert_uint_eq(mock_last.args[0], 6);
}
END_TEST

/* Without is_complete too, the wait must still wait: python3-rados ignores
 * what the wait returns and reads the return value next (seed 946138295
 * of the fuzz: an aio write op reported done that had failed). The chain
 * in the order the wait asks (shim/emulate/aio_wait.c): step _i lacks the
 * first _i + 1 and must ask the next, which the mock answers non-zero
 * ("complete") at once; a blocking wait's answer is returned as it is. */
static const char *const wait_chain[] = {
  /* function-list: the order of the chain is what is tested */
  "rados_aio_wait_for_complete",
  "rados_aio_is_complete",
  "rados_aio_is_safe",
  "rados_aio_is_complete_and_cb",
  "rados_aio_is_safe_and_cb",
  "rados_aio_wait_for_safe",
  "rados_aio_wait_for_complete_and_cb",
  "rados_aio_wait_for_safe_and_cb",
};
#define WAIT_CHAIN_LEN ((int)(sizeof wait_chain / sizeof wait_chain[0]))
#define FIRST_BLOCKING 5 /* wait_chain[5] is the first wait that blocks */

typedef int (*completion_fn)(rados_completion_t);

/* The shim's entry point of a function of the chain (harness.h). */
static completion_fn chain_entry(const char *name)
{
  completion_fn fn;
  void *sym = shim_entry(name, NULL);

  memcpy(&fn, &sym, sizeof fn);
  return fn;
}

START_TEST(waiting_asks_what_the_vendor_has_left)
{
  const rados_completion_t c = (rados_completion_t)(uintptr_t)(_i + 7);
  const int next = _i + 1; /* the question to be asked, if any */
  char lacks[1024] = "";
  unsigned asked = 0;
  int k;

  for (k = 0; k < next; k++) {
    strcat(lacks, wait_chain[k]);
    strcat(lacks, ",");
  }
  use_vendor("full", "full");
  setenv("RBDCOMPAT_DISABLE", lacks, 1);
  rbd_version(NULL, NULL, NULL);
  rados_version(NULL, NULL, NULL);
  if (next < WAIT_CHAIN_LEN) {
    chain_entry(wait_chain[next])((rados_completion_t)1); /* its mock row */
    asked = mock_last.idx;
  }
  mock_reset();
  if (next == WAIT_CHAIN_LEN) {
    ck_assert_int_eq(rados_aio_is_complete(c), -ENOSYS);
    ck_assert_int_eq(rados_aio_wait_for_complete(c), -ENOSYS);
    ck_assert_uint_eq(vendor_calls(), 0);
    return;
  }
  ck_assert_int_eq(rados_aio_wait_for_complete(c),
                   next >= FIRST_BLOCKING ? (int)mock_ret_value(asked) : 0);
  ck_assert_uint_eq(vendor_calls(), 1);
  ck_assert_uint_eq(mock_last.idx, asked);
  ck_assert_uint_eq(mock_last.args[0], (uintptr_t)c);
  if (next < FIRST_BLOCKING) { /* and is_complete asks the same */
    mock_reset();
    ck_assert_int_ne(rados_aio_is_complete(c), -ENOSYS);
    ck_assert_uint_eq(mock_last.idx, asked);
  }
}
END_TEST

/* --- A vendor lacking only its identity function -------------------------- */

START_TEST(a_vendor_without_its_version_function_is_used)
{
  int maj = -1, min = -1, extra = -1;
  const char *err;

  use_safety();
  capture_start();
  ck_assert_int_ne(rbd_close((rbd_image_t)1), -ENOSYS);
  ck_assert_int_ne(rados_ioctx_get_id((rados_ioctx_t)1), -ENOSYS);
  rbd_version(&maj, &min, &extra);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "refusing"), 0);
  ck_assert_int_eq(maj, 0);
}
END_TEST

/* --- Log lines ----------------------------------------------------------- */

START_TEST(control_characters_in_logged_strings_are_escaped)
{
  const char *err;
  int lines = 0;
  const char *p;

  setenv("RBDCOMPAT_LIBRBD", "/nonexistent\nrbdcompat: forged line\x1b[2J", 1);
  capture_start();
  ck_assert_int_eq(rbd_close(NULL), -ENOSYS);
  err = capture_stop();
  for (p = err; *p; p++)
    lines += *p == '\n';
  /* The load failure and the missing function: two lines, each ours. */
  ck_assert_int_eq(lines, 2);
  ck_assert_int_eq(count_lines(err, "rbdcompat: "), 2);
  ck_assert_int_eq(count_lines(err, "/nonexistent\\nrbdcompat: forged"
                                    " line\\x1b[2J"),
                   1);
  ck_assert_ptr_null(strchr(err, '\x1b'));
}
END_TEST

/* --- A vendor file others can write -------------------------------------- */

static void copy_file(const char *from, const char *to, mode_t mode)
{
  char buf[1 << 16];
  FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
  size_t n;

  ck_assert_ptr_nonnull(in);
  ck_assert_ptr_nonnull(out);
  while ((n = fread(buf, 1, sizeof buf, in)) > 0)
    ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
  fclose(in);
  fclose(out);
  ck_assert_int_eq(chmod(to, mode), 0);
}

static const char *writable_run(mode_t mode)
{
  static char dir[] = "/tmp/rbdcompat-safety-XXXXXX";
  char path[4096];

  ck_assert_ptr_nonnull(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/librbd.so.1", dir);
  copy_file(mock_path("full", "librbd.so.1"), path, mode);
  setenv("RBDCOMPAT_LIBRBD", path, 1);
  const char *err;

  capture_start();
  rbd_close((rbd_image_t)1);
  rbd_flush((rbd_image_t)1);
  err = capture_stop();
  /* Loaded, so no longer needed on disk: leave nothing in /tmp. */
  ck_assert_int_eq(unlink(path), 0);
  ck_assert_int_eq(rmdir(dir), 0);
  return err;
}

START_TEST(a_vendor_file_others_can_write_is_warned_about_once)
{
  const char *err = writable_run(0666);

  ck_assert_int_eq(count_lines(err, "is writable by others"), 1);
}
END_TEST

START_TEST(a_vendor_file_only_its_owner_can_write_is_not)
{
  const char *err = writable_run(0644);

  ck_assert_int_eq(count_lines(err, "writable"), 0);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("safety");
  TCase *t = tcase_create("safety");

  tcase_add_test(t, missing_write_op_builder_fails_the_whole_op);
  tcase_add_test(t, disabled_write_op_builder_fails_the_whole_op);
  tcase_add_test(t, disabled_read_op_builder_fails_the_whole_op);
  tcase_add_test(t, releasing_an_operation_is_not_a_step_of_it);
  tcase_add_test(t, missing_void_creator_stubs_the_whole_family);
  tcase_add_test(
      t, missing_omap_iterator_creator_gives_a_null_iterator_that_is_safe);
  tcase_add_test(t, disabling_a_destroy_disables_its_family_with_one_warning);
  tcase_add_test(t, stubs_set_their_outputs_to_the_empty_answer);
  tcase_add_test(t, no_image_notification_without_the_calls_that_drain_it);
  tcase_add_test(t, no_image_notification_without_aio_get_arg);
  tcase_add_test(t, no_completion_without_its_return_value);
  tcase_add_test(t, waiting_is_emulated_from_is_complete);
  tcase_add_loop_test(t, waiting_asks_what_the_vendor_has_left, 0,
                      WAIT_CHAIN_LEN);
  tcase_add_test(t, a_vendor_without_its_version_function_is_used);
  tcase_add_test(t, control_characters_in_logged_strings_are_escaped);
  tcase_add_test(t, a_vendor_file_others_can_write_is_warned_about_once);
  tcase_add_test(t, a_vendor_file_only_its_owner_can_write_is_not);
  suite_add_tcase(s, t);
  return run_suite(s);
}
