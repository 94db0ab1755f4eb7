/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rbd_snap_exists(), rbd_snap_get_id() and rbd_snap_get_name() (Pacific)
 * from rbd_snap_list() and rbd_snap_get_namespace_type(). Like upstream,
 * the name lookups (exists, get_id) see user snapshots only and the id
 * lookup (get_name) sees every namespace; each refreshes the image first,
 * as rbd_snap_list() does.
 */
#include "snap_lookup.h"
#include "emu_decls.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* emulation: rbd_snap_list() + rbd_snap_get_namespace_type(): is there a
 * user snapshot of that name */
int rbdcompat_emu_rbd_snap_exists(rbd_image_t image, const char *snapname,
                                  bool *exists)
{
  uint64_t id;
  int r;

  if (!snapname || !exists)
    return -EINVAL;
  r = snap_lookup_user_id(image, snapname, &id);
  if (r < 0 && r != -ENOENT)
    return r;
  *exists = r == 0;
  return 0;
}

/* emulation: rbd_snap_list() + rbd_snap_get_namespace_type(): the user
 * snapshot's id; -ENOENT with *snap_id = CEPH_NOSNAP when there is none,
 * as upstream */
int rbdcompat_emu_rbd_snap_get_id(rbd_image_t image, const char *snapname,
                                  uint64_t *snap_id)
{
  uint64_t id;
  int r;

  if (!snapname || !snap_id)
    return -EINVAL;
  r = snap_lookup_user_id(image, snapname, &id);
  if (r == -ENOENT)
    *snap_id = RBDCOMPAT_NOSNAP;
  else if (r == 0)
    *snap_id = id;
  return r;
}

/* emulation: rbd_snap_list(): the name of the snapshot with that id (any
 * namespace). As upstream, the size check comes first and a failed lookup
 * still writes "": *name_len <= length is -ERANGE with *name_len = length
 * + 1, else the name (or "" and -ENOENT) and *name_len = length + 1 */
int rbdcompat_emu_rbd_snap_get_name(rbd_image_t image, uint64_t snap_id,
                                    char *snapname, size_t *name_len)
{
  char *name = NULL;
  const char *found;
  size_t len;
  int user, r;

  if (!name_len)
    return -EINVAL;
  r = snap_lookup_by_id(image, snap_id, &name, &user);
  found = r == 0 ? name : "";
  len = strlen(found);
  if (*name_len <= len) {
    *name_len = len + 1;
    free(name);
    return -ERANGE;
  }
  memcpy(snapname, found, len + 1);
  *name_len = len + 1;
  free(name);
  return r;
}
