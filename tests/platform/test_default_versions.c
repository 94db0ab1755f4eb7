/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The symbol-versioned rows as a program built today calls them: by plain
 * name, which binds the default version (LIBRADOS_14.2.0) and the new,
 * 16-member struct rados_pool_stat_t. That is all a musl program can do
 * (musl binds default versions only; it has no dlvsym()), so this is the
 * versions test that runs on musl as well as on glibc, where
 * unit/test_versions.c also reaches the hidden base versions.
 *
 * Whatever the vendor's vintage, the caller's 16 members are all written
 * (the ones an old vendor does not know as 0) and nothing past them.
 */
#include "harness.h"
#include "mock_vendor.h"

#include <errno.h>
#include <stdint.h>

#include <rados/librados.h>
#include "abi-only.h" /* rados_tmap_get: exported, no longer declared */

#define OLD_MEMBERS 12
#define NEW_MEMBERS 16
#define CANARY UINT64_C(0xC0FFEEC0FFEEC0FF)

/* rados_ioctx_pool_stat into 16 members + 4 canaries; checks the canaries
 * and that member i is base + i up to 'filled', 0 after. */
static void pool_stat_gives(uint64_t base, unsigned filled)
{
  uint64_t buf[NEW_MEMBERS + 4];
  unsigned i;

  ck_assert_uint_eq(sizeof(struct rados_pool_stat_t),
                    NEW_MEMBERS * sizeof(uint64_t));
  for (i = 0; i < NEW_MEMBERS + 4; i++)
    buf[i] = CANARY;
  ck_assert_int_eq(rados_ioctx_pool_stat(NULL, (struct rados_pool_stat_t *)buf),
                   0);
  for (i = 0; i < NEW_MEMBERS; i++)
    ck_assert_msg(buf[i] == (i < filled ? base + i : 0),
                  "member %u is 0x%llx, expected %llu", i,
                  (unsigned long long)buf[i],
                  (unsigned long long)(i < filled ? base + i : 0));
  for (; i < NEW_MEMBERS + 4; i++)
    ck_assert_msg(buf[i] == CANARY, "written past the struct: member %u", i);
}

START_TEST(vendor_with_both_versions)
{
  use_vendor(NULL, "poolstat-both");
  pool_stat_gives(200, NEW_MEMBERS);
}
END_TEST

START_TEST(vendor_with_the_new_version_only)
{
  use_vendor(NULL, "poolstat-new");
  pool_stat_gives(200, NEW_MEMBERS);
}
END_TEST

START_TEST(vendor_without_symbol_versions)
{
  /* Pre-Nautilus: its one definition fills the old 12 members only. */
  use_vendor(NULL, "poolstat-old");
  pool_stat_gives(100, OLD_MEMBERS);
}
END_TEST

START_TEST(tmap_on_a_vendor_without_symbol_versions)
{
  /* Upstream 14.2.0 and later answer the tmap calls -EOPNOTSUPP; an old
   * vendor's tmap must not be what a new caller reaches. */
  use_vendor(NULL, "old");
  mock_reset();
  ck_assert_int_eq(rados_tmap_get(NULL, "o", NULL, 0), -EOPNOTSUPP);
  ck_assert_uint_eq(mock_last.nargs, 0);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("default_versions");
  TCase *tc = tcase_create("by_name");

  tcase_add_test(tc, vendor_with_both_versions);
  tcase_add_test(tc, vendor_with_the_new_version_only);
  tcase_add_test(tc, vendor_without_symbol_versions);
  tcase_add_test(tc, tmap_on_a_vendor_without_symbol_versions);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
