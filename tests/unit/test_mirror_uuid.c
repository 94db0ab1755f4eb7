/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The rbd_mirror_uuid_get emulation against the hand-written vendor
 * (tests/mock/emu): what it asks of librados (rados_exec() of
 * rbd.mirror_uuid_get on rbd_mirroring, in a fresh I/O context of the
 * same pool), and how it answers for each reply. tests/emulation compares
 * it with Pacific's real function on a cluster.
 */
#include "harness.h"
#include "emu_state.h"

#include <errno.h>
#include <string.h>

#include <rbd/librbd.h>

#define IOCTX ((rados_ioctx_t)0x2020)
#define UUID "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"

static void use_emu(void)
{
  use_vendor("emu", "emu");
  emu_reset();
}

/* The class method's reply: a little-endian length, then the bytes
 * (len_field may lie about the bytes given). */
static void reply(uint32_t len_field, const char *bytes, size_t n)
{
  emu_exec.reply[0] = (unsigned char)len_field;
  emu_exec.reply[1] = (unsigned char)(len_field >> 8);
  emu_exec.reply[2] = (unsigned char)(len_field >> 16);
  emu_exec.reply[3] = (unsigned char)(len_field >> 24);
  memcpy(emu_exec.reply + 4, bytes, n);
  emu_exec.reply_len = 4 + n;
}

START_TEST(the_uuid_and_its_size_as_upstream)
{
  char buf[64];
  size_t len = sizeof buf;

  use_emu();
  reply(36, UUID, 36);
  ck_assert_int_eq(rbd_mirror_uuid_get(IOCTX, buf, &len), 0);
  ck_assert_str_eq(buf, UUID);
  ck_assert_uint_eq(len, 37);
  ck_assert_str_eq(emu_exec.oid, "rbd_mirroring");
  ck_assert_str_eq(emu_exec.cls, "rbd");
  ck_assert_str_eq(emu_exec.method, "mirror_uuid_get");
  /* A context of its own (the default namespace), of the caller's pool. */
  ck_assert_int_eq(emu_exec.pool_id, 42);
  ck_assert_int_eq(emu_exec.creates, 1);
  ck_assert_int_eq(emu_exec.destroys, 1);

  len = 37;
  ck_assert_int_eq(rbd_mirror_uuid_get(IOCTX, buf, &len), 0);
  ck_assert_uint_eq(len, 37);
}
END_TEST

START_TEST(a_short_buffer_is_erange_with_the_size_needed)
{
  char buf[36];
  size_t len = sizeof buf;

  use_emu();
  reply(36, UUID, 36);
  memset(buf, 'x', sizeof buf);
  ck_assert_int_eq(rbd_mirror_uuid_get(IOCTX, buf, &len), -ERANGE);
  ck_assert_uint_eq(len, 37);
  ck_assert_int_eq(buf[0], 'x');
  ck_assert_int_eq(emu_exec.destroys, emu_exec.creates);
}
END_TEST

START_TEST(no_uuid_is_enoent_and_leaves_the_size)
{
  char buf[64];
  size_t len = sizeof buf;

  use_emu();
  reply(0, "", 0); /* mirroring never enabled: an empty uuid */
  ck_assert_int_eq(rbd_mirror_uuid_get(IOCTX, buf, &len), -ENOENT);
  ck_assert_uint_eq(len, sizeof buf);
  emu_exec.error = -ENOENT; /* no rbd_mirroring object */
  ck_assert_int_eq(rbd_mirror_uuid_get(IOCTX, buf, &len), -ENOENT);
  ck_assert_uint_eq(len, sizeof buf);
  emu_exec.error = -EPERM;
  ck_assert_int_eq(rbd_mirror_uuid_get(IOCTX, buf, &len), -EPERM);
  ck_assert_int_eq(emu_exec.destroys, emu_exec.creates);
}
END_TEST

START_TEST(a_malformed_reply_is_ebadmsg)
{
  char buf[64];
  size_t len = sizeof buf;

  use_emu();
  reply(36, UUID, 10); /* says 36 bytes, has 10 */
  ck_assert_int_eq(rbd_mirror_uuid_get(IOCTX, buf, &len), -EBADMSG);
  emu_exec.reply_len = 3; /* not even a length */
  ck_assert_int_eq(rbd_mirror_uuid_get(IOCTX, buf, &len), -EBADMSG);
  ck_assert_uint_eq(len, sizeof buf);
}
END_TEST

START_TEST(a_long_reply_is_read_whole)
{
  char want[301], buf[400];
  size_t len = sizeof buf;

  use_emu();
  memset(want, 'u', 300);
  want[300] = '\0';
  reply(300, want, 300); /* more than the first read's 256 bytes */
  ck_assert_int_eq(rbd_mirror_uuid_get(IOCTX, buf, &len), 0);
  ck_assert_str_eq(buf, want);
  ck_assert_uint_eq(len, 301);
  ck_assert_int_eq(emu_exec.calls, 2);
}
END_TEST

START_TEST(a_context_that_cannot_be_made_is_the_answer)
{
  char buf[64];
  size_t len = sizeof buf;

  use_emu();
  emu_exec.create_error = -ENOENT; /* the pool is gone */
  ck_assert_int_eq(rbd_mirror_uuid_get(IOCTX, buf, &len), -ENOENT);
  ck_assert_int_eq(emu_exec.calls, 0);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("mirror_uuid");
  TCase *tc = tcase_create("exact");

  tcase_add_test(tc, the_uuid_and_its_size_as_upstream);
  tcase_add_test(tc, a_short_buffer_is_erange_with_the_size_needed);
  tcase_add_test(tc, no_uuid_is_enoent_and_leaves_the_size);
  tcase_add_test(tc, a_malformed_reply_is_ebadmsg);
  tcase_add_test(tc, a_long_reply_is_read_whole);
  tcase_add_test(tc, a_context_that_cannot_be_made_is_the_answer);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
