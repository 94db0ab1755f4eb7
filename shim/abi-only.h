/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Functions that upstream librados still exports but no longer declares.
 *
 * Binaries linked against an older librados call them, so the shim exports
 * them too (part of the ABI, not of the API): they are never installed as a
 * public header. The "since" comments feed the function table like those of
 * the public headers. Both symbol versions are exported, as upstream does:
 * the unversioned (hidden base) definition for old binaries and the
 * LIBRADOS_14.2.0 default one, which upstream made return -EOPNOTSUPP.
 */
#ifndef RBDCOMPAT_ABI_ONLY_H
#define RBDCOMPAT_ABI_ONLY_H

#include <rados/librados.h>

#ifdef __cplusplus
extern "C" {
#endif

/* since 12.2.0; versions: Base LIBRADOS_14.2.0 */
CEPH_RADOS_API int rados_tmap_update(rados_ioctx_t io, const char *o,
    const char *cmdbuf, size_t cmdbuflen);

/* since 12.2.0; versions: Base LIBRADOS_14.2.0 */
CEPH_RADOS_API int rados_tmap_put(rados_ioctx_t io, const char *o,
    const char *buf, size_t buflen);

/* since 12.2.0; versions: Base LIBRADOS_14.2.0 */
CEPH_RADOS_API int rados_tmap_get(rados_ioctx_t io, const char *o, char *buf,
    size_t buflen);

#ifdef __cplusplus
}
#endif

#endif
