/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The exact emulations, argument by argument, against a vendor that lacks
 * them: "emu" (tests/mock/emu: the older calls they are built on, with a
 * snapshot list holding user, trash, group and mirror snapshots) or
 * "missing" (for the pure functions). Expected answers are upstream's, as
 * the Pacific library gives them (features) or as upstream's source has
 * them.
 */
#include "harness.h"
#include "emu_state.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rbd/librbd.h>
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <rados/librados.h>

#define NOSNAP ((uint64_t)-2)
#define IMAGE ((rbd_image_t)0x1010)
#define IOCTX ((rados_ioctx_t)0x2020)

static void use_emu(void)
{
  use_vendor("emu", "emu");
  emu_reset();
}

/* ---------------------------------------------------------- features */

START_TEST(features_to_string_sorts_names_and_sizes_like_upstream)
{
  char buf[256];
  size_t size;

  use_vendor("missing", "missing");
  size = sizeof buf;
  ck_assert_int_eq(rbd_features_to_string(0x3d, buf, &size), 0);
  ck_assert_str_eq(buf,
                   "deep-flatten,exclusive-lock,fast-diff,layering,object-map");
  ck_assert_uint_eq(size, 58);
  size = sizeof buf;
  ck_assert_int_eq(rbd_features_to_string(RBD_FEATURES_ALL, buf, &size), 0);
  ck_assert_str_eq(buf, "data-pool,deep-flatten,dirty-cache,exclusive-lock,"
                        "fast-diff,journaling,layering,migrating,non-primary,"
                        "object-map,operations,striping");
  size = sizeof buf;
  ck_assert_int_eq(rbd_features_to_string(0, buf, &size), 0);
  ck_assert_str_eq(buf, "");
  ck_assert_uint_eq(size, 1);
  /* A bit without a name: -EINVAL, size untouched. */
  size = sizeof buf;
  ck_assert_int_eq(rbd_features_to_string(1ULL << 12, buf, &size), -EINVAL);
  ck_assert_uint_eq(size, sizeof buf);
  ck_assert_int_eq(rbd_features_to_string(1 | (1ULL << 40), buf, &size),
                   -EINVAL);
  /* Room for the text but not its NUL: -ERANGE with the size needed. */
  size = 8;
  ck_assert_int_eq(rbd_features_to_string(RBD_FEATURE_LAYERING, buf, &size),
                   -ERANGE);
  ck_assert_uint_eq(size, 9);
  ck_assert_int_eq(rbd_features_to_string(RBD_FEATURE_LAYERING, buf, &size), 0);
  ck_assert_str_eq(buf, "layering");
  size = 0;
  ck_assert_int_eq(rbd_features_to_string(0, NULL, &size), -ERANGE);
  ck_assert_uint_eq(size, 1);
}
END_TEST

/* Answers of Pacific's librbd for the same strings. */
static const struct {
  const char *in;
  int r;
  uint64_t features;
} from_cases[] = {
  { "", 0, 0x3d },
  { " ", 0, 0x3d },
  { "layering", 0, 0x1 },
  { "layering,exclusive-lock", 0, 0x5 },
  { " layering , striping ", 0, 0x3 },
  { "61", 0, 0x3d },
  { "  61 ", 0, 0x3d },
  { "0x3d", -EINVAL, 0 },
  { "-1", -EINVAL, 0xff },
  { "1024", -EINVAL, 0 },
  { "4096", -EINVAL, 0 },
  { "65535", -EINVAL, 0xff },
  { "18446744073709551615", -EINVAL, 0xff },
  { "18446744073709551616", -EINVAL, 0 },
  { "foo", -EINVAL, 0 },
  { "layering,foo", -EINVAL, 0x1 },
  { "layering,,striping", -EINVAL, 0x3 },
  { ",", -EINVAL, 0 },
  { "layering,layering", 0, 0x2 },
  { "LAYERING", -EINVAL, 0 },
  { "operations", 0, 0x100 },
  { "migrating", 0, 0x200 },
  { "non-primary", 0, 0x400 },
  { "dirty-cache", 0, 0x800 },
  { "data-pool", 0, 0x80 },
  { "1 2", -EINVAL, 0 },
  { "+5", 0, 0x5 },
  { "07", 0, 0x7 },
  { "\tlayering\n", 0, 0x1 },
  { "256", -EINVAL, 0 },
  { "128", 0, 0x80 },
  { "-0", 0, 0 },
  { "-5", -EINVAL, 0xfb },
  { "-18446744073709551615", 0, 0x1 },
  { "-18446744073709551616", -EINVAL, 0 },
  { "+", -EINVAL, 0 },
  { "-", -EINVAL, 0 },
  { "+-5", -EINVAL, 0 },
  { "00000000000000000000000061", 0, 0x3d },
  { "1e3", -EINVAL, 0 },
  { "layering,", -EINVAL, 0x1 },
  { "layering ,\tstriping", 0, 0x3 },
  { "\vlayering\f", 0, 0x1 },
  { "layering\r", 0, 0x1 },
  { "exclusive-lock,layering,exclusive-lock", 0, 0x9 },
  { "non-primary,non-primary", 0, 0x800 },
  { " , ", -EINVAL, 0 },
  { "\xa0layering", -EINVAL, 0 },
  { "striping\x85", -EINVAL, 0 },
};

START_TEST(features_from_string_answers_like_pacific)
{
  size_t i;

  use_vendor("missing", "missing");
  for (i = 0; i < sizeof from_cases / sizeof from_cases[0]; i++) {
    uint64_t f = 0xdead;
    int r = rbd_features_from_string(from_cases[i].in, &f);

    ck_assert_msg(r == from_cases[i].r && f == from_cases[i].features,
                  "\"%s\": got %d 0x%llx, upstream %d 0x%llx", from_cases[i].in,
                  r, (unsigned long long)f, from_cases[i].r,
                  (unsigned long long)from_cases[i].features);
  }
}
END_TEST

/* --------------------------------------------------------- snapshots */

START_TEST(snap_exists_and_get_id_see_user_snapshots_only)
{
  uint64_t id = 0;
  bool exists = false;

  use_emu();
  ck_assert_int_eq(rbd_snap_exists(IMAGE, "old", &exists), 0);
  ck_assert(exists);
  ck_assert_int_eq(rbd_snap_exists(IMAGE, "mirror-only", &exists), 0);
  ck_assert(!exists);
  ck_assert_int_eq(rbd_snap_exists(IMAGE, "nope", &exists), 0);
  ck_assert(!exists);
  /* "shared" is a trash snapshot (5) and a user snapshot (8). */
  ck_assert_int_eq(rbd_snap_get_id(IMAGE, "shared", &id), 0);
  ck_assert_uint_eq(id, 8);
  ck_assert_int_eq(rbd_snap_get_id(IMAGE, ".group.1_2_3", &id), -ENOENT);
  ck_assert_uint_eq(id, NOSNAP);
  id = 1;
  ck_assert_int_eq(rbd_snap_get_id(IMAGE, "nope", &id), -ENOENT);
  ck_assert_uint_eq(id, NOSNAP);
  ck_assert_int_eq(rbd_snap_exists(IMAGE, NULL, &exists), -EINVAL);
  ck_assert_int_eq(rbd_snap_get_id(IMAGE, "old", NULL), -EINVAL);
}
END_TEST

START_TEST(snap_lookups_report_listing_errors)
{
  uint64_t id = 77;
  bool exists = true;
  char name[16] = "x";
  size_t len = sizeof name;

  use_emu();
  emu.snap_list_error = -ESHUTDOWN;
  ck_assert_int_eq(rbd_snap_exists(IMAGE, "old", &exists), -ESHUTDOWN);
  ck_assert(exists);
  ck_assert_int_eq(rbd_snap_get_id(IMAGE, "old", &id), -ESHUTDOWN);
  ck_assert_uint_eq(id, 77);
  /* Upstream writes "" before answering the error. */
  ck_assert_int_eq(rbd_snap_get_name(IMAGE, 3, name, &len), -ESHUTDOWN);
  ck_assert_str_eq(name, "");
  ck_assert_uint_eq(len, 1);
}
END_TEST

START_TEST(snap_get_name_sizes_like_upstream)
{
  char name[32];
  size_t len;

  use_emu();
  len = sizeof name;
  ck_assert_int_eq(rbd_snap_get_name(IMAGE, 12, name, &len), 0);
  ck_assert_str_eq(name, "mirror-only");
  ck_assert_uint_eq(len, 12);
  len = 3;
  ck_assert_int_eq(rbd_snap_get_name(IMAGE, 3, name, &len), -ERANGE);
  ck_assert_uint_eq(len, 4);
  ck_assert_int_eq(rbd_snap_get_name(IMAGE, 3, name, &len), 0);
  ck_assert_str_eq(name, "old");
  /* Unknown id: "" and length 1, unless even that does not fit. */
  strcpy(name, "junk");
  len = sizeof name;
  ck_assert_int_eq(rbd_snap_get_name(IMAGE, 99, name, &len), -ENOENT);
  ck_assert_str_eq(name, "");
  ck_assert_uint_eq(len, 1);
  len = 0;
  ck_assert_int_eq(rbd_snap_get_name(IMAGE, 99, name, &len), -ERANGE);
  ck_assert_uint_eq(len, 1);
  ck_assert_int_eq(rbd_snap_get_name(IMAGE, 3, name, NULL), -EINVAL);
}
END_TEST

START_TEST(snap_lookups_grow_past_the_first_guess)
{
  uint64_t id = 0, i;
  char name[32];

  use_emu();
  for (i = 100; i < 140; i++) {
    snprintf(name, sizeof name, "s%llu", (unsigned long long)i);
    emu_add_snap(i, name, RBD_SNAP_NAMESPACE_TYPE_USER);
  }
  ck_assert_int_eq(rbd_snap_get_id(IMAGE, "s139", &id), 0);
  ck_assert_uint_eq(id, 139);
  ck_assert_int_ge(emu.snap_list_calls, 2);
}
END_TEST

START_TEST(without_namespace_types_every_snapshot_is_a_user_snapshot)
{
  bool exists = false;

  use_emu();
  setenv("RBDCOMPAT_DISABLE", "rbd_snap_get_namespace_type", 1);
  ck_assert_int_eq(rbd_snap_exists(IMAGE, "mirror-only", &exists), 0);
  ck_assert(exists);
}
END_TEST

START_TEST(snap_create2_takes_upstreams_flags_only)
{
  use_emu();
  ck_assert_int_eq(rbd_snap_create2(IMAGE, "s", 0, NULL, NULL), 0);
  ck_assert_str_eq(emu.fn, "rbd_snap_create");
  ck_assert_str_eq(emu.str[0], "s");
  ck_assert_ptr_eq(emu.p[0], IMAGE);
  ck_assert_int_eq(rbd_snap_create2(IMAGE, "t", RBD_SNAP_CREATE_SKIP_QUIESCE,
                                    NULL, NULL),
                   0);
  ck_assert_str_eq(emu.str[0], "t");
  emu.ret = -EEXIST;
  ck_assert_int_eq(rbd_snap_create2(IMAGE, "u",
                                    RBD_SNAP_CREATE_IGNORE_QUIESCE_ERROR, NULL,
                                    NULL),
                   -EEXIST);
  ck_assert_int_eq(emu.calls, 3);
  /* Both quiesce flags, or an unknown bit: upstream's -EINVAL, no call. */
  ck_assert_int_eq(rbd_snap_create2(IMAGE, "v",
                                    RBD_SNAP_CREATE_SKIP_QUIESCE |
                                        RBD_SNAP_CREATE_IGNORE_QUIESCE_ERROR,
                                    NULL, NULL),
                   -EINVAL);
  ck_assert_int_eq(rbd_snap_create2(IMAGE, "w", 1u << 7, NULL, NULL), -EINVAL);
  ck_assert_int_eq(rbd_group_snap_create2(IOCTX, "g", "x", 1u << 2), -EINVAL);
  ck_assert_int_eq(emu.calls, 3);
  emu.ret = 0;
  ck_assert_int_eq(rbd_group_snap_create2(IOCTX, "g", "x",
                                          RBD_SNAP_CREATE_SKIP_QUIESCE),
                   0);
  ck_assert_str_eq(emu.fn, "rbd_group_snap_create");
  ck_assert_str_eq(emu.str[0], "g");
  ck_assert_str_eq(emu.str[1], "x");
}
END_TEST

struct progress {
  int calls;
  uint64_t offset, total;
};

static int on_progress(uint64_t offset, uint64_t total, void *arg)
{
  struct progress *p = arg;

  p->calls++, p->offset = offset, p->total = total;
  return 0;
}

START_TEST(snap_create2_reports_the_unanswered_quiesce_like_upstream)
{
  struct progress p = { 0, 0, 0 };

  use_emu();
  /* Notified (0, IGNORE): attempt 1 of 10, once; skipped: not at all. */
  ck_assert_int_eq(rbd_snap_create2(IMAGE, "a", 0, on_progress, &p), 0);
  ck_assert_int_eq(p.calls, 1);
  ck_assert_uint_eq(p.offset, 1);
  ck_assert_uint_eq(p.total, 10);
  ck_assert_int_eq(rbd_snap_create2(IMAGE, "b", RBD_SNAP_CREATE_SKIP_QUIESCE,
                                    on_progress, &p),
                   0);
  ck_assert_int_eq(p.calls, 1);
  ck_assert_int_eq(rbd_snap_create2(IMAGE, "c",
                                    RBD_SNAP_CREATE_IGNORE_QUIESCE_ERROR,
                                    on_progress, &p),
                   0);
  ck_assert_int_eq(p.calls, 2);
  /* Refused snapshots report nothing. */
  emu.ret = -EEXIST;
  ck_assert_int_eq(rbd_snap_create2(IMAGE, "a", 0, on_progress, &p), -EEXIST);
  ck_assert_int_eq(rbd_snap_create2(IMAGE, "a", 1u << 9, on_progress, &p),
                   -EINVAL);
  ck_assert_int_eq(p.calls, 2);
}
END_TEST

START_TEST(snap_by_id_calls_use_the_user_snapshots_name)
{
  use_emu();
  ck_assert_int_eq(rbd_snap_remove_by_id(IMAGE, 8), 0);
  ck_assert_str_eq(emu.fn, "rbd_snap_remove");
  ck_assert_str_eq(emu.str[0], "shared");
  ck_assert_int_eq(rbd_snap_set_by_id(IMAGE, 3), 0);
  ck_assert_str_eq(emu.fn, "rbd_snap_set");
  ck_assert_str_eq(emu.str[0], "old");
  ck_assert_int_eq(rbd_snap_set_by_id(IMAGE, NOSNAP), 0);
  ck_assert_str_eq(emu.fn, "rbd_snap_set");
  ck_assert(!emu.has_str[0]);
  ck_assert_int_eq(emu.calls, 3);
  /* Unknown ids and other namespaces reach no vendor call. */
  ck_assert_int_eq(rbd_snap_remove_by_id(IMAGE, 99), -ENOENT);
  ck_assert_int_eq(rbd_snap_remove_by_id(IMAGE, 5), -ENOSYS);
  ck_assert_int_eq(rbd_snap_set_by_id(IMAGE, 11), -ENOSYS);
  ck_assert_int_eq(rbd_snap_set_by_id(IMAGE, 99), -ENOENT);
  ck_assert_int_eq(emu.calls, 3);
}
END_TEST

START_TEST(clone4_clones_from_the_user_snapshots_name)
{
  rbd_image_options_t opts = (rbd_image_options_t)0x3030;

  use_emu();
  ck_assert_int_eq(rbd_clone4(IOCTX, "parent", 8, (rados_ioctx_t)0x4040,
                              "child", opts),
                   0);
  ck_assert_str_eq(emu.fn, "rbd_clone3");
  ck_assert_str_eq(emu.str[0], "parent");
  ck_assert_str_eq(emu.str[1], "shared");
  ck_assert_str_eq(emu.str[2], "child");
  ck_assert_ptr_eq(emu.p[0], IOCTX);
  ck_assert_ptr_eq(emu.p[1], (void *)0x4040);
  ck_assert_ptr_eq(emu.p[2], opts);
  ck_assert_int_eq(emu.closes, 1);
  ck_assert_int_eq(rbd_clone4(IOCTX, "parent", 99, IOCTX, "c", opts), -ENOENT);
  ck_assert_int_eq(rbd_clone4(IOCTX, "parent", 11, IOCTX, "c", opts), -ENOSYS);
  ck_assert_str_eq(emu.fn, "rbd_open_read_only");
  ck_assert_int_eq(emu.closes, 3);
  emu.open_error = -ENOENT;
  ck_assert_int_eq(rbd_clone4(IOCTX, "gone", 8, IOCTX, "c", opts), -ENOENT);
  ck_assert_int_eq(emu.closes, 3);
  ck_assert_int_eq(rbd_clone4(IOCTX, NULL, 8, IOCTX, "c", opts), -EINVAL);
}
END_TEST

static int diff_cb(uint64_t off, size_t len, int exists, void *arg)
{
  (void)off, (void)len, (void)exists;
  return *(int *)arg;
}

START_TEST(diff_iterate3_maps_flags_and_snapshot)
{
  int answer = 42;

  use_emu();
  ck_assert_int_eq(rbd_diff_iterate3(IMAGE, 0, 4096, 8192, 0, diff_cb, &answer),
                   0);
  ck_assert_str_eq(emu.fn, "rbd_diff_iterate2");
  ck_assert(!emu.has_str[0]);
  ck_assert_uint_eq(emu.u[0], 4096);
  ck_assert_uint_eq(emu.u[1], 8192);
  ck_assert_uint_eq(emu.u[2], 0);
  ck_assert_uint_eq(emu.u[3], 0);
  ck_assert_int_eq(emu.diff_cb_result, 42);
  ck_assert_int_eq(rbd_diff_iterate3(IMAGE, 8, 0, 1,
                                     RBD_DIFF_ITERATE_FLAG_INCLUDE_PARENT,
                                     diff_cb, &answer),
                   0);
  ck_assert_str_eq(emu.str[0], "shared");
  ck_assert_uint_eq(emu.u[2], 1);
  ck_assert_uint_eq(emu.u[3], 0);
  ck_assert_int_eq(rbd_diff_iterate3(IMAGE, 3, 0, 1,
                                     RBD_DIFF_ITERATE_FLAG_WHOLE_OBJECT,
                                     diff_cb, &answer),
                   0);
  ck_assert_uint_eq(emu.u[2], 0);
  ck_assert_uint_eq(emu.u[3], 1);
  ck_assert_int_eq(emu.calls, 3);
  ck_assert_int_eq(rbd_diff_iterate3(IMAGE, 0, 0, 1, 1u << 2, diff_cb, &answer),
                   -EINVAL);
  ck_assert_int_eq(rbd_diff_iterate3(IMAGE, 99, 0, 1, 0, diff_cb, &answer),
                   -ENOENT);
  ck_assert_int_eq(rbd_diff_iterate3(IMAGE, 12, 0, 1, 0, diff_cb, &answer),
                   -ENOSYS);
  ck_assert_int_eq(emu.calls, 3);
}
END_TEST

/* --------------------------------------------------------- mirroring */

START_TEST(mirror_peer_site_calls_map_onto_the_peer_calls)
{
  char uuid[40], keys[8], vals[8];
  size_t klen = sizeof keys, vlen = sizeof vals, count = 0;

  use_emu();
  ck_assert_int_eq(rbd_mirror_peer_site_add(IOCTX, uuid, sizeof uuid,
                                            RBD_MIRROR_PEER_DIRECTION_RX_TX,
                                            "site-b", "client.b"),
                   0);
  ck_assert_str_eq(emu.fn, "rbd_mirror_peer_add");
  ck_assert_str_eq(emu.str[0], "site-b");
  ck_assert_str_eq(emu.str[1], "client.b");
  ck_assert_str_eq(uuid, "11111111-2222-3333-4444-555555555555");
  ck_assert_int_eq(rbd_mirror_peer_site_add(IOCTX, uuid, 10,
                                            RBD_MIRROR_PEER_DIRECTION_RX, "s",
                                            "c"),
                   -E2BIG);
  ck_assert_int_eq(rbd_mirror_peer_site_add(IOCTX, uuid, sizeof uuid,
                                            RBD_MIRROR_PEER_DIRECTION_TX, "s",
                                            "c"),
                   -ENOSYS);
  ck_assert_int_eq(emu.calls, 1);
  ck_assert_int_eq(rbd_mirror_peer_site_remove(IOCTX, "u1"), 0);
  ck_assert_str_eq(emu.fn, "rbd_mirror_peer_remove");
  ck_assert_str_eq(emu.str[0], "u1");
  ck_assert_int_eq(rbd_mirror_peer_site_set_client_name(IOCTX, "u1",
                                                        "client.x"),
                   0);
  ck_assert_str_eq(emu.fn, "rbd_mirror_peer_set_client");
  ck_assert_str_eq(emu.str[1], "client.x");
  ck_assert_int_eq(rbd_mirror_peer_site_set_name(IOCTX, "u1", "site-x"), 0);
  ck_assert_str_eq(emu.fn, "rbd_mirror_peer_set_cluster");
  ck_assert_str_eq(emu.str[1], "site-x");
  ck_assert_int_eq(rbd_mirror_peer_site_get_attributes(IOCTX, "u1", keys, &klen,
                                                       vals, &vlen, &count),
                   0);
  ck_assert_str_eq(emu.fn, "rbd_mirror_peer_get_attributes");
  ck_assert_ptr_eq(emu.p[1], keys);
  ck_assert_uint_eq(count, 2);
  ck_assert_int_eq(rbd_mirror_peer_site_set_attributes(IOCTX, "u1", "mon_host",
                                                       "127.0.0.1", 1),
                   0);
  ck_assert_str_eq(emu.fn, "rbd_mirror_peer_set_attributes");
  ck_assert_str_eq(emu.str[2], "127.0.0.1");
  ck_assert_int_eq(rbd_mirror_image_enable2(IMAGE,
                                            RBD_MIRROR_IMAGE_MODE_JOURNAL),
                   0);
  ck_assert_str_eq(emu.fn, "rbd_mirror_image_enable");
  ck_assert_int_eq(rbd_mirror_image_enable2(IMAGE,
                                            RBD_MIRROR_IMAGE_MODE_SNAPSHOT),
                   -ENOSYS);
  ck_assert_int_eq(emu.calls, 7);
}
END_TEST

START_TEST(write_with_crc32c_is_a_plain_write)
{
  char buf[16] = "data";

  use_emu();
  emu.ret = 0;
  ck_assert_int_eq(rbd_aio_write_with_crc32c(IMAGE, 512, 4, buf, 0xdeadbeef,
                                             (rbd_completion_t)0x5050, 16),
                   0);
  ck_assert_str_eq(emu.fn, "rbd_aio_write2");
  ck_assert_ptr_eq(emu.p[1], buf);
  ck_assert_ptr_eq(emu.p[2], (void *)0x5050);
  ck_assert_uint_eq(emu.u[0], 512);
  ck_assert_uint_eq(emu.u[1], 4);
  ck_assert_uint_eq(emu.u[2], 16);
}
END_TEST

/* ------------------------------------------------------------ rados */

static void complete_cb(rados_completion_t c, void *arg)
{
  (void)c, (void)arg;
}

START_TEST(renamed_rados_calls_reach_their_old_names)
{
  rados_completion_t c = NULL;
  char addr[] = "127.0.0.1:0/1234";

  use_emu();
  ck_assert_int_eq(rados_aio_create_completion2(&c, complete_cb, &c), 0);
  ck_assert_str_eq(emu.fn, "rados_aio_create_completion");
  ck_assert_ptr_eq(emu.p[0], &c);
  ck_assert_ptr_eq(emu.p[1], (void *)(uintptr_t)complete_cb);
  ck_assert_ptr_null(emu.p[2]);
  ck_assert_ptr_eq(c, (void *)0x77);
  ck_assert_int_eq(rados_blocklist_add((rados_t)0x6060, addr, 3600), 0);
  ck_assert_str_eq(emu.fn, "rados_blacklist_add");
  ck_assert_str_eq(emu.str[0], addr);
  ck_assert_uint_eq(emu.u[0], 3600);
  rados_set_pool_full_try(IOCTX);
  ck_assert_str_eq(emu.fn, "rados_set_osdmap_full_try");
  ck_assert_ptr_eq(emu.p[0], IOCTX);
  rados_unset_pool_full_try(IOCTX);
  ck_assert_str_eq(emu.fn, "rados_unset_osdmap_full_try");
}
END_TEST

START_TEST(omap2_builders_pass_keys_of_the_given_length)
{
  /* Keys longer than their lengths say: only the first bytes count. */
  const char *keys[] = { "abcX", "kYYY" };
  const size_t key_lens[] = { 3, 1 };
  const char *vals[] = { "v1", "v2" };
  const size_t val_lens[] = { 2, 2 };
  rados_write_op_t wop = (rados_write_op_t)0x7070;
  rados_read_op_t rop = (rados_read_op_t)0x8080;
  rados_omap_iter_t iter = NULL;
  int prval;

  use_emu();
  rados_write_op_omap_set2(wop, keys, vals, key_lens, val_lens, 2);
  ck_assert_str_eq(emu.fn, "rados_write_op_omap_set");
  ck_assert_str_eq(emu.str[0], "abc");
  ck_assert_str_eq(emu.str[1], "k");
  ck_assert_uint_eq(emu.u[0], 2);
  ck_assert_ptr_eq(emu.p[1], vals);
  ck_assert_ptr_eq(emu.p[2], val_lens);
  rados_write_op_omap_rm_keys2(wop, keys, key_lens, 2);
  ck_assert_str_eq(emu.fn, "rados_write_op_omap_rm_keys");
  ck_assert_str_eq(emu.str[0], "abc");
  rados_write_op_omap_cmp2(wop, "keyZ", LIBRADOS_CMPXATTR_OP_EQ, "val", 3, 3,
                           &prval);
  ck_assert_str_eq(emu.fn, "rados_write_op_omap_cmp");
  ck_assert_str_eq(emu.str[0], "key");
  ck_assert_uint_eq(emu.u[1], LIBRADOS_CMPXATTR_OP_EQ);
  ck_assert_uint_eq(emu.u[2], 3);
  ck_assert_ptr_eq(emu.p[2], &prval);
  rados_read_op_omap_cmp2(rop, "rk", LIBRADOS_CMPXATTR_OP_GT, "1", 2, 1,
                          &prval);
  ck_assert_str_eq(emu.fn, "rados_read_op_omap_cmp");
  ck_assert_str_eq(emu.str[0], "rk");
  rados_read_op_omap_get_vals_by_keys2(rop, keys, 2, key_lens, &iter, &prval);
  ck_assert_str_eq(emu.fn, "rados_read_op_omap_get_vals_by_keys");
  ck_assert_str_eq(emu.str[1], "k");
  ck_assert_ptr_eq(iter, (void *)0x55);
  ck_assert_int_eq(emu.calls, 5);
}
END_TEST

START_TEST(omap2_keys_with_nul_bytes_fail_the_op)
{
  const char *keys[] = { "ok", "a\0b" };
  const size_t key_lens[] = { 2, 3 };
  const char *vals[] = { "v", "w" };
  const size_t val_lens[] = { 1, 1 };
  rados_omap_iter_t iter = NULL;
  int prval;

  use_emu();
  rados_write_op_omap_set2((rados_write_op_t)1, keys, vals, key_lens, val_lens,
                           2);
  ck_assert_str_eq(emu.fn, "rados_write_op_exec");
  ck_assert_str_eq(emu.str[0], "rbdcompat-no-such-class");
  ck_assert_int_eq(emu.calls, 1);
  rados_write_op_omap_rm_keys2((rados_write_op_t)1, keys, key_lens, 2);
  ck_assert_str_eq(emu.fn, "rados_write_op_exec");
  rados_write_op_omap_cmp2((rados_write_op_t)1, "a\0b", 1, "v", 3, 1, &prval);
  ck_assert_str_eq(emu.fn, "rados_write_op_exec");
  ck_assert_ptr_eq(emu.p[2], &prval);
  rados_read_op_omap_cmp2((rados_read_op_t)2, "a\0b", 1, "v", 3, 1, &prval);
  ck_assert_str_eq(emu.fn, "rados_read_op_exec");
  ck_assert_ptr_eq(emu.p[2], &prval);
  ck_assert_ptr_null(emu.p[1]);
  ck_assert_int_eq(emu.calls, 4);
  /* The caller still gets an iterator to release. */
  rados_read_op_omap_get_vals_by_keys2((rados_read_op_t)2, keys, 2, key_lens,
                                       &iter, &prval);
  ck_assert_str_eq(emu.fn, "rados_read_op_exec");
  ck_assert_int_eq(emu.calls, 6);
  ck_assert_ptr_eq(iter, (void *)0x55);
}
END_TEST

START_TEST(aio_write_op_operate2_passes_calls_without_mtime)
{
  struct timespec ts = { 1700000000, 0 };
  rados_completion_t c = (rados_completion_t)0x9090;

  use_emu();
  ck_assert_int_eq(rados_aio_write_op_operate2((rados_write_op_t)1, IOCTX, c,
                                               "obj", NULL, 4),
                   0);
  ck_assert_str_eq(emu.fn, "rados_aio_write_op_operate");
  ck_assert_str_eq(emu.str[0], "obj");
  ck_assert_ptr_null(emu.p[3]);
  ck_assert_ptr_eq(emu.p[2], c);
  ck_assert_uint_eq(emu.u[1], 4);
  /* An mtime, even in whole seconds, may be dropped by the older call. */
  ck_assert_int_eq(rados_aio_write_op_operate2((rados_write_op_t)1, IOCTX, c,
                                               "obj", &ts, 0),
                   -ENOSYS);
  ck_assert_int_eq(emu.calls, 1);
}
END_TEST

/* Little-endian helpers for notify reply buffers. */
static size_t put32(unsigned char *p, uint32_t v)
{
  for (int i = 0; i < 4; i++)
    p[i] = (unsigned char)(v >> (8 * i));
  return 4;
}

static size_t put64(unsigned char *p, uint64_t v)
{
  put32(p, (uint32_t)v);
  put32(p + 4, (uint32_t)(v >> 32));
  return 8;
}

START_TEST(notify_replies_decode_sorted_like_upstream)
{
  unsigned char b[256];
  size_t n = 0, na = 77, nt = 77;
  struct notify_ack_t *acks = (void *)1;
  struct notify_timeout_t *timeouts = (void *)1;

  use_vendor("missing", "missing");
  /* Acks (20,5,"hello"), (10,7,none), (10,3,"a\0"), then (10,3,"z") again:
   * the first stays, as Pacific's decoder has it. Timeouts (9,1), (2,8),
   * (9,1). */
  n += put32(b + n, 4);
  n += put64(b + n, 20), n += put64(b + n, 5), n += put32(b + n, 5);
  memcpy(b + n, "hello", 5), n += 5;
  n += put64(b + n, 10), n += put64(b + n, 7), n += put32(b + n, 0);
  n += put64(b + n, 10), n += put64(b + n, 3), n += put32(b + n, 2);
  memcpy(b + n, "a\0", 2), n += 2;
  n += put64(b + n, 10), n += put64(b + n, 3), n += put32(b + n, 1);
  b[n++] = 'z';
  n += put32(b + n, 3);
  n += put64(b + n, 9), n += put64(b + n, 1);
  n += put64(b + n, 2), n += put64(b + n, 8);
  n += put64(b + n, 9), n += put64(b + n, 1);
  ck_assert_int_eq(rados_decode_notify_response((char *)b, n, &acks, &na,
                                                &timeouts, &nt),
                   0);
  ck_assert_uint_eq(na, 3);
  ck_assert_uint_eq(acks[0].notifier_id, 10);
  ck_assert_uint_eq(acks[0].cookie, 3);
  ck_assert_uint_eq(acks[0].payload_len, 2);
  ck_assert_int_eq(memcmp(acks[0].payload, "a\0", 2), 0);
  ck_assert_uint_eq(acks[1].cookie, 7);
  ck_assert_ptr_null(acks[1].payload);
  ck_assert_uint_eq(acks[1].payload_len, 0);
  ck_assert_uint_eq(acks[2].notifier_id, 20);
  ck_assert_int_eq(memcmp(acks[2].payload, "hello", 5), 0);
  ck_assert_uint_eq(nt, 2);
  ck_assert_uint_eq(timeouts[0].notifier_id, 2);
  ck_assert_uint_eq(timeouts[1].notifier_id, 9);
  rados_free_notify_response(acks, na, timeouts);

  /* Trailing bytes are ignored; nothing at all gives NULL arrays. */
  n = put32(b, 0);
  n += put32(b + n, 0);
  b[n++] = 0xff;
  ck_assert_int_eq(rados_decode_notify_response((char *)b, n, &acks, &na,
                                                &timeouts, &nt),
                   0);
  ck_assert_ptr_null(acks);
  ck_assert_ptr_null(timeouts);
  ck_assert_uint_eq(na + nt, 0);
}
END_TEST

START_TEST(bad_notify_replies_are_einval_and_touch_nothing)
{
  unsigned char b[64];
  size_t n = 0, na = 77, nt = 77;
  struct notify_ack_t *acks = (void *)1;
  struct notify_timeout_t *timeouts = (void *)1;

  use_vendor("missing", "missing");
  ck_assert_int_eq(rados_decode_notify_response(NULL, 8, &acks, &na, &timeouts,
                                                &nt),
                   -EINVAL);
  ck_assert_int_eq(rados_decode_notify_response((char *)b, 0, &acks, &na,
                                                &timeouts, &nt),
                   -EINVAL);
  /* Truncated: an ack whose payload runs past the end; a timeout cut short;
   * a count no buffer of this size can hold. */
  n += put32(b + n, 1);
  n += put64(b + n, 1), n += put64(b + n, 2), n += put32(b + n, 10);
  memcpy(b + n, "abc", 3), n += 3;
  ck_assert_int_eq(rados_decode_notify_response((char *)b, n, &acks, &na,
                                                &timeouts, &nt),
                   -EINVAL);
  n = put32(b, 0);
  n += put32(b + n, 1);
  n += put64(b + n, 1);
  ck_assert_int_eq(rados_decode_notify_response((char *)b, n, &acks, &na,
                                                &timeouts, &nt),
                   -EINVAL);
  n = put32(b, 0xffffffffu);
  ck_assert_int_eq(rados_decode_notify_response((char *)b, n, &acks, &na,
                                                &timeouts, &nt),
                   -EINVAL);
  ck_assert_ptr_eq(acks, (void *)1);
  ck_assert_ptr_eq(timeouts, (void *)1);
  ck_assert_uint_eq(na, 77);
  ck_assert_uint_eq(nt, 77);
}
END_TEST

START_TEST(an_emulation_says_so_once)
{
  const char *err;
  bool exists;

  use_emu();
  capture_start();
  rbd_snap_exists(IMAGE, "old", &exists);
  rbd_snap_exists(IMAGE, "old", &exists);
  err = capture_stop();
  ck_assert_int_eq(count_lines(err, "rbd_snap_exists is missing from"), 1);
  ck_assert_int_eq(count_lines(err, "emulated: rbd_snap_list()"), 1);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("emulations");
  TCase *tc = tcase_create("exact");

  tcase_add_test(tc, features_to_string_sorts_names_and_sizes_like_upstream);
  tcase_add_test(tc, features_from_string_answers_like_pacific);
  tcase_add_test(tc, snap_exists_and_get_id_see_user_snapshots_only);
  tcase_add_test(tc, snap_lookups_report_listing_errors);
  tcase_add_test(tc, snap_get_name_sizes_like_upstream);
  tcase_add_test(tc, snap_lookups_grow_past_the_first_guess);
  tcase_add_test(tc, without_namespace_types_every_snapshot_is_a_user_snapshot);
  tcase_add_test(tc, snap_create2_takes_upstreams_flags_only);
  tcase_add_test(tc, snap_create2_reports_the_unanswered_quiesce_like_upstream);
  tcase_add_test(tc, snap_by_id_calls_use_the_user_snapshots_name);
  tcase_add_test(tc, clone4_clones_from_the_user_snapshots_name);
  tcase_add_test(tc, diff_iterate3_maps_flags_and_snapshot);
  tcase_add_test(tc, mirror_peer_site_calls_map_onto_the_peer_calls);
  tcase_add_test(tc, write_with_crc32c_is_a_plain_write);
  tcase_add_test(tc, renamed_rados_calls_reach_their_old_names);
  tcase_add_test(tc, omap2_builders_pass_keys_of_the_given_length);
  tcase_add_test(tc, omap2_keys_with_nul_bytes_fail_the_op);
  tcase_add_test(tc, aio_write_op_operate2_passes_calls_without_mtime);
  tcase_add_test(tc, notify_replies_decode_sorted_like_upstream);
  tcase_add_test(tc, bad_notify_replies_are_einval_and_touch_nothing);
  tcase_add_test(tc, an_emulation_says_so_once);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
