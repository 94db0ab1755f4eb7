/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A vendor librados of one of three vintages, for the symbol-version tests:
 *   VINTAGE_OLD   pre-Nautilus: one unversioned rados_ioctx_pool_stat that
 *                 fills the old 12-member layout;
 *   VINTAGE_BOTH  Nautilus and later: that one as the hidden base version,
 *                 plus rados_ioctx_pool_stat@@LIBRADOS_14.2.0 filling all 16;
 *   VINTAGE_NEW   only the LIBRADOS_14.2.0 definition.
 * Member i is set to 100 + i by the old definition, 200 + i by the new.
 */
#include "mock_vendor.h"

#include <rados/librados.h>

#define OLD_MEMBERS 12
#define NEW_MEMBERS 16

MOCK_EXPORT void rados_version(int *major, int *minor, int *extra)
{
  *major = 3, *minor = 0, *extra = 0;
}

static int fill(struct rados_pool_stat_t *stats, unsigned n, uint64_t base)
{
  uint64_t *m = (uint64_t *)stats;
  unsigned i;

  for (i = 0; i < n; i++)
    m[i] = base + i;
  return 0;
}

#if defined(VINTAGE_OLD)
MOCK_EXPORT int rados_ioctx_pool_stat(rados_ioctx_t io,
                                      struct rados_pool_stat_t *stats)
{
  (void)io;
  return fill(stats, OLD_MEMBERS, 100);
}
#else
#if defined(VINTAGE_BOTH)
MOCK_EXPORT int rbdcompat_mock_old(rados_ioctx_t io,
                                   struct rados_pool_stat_t *stats)
{
  (void)io;
  return fill(stats, OLD_MEMBERS, 100);
}
__asm__(".symver rbdcompat_mock_old, rados_ioctx_pool_stat@");
#endif
MOCK_EXPORT int rbdcompat_mock_new(rados_ioctx_t io,
                                   struct rados_pool_stat_t *stats)
{
  (void)io;
  return fill(stats, NEW_MEMBERS, 200);
}
__asm__(".symver rbdcompat_mock_new, rados_ioctx_pool_stat@@LIBRADOS_14.2.0");
#endif
