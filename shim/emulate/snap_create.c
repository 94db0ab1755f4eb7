/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rbd_snap_create2() and rbd_group_snap_create2() (Pacific) through
 * rbd_snap_create() and rbd_group_snap_create().
 *
 * The flags only say how to treat quiesce watchers (rbd_quiesce_watch(),
 * also Pacific): notify them and fail on an error (0), notify and ignore
 * errors (RBD_SNAP_CREATE_IGNORE_QUIESCE_ERROR), or skip them
 * (RBD_SNAP_CREATE_SKIP_QUIESCE). A vendor without these calls has no
 * quiesce protocol, so its snapshots are taken without notifying anyone,
 * which is what all three ask for when no quiesce watcher exists, the
 * only case its own clients can produce. Flags upstream rejects get its
 * answer, -EINVAL: unknown bits, and both bits together (upstream honours
 * SKIP and then finds IGNORE left over).
 *
 * Upstream reports the quiesce notification through the progress callback:
 * with no quiesce watcher, once, as attempt 1 of 10 (Pacific's
 * rbd_quiesce_notification_attempts), and not when told to skip quiesce or
 * when the snapshot is refused before it is taken (it exists already, say).
 * The emulation calls it the same way, once the snapshot is taken.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <errno.h>

static int check_flags(uint32_t flags)
{
  if (flags & RBD_SNAP_CREATE_SKIP_QUIESCE)
    flags &= ~(uint32_t)RBD_SNAP_CREATE_SKIP_QUIESCE;
  else
    flags &= ~(uint32_t)RBD_SNAP_CREATE_IGNORE_QUIESCE_ERROR;
  return flags ? -EINVAL : 0;
}

/* What upstream's progress callback is told of a quiesce notification
 * nobody answered: attempt 1 of rbd_quiesce_notification_attempts. */
#define QUIESCE_ATTEMPT 1
#define QUIESCE_ATTEMPTS 10

/* emulation: rbd_snap_create() after checking the flags as upstream does
 * (-EINVAL); the vendor has no quiesce protocol to honour, the progress
 * callback hears of the notification no watcher answered, as upstream's */
int rbdcompat_emu_rbd_snap_create2(rbd_image_t image, const char *snap_name,
                                   uint32_t flags, librbd_progress_fn_t cb,
                                   void *cbdata)
{
  int r = check_flags(flags);

  if (r < 0)
    return r;
  r = rbd_snap_create(image, snap_name);
  if (r == 0 && cb && !(flags & RBD_SNAP_CREATE_SKIP_QUIESCE))
    cb(QUIESCE_ATTEMPT, QUIESCE_ATTEMPTS, cbdata);
  return r;
}

/* emulation: rbd_group_snap_create() after checking the flags as upstream
 * does (-EINVAL); the vendor has no quiesce protocol to honour */
int rbdcompat_emu_rbd_group_snap_create2(rados_ioctx_t group_p,
                                         const char *group_name,
                                         const char *snap_name, uint32_t flags)
{
  int r = check_flags(flags);

  return r < 0 ? r : rbd_group_snap_create(group_p, group_name, snap_name);
}
