/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rbd_snap_remove_by_id() and rbd_snap_set_by_id() (Nautilus) through
 * their by-name forms. Upstream's id forms reach snapshots of every
 * namespace; the name forms only user snapshots. So the emulation is exact
 * for user snapshots (and for the head, CEPH_NOSNAP, in snap_set), and
 * answers -ENOSYS for a snapshot of another namespace (group, trash,
 * mirror), which an older vendor has no call for.
 */
#include "snap_lookup.h"
#include "emu_decls.h"

#include <errno.h>
#include <stdlib.h>

/* emulation: the snapshot's name from rbd_snap_list(), then
 * rbd_snap_remove(); -ENOENT for an unknown id, -ENOSYS for a snapshot
 * outside the user namespace */
int rbdcompat_emu_rbd_snap_remove_by_id(rbd_image_t image, uint64_t snap_id)
{
  char *name;
  int user, r;

  r = snap_lookup_by_id(image, snap_id, &name, &user);
  if (r < 0)
    return r;
  r = user ? rbd_snap_remove(image, name) : -ENOSYS;
  free(name);
  return r;
}

/* emulation: rbd_snap_set(NULL) for CEPH_NOSNAP, else the snapshot's name
 * from rbd_snap_list() and rbd_snap_set(); -ENOENT for an unknown id,
 * -ENOSYS for a snapshot outside the user namespace */
int rbdcompat_emu_rbd_snap_set_by_id(rbd_image_t image, uint64_t snap_id)
{
  char *name;
  int user, r;

  if (snap_id == RBDCOMPAT_NOSNAP)
    return rbd_snap_set(image, NULL);
  r = snap_lookup_by_id(image, snap_id, &name, &user);
  if (r < 0)
    return r;
  r = user ? rbd_snap_set(image, name) : -ENOSYS;
  free(name);
  return r;
}
