/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rados_ioctx_pool_stat() exists twice in upstream librados (14.2.0 and
 * later): the LIBRADOS_14.2.0 definition fills the full struct
 * rados_pool_stat_t; the unversioned one, kept for binaries linked before
 * Nautilus, fills only the older, shorter layout (its first 12 members).
 * Each is forwarded to the same version of the vendor's function. These
 * emulations cover a vendor that has only the other one.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

/* The members the pre-Nautilus struct had: all up to num_wr_kb. */
#define OLD_LAYOUT_SIZE \
  (offsetof(struct rados_pool_stat_t, num_wr_kb) + sizeof(uint64_t))

typedef int (*pool_stat_fn)(rados_ioctx_t, struct rados_pool_stat_t *);

static pool_stat_fn vendor_version(const char *version)
{
  unsigned i;

  for (i = 0; i < rbdcompat_nfns; i++) {
    const struct rbdcompat_fn *fn = &rbdcompat_fns[i];
    const char *v = rbdcompat_fn_version(fn), *name = rbdcompat_fn_name(fn);

    if (v && !strcmp(name, "rados_ioctx_pool_stat") && !strcmp(v, version) &&
        !rbdcompat_disabled(name))
      return (pool_stat_fn)rbdcompat_vendor_sym(fn);
  }
  return NULL;
}

/* emulation: the vendor's unversioned (pre-Nautilus layout) definition,
 * then the members that layout lacks set to 0 */
int rbdcompat_emu_rados_ioctx_pool_stat_LIBRADOS_14_2_0(
    rados_ioctx_t io, struct rados_pool_stat_t *stats)
{
  pool_stat_fn old = vendor_version("Base");

  if (!old)
    return -ENOSYS;
  /* Zero first: the old definition writes only the leading members. */
  memset(stats, 0, sizeof *stats);
  return old(io, stats);
}

/* emulation: the vendor's LIBRADOS_14.2.0 definition into a full-size
 * struct, of which the caller's shorter one gets the leading members */
int rbdcompat_emu_rados_ioctx_pool_stat_Base(rados_ioctx_t io,
                                             struct rados_pool_stat_t *stats)
{
  pool_stat_fn full = vendor_version("LIBRADOS_14.2.0");
  struct rados_pool_stat_t tmp;
  int r;

  if (!full)
    return -ENOSYS;
  memset(&tmp, 0, sizeof tmp);
  r = full(io, &tmp);
  /* The caller allocated only the old layout: never write past it. */
  memcpy(stats, &tmp, OLD_LAYOUT_SIZE);
  return r;
}
