/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Symbol versions: the shim exports rados_ioctx_pool_stat (and the tmap
 * calls) at the hidden base version and at LIBRADOS_14.2.0, like upstream;
 * each must reach the same version of the vendor's function, and where the
 * vendor lacks that version the emulation must write exactly the caller's
 * layout: never past the end of an old caller's struct.
 */
#include "harness.h"
#include "mock_vendor.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rados/librados.h>

#define OLD_MEMBERS 12
#define NEW_MEMBERS 16
#define CANARY UINT64_C(0xC0FFEEC0FFEEC0FF)

typedef int (*pool_stat_fn)(rados_ioctx_t, struct rados_pool_stat_t *);

/* Call a version of the shim's rados_ioctx_pool_stat with a buffer of
 * 'members' members followed by canaries; check the canaries survive. */
static void call(const char *version, unsigned members, uint64_t *out)
{
  uint64_t buf[NEW_MEMBERS + 4];
  pool_stat_fn fn;
  unsigned i;

  for (i = 0; i < NEW_MEMBERS + 4; i++)
    buf[i] = CANARY;
  *(void **)&fn = shim_entry("rados_ioctx_pool_stat", version);
  ck_assert_int_eq(fn(NULL, (struct rados_pool_stat_t *)buf), 0);
  for (i = members; i < NEW_MEMBERS + 4; i++)
    ck_assert_msg(buf[i] == CANARY,
                  "%s wrote member %u of a %u-member"
                  " struct",
                  version, i, members);
  memcpy(out, buf, members * sizeof *out);
}

static void expect(const uint64_t *m, unsigned n, uint64_t base, unsigned nz)
{
  unsigned i;

  for (i = 0; i < n; i++)
    ck_assert_uint_eq(m[i], i < nz ? base + i : 0);
}

START_TEST(nautilus_vendor_each_version_reaches_its_twin)
{
  uint64_t m[NEW_MEMBERS];

  use_vendor(NULL, "poolstat-both");
  call("Base", OLD_MEMBERS, m);
  expect(m, OLD_MEMBERS, 100, OLD_MEMBERS);
  call("LIBRADOS_14.2.0", NEW_MEMBERS, m);
  expect(m, NEW_MEMBERS, 200, NEW_MEMBERS);
}
END_TEST

START_TEST(old_vendor_new_callers_get_zeroed_new_members)
{
  uint64_t m[NEW_MEMBERS];

  use_vendor(NULL, "poolstat-old");
  call("Base", OLD_MEMBERS, m);
  expect(m, OLD_MEMBERS, 100, OLD_MEMBERS);
  call("LIBRADOS_14.2.0", NEW_MEMBERS, m);
  expect(m, NEW_MEMBERS, 100, OLD_MEMBERS);
}
END_TEST

START_TEST(new_only_vendor_old_callers_get_the_old_layout_only)
{
  uint64_t m[NEW_MEMBERS];

  use_vendor(NULL, "poolstat-new");
  call("Base", OLD_MEMBERS, m);
  expect(m, OLD_MEMBERS, 200, OLD_MEMBERS);
  call("LIBRADOS_14.2.0", NEW_MEMBERS, m);
  expect(m, NEW_MEMBERS, 200, NEW_MEMBERS);
}
END_TEST

typedef int (*tmap_get_fn)(rados_ioctx_t, const char *, char *, size_t);

START_TEST(tmap_versions_forward_to_their_twins)
{
  tmap_get_fn base, v14;

  use_vendor(NULL, "full");
  *(void **)&base = shim_entry("rados_tmap_get", "Base");
  *(void **)&v14 = shim_entry("rados_tmap_get", "LIBRADOS_14.2.0");
  mock_reset();
  base(NULL, "o", NULL, 0);
  ck_assert_uint_eq(mock_calls[mock_last.idx], 1);
  {
    unsigned base_idx = mock_last.idx;

    v14(NULL, "o", NULL, 0);
    ck_assert_uint_ne(mock_last.idx, base_idx);
  }
}
END_TEST

START_TEST(tmap_on_an_old_vendor_answers_like_upstream_14)
{
  tmap_get_fn v14;

  use_vendor(NULL, "old");
  *(void **)&v14 = shim_entry("rados_tmap_get", "LIBRADOS_14.2.0");
  mock_reset();
  ck_assert_int_eq(v14(NULL, "o", NULL, 0), -EOPNOTSUPP);
  ck_assert_uint_eq(mock_last.nargs, 0); /* the vendor was not called */
}
END_TEST

int main(void)
{
  Suite *s = suite_create("versions");
  TCase *tc = tcase_create("pool_stat");

  tcase_add_test(tc, nautilus_vendor_each_version_reaches_its_twin);
  tcase_add_test(tc, old_vendor_new_callers_get_zeroed_new_members);
  tcase_add_test(tc, new_only_vendor_old_callers_get_the_old_layout_only);
  tcase_add_test(tc, tmap_versions_forward_to_their_twins);
  tcase_add_test(tc, tmap_on_an_old_vendor_answers_like_upstream_14);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
