/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rbd_version() and rados_version() report the vendor library's version.
 * Only when there is no vendor library (or it lacks the function) do these
 * answer, and then with 0.0.0, so that no caller mistakes the shim for a
 * working Ceph. The out-parameters are always written: upstream callers
 * read them unconditionally.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

static void zero(int *major, int *minor, int *extra)
{
  if (major)
    *major = 0;
  if (minor)
    *minor = 0;
  if (extra)
    *extra = 0;
}

/* emulation: reports version 0.0.0 (no vendor librbd) */
void rbdcompat_emu_rbd_version(int *major, int *minor, int *extra)
{
  zero(major, minor, extra);
}

/* emulation: reports version 0.0.0 (no vendor librados) */
void rbdcompat_emu_rados_version(int *major, int *minor, int *extra)
{
  zero(major, minor, extra);
}
