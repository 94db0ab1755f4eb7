/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The LIBRADOS_14.2.0 rados_tmap_*() definitions: upstream gave the tmap
 * calls this version only to make them fail with -EOPNOTSUPP (the OSDs no
 * longer serve tmap). A pre-Nautilus vendor lacks the version; answering
 * as upstream does is exact. The unversioned definitions have no
 * emulation: they are forwarded or stubbed.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <errno.h>

/* emulation: returns -EOPNOTSUPP, as upstream's LIBRADOS_14.2.0 version */
int rbdcompat_emu_rados_tmap_update_LIBRADOS_14_2_0(rados_ioctx_t io,
                                                    const char *o,
                                                    const char *cmdbuf,
                                                    size_t cmdbuflen)
{
  (void)io, (void)o, (void)cmdbuf, (void)cmdbuflen;
  return -EOPNOTSUPP;
}

/* emulation: returns -EOPNOTSUPP, as upstream's LIBRADOS_14.2.0 version */
int rbdcompat_emu_rados_tmap_put_LIBRADOS_14_2_0(rados_ioctx_t io,
                                                 const char *o, const char *buf,
                                                 size_t buflen)
{
  (void)io, (void)o, (void)buf, (void)buflen;
  return -EOPNOTSUPP;
}

/* emulation: returns -EOPNOTSUPP, as upstream's LIBRADOS_14.2.0 version */
int rbdcompat_emu_rados_tmap_get_LIBRADOS_14_2_0(rados_ioctx_t io,
                                                 const char *o, char *buf,
                                                 size_t buflen)
{
  (void)io, (void)o, (void)buf, (void)buflen;
  return -EOPNOTSUPP;
}
