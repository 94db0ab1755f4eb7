/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rbd_clone4() (Squid) names the parent snapshot by id; rbd_clone3()
 * (Luminous) by name, and a name means a user snapshot. The emulation
 * opens the parent read-only to find the name and clones by it: exact for
 * user snapshots; -ENOSYS for a snapshot of another namespace (a group
 * snapshot, say), which an older vendor cannot clone from.
 * go-ceph looks rbd_clone4 up with dlsym() and prefers it when found.
 */
#include "snap_lookup.h"
#include "emu_decls.h"

#include <errno.h>
#include <stdlib.h>

/* emulation: the parent snapshot's name (parent opened read-only,
 * rbd_snap_list()), then rbd_clone3(); -ENOENT for a missing parent or
 * snapshot, -ENOSYS for a snapshot outside the user namespace */
int rbdcompat_emu_rbd_clone4(rados_ioctx_t p_ioctx, const char *p_name,
                             uint64_t p_snap_id, rados_ioctx_t c_ioctx,
                             const char *c_name, rbd_image_options_t c_opts)
{
  rbd_image_t parent;
  char *snap_name;
  int user, r;

  if (!p_name || !c_name)
    return -EINVAL;
  r = rbd_open_read_only(p_ioctx, p_name, &parent, NULL);
  if (r < 0)
    return r;
  r = snap_lookup_by_id(parent, p_snap_id, &snap_name, &user);
  rbd_close(parent);
  if (r < 0)
    return r;
  r = user ? rbd_clone3(p_ioctx, p_name, snap_name, c_ioctx, c_name, c_opts)
           : -ENOSYS;
  free(snap_name);
  return r;
}
