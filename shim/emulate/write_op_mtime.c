/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rados_aio_write_op_operate2() (Reef) sets the object's mtime from a
 * struct timespec; rados_aio_write_op_operate() (Luminous) takes a time_t,
 * but Nautilus' (14.2.21 checked on a cluster) drops it and stamps the
 * write with the OSD's time, and nothing tells which vendors do. So only
 * the call without an mtime maps exactly onto the older one; with an
 * mtime the answer is -ENOSYS and the completion is not used.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <errno.h>

/* emulation: rados_aio_write_op_operate() when mtime is NULL; -ENOSYS for
 * an mtime, which older vendors' asynchronous call may ignore */
int rbdcompat_emu_rados_aio_write_op_operate2(rados_write_op_t write_op,
                                              rados_ioctx_t io,
                                              rados_completion_t completion,
                                              const char *oid,
                                              struct timespec *mtime, int flags)
{
  if (mtime)
    return -ENOSYS;
  return rados_aio_write_op_operate(write_op, io, completion, oid, NULL, flags);
}
