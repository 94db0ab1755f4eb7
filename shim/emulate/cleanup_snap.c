/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Freeing the snapshot structures a vendor filled in. Upstream allocates
 * every string member with strdup() (malloc) and frees each with free();
 * the structures themselves belong to the caller and are left alone. The
 * *_namespace_cleanup calls check the caller's idea of the struct size
 * first and free nothing on a mismatch, as upstream does.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <errno.h>
#include <stdlib.h>

/* emulation: frees each entry's name up to the terminating entry (NULL
 * name), as upstream does */
void rbdcompat_emu_rbd_snap_list_end(rbd_snap_info_t *snaps)
{
  for (; snaps->name; snaps++)
    free((void *)snaps->name);
}

/* emulation: frees name, as upstream does */
void rbdcompat_emu_rbd_snap_spec_cleanup(rbd_snap_spec_t *snap)
{
  free(snap->name);
}

/* emulation: -ERANGE on a struct size mismatch, else frees group_name and
 * group_snap_name, as upstream does */
int rbdcompat_emu_rbd_snap_group_namespace_cleanup(
    rbd_snap_group_namespace_t *group_snap, size_t group_snap_size)
{
  if (group_snap_size != sizeof *group_snap)
    return -ERANGE;
  free(group_snap->group_name);
  free(group_snap->group_snap_name);
  return 0;
}

/* emulation: -ERANGE on a struct size mismatch, else frees original_name,
 * as upstream does */
int rbdcompat_emu_rbd_snap_trash_namespace_cleanup(
    rbd_snap_trash_namespace_t *trash_snap, size_t trash_snap_size)
{
  if (trash_snap_size != sizeof *trash_snap)
    return -ERANGE;
  free(trash_snap->original_name);
  return 0;
}

/* emulation: -ERANGE on a struct size mismatch, else frees
 * primary_mirror_uuid and the mirror_peer_uuids block, as upstream does */
int rbdcompat_emu_rbd_snap_mirror_namespace_cleanup(
    rbd_snap_mirror_namespace_t *mirror_snap, size_t mirror_snap_size)
{
  if (mirror_snap_size != sizeof *mirror_snap)
    return -ERANGE;
  free(mirror_snap->primary_mirror_uuid);
  free(mirror_snap->mirror_peer_uuids);
  return 0;
}
