/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Freeing the group structures a vendor filled in. Upstream strdup()s the
 * strings, malloc()s the image_snaps array of a group snapshot, and frees
 * all of them with free(). The cleanups that take a struct size answer
 * -ERANGE and free nothing when it is not the size of upstream's struct.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <errno.h>
#include <stdlib.h>

/* emulation: -ERANGE on a struct size mismatch, else frees each entry's
 * name, as upstream does */
int rbdcompat_emu_rbd_group_image_list_cleanup(rbd_group_image_info_t *images,
                                               size_t group_image_info_size,
                                               size_t num_entries)
{
  size_t i;

  if (group_image_info_size != sizeof *images)
    return -ERANGE;
  for (i = 0; i < num_entries; i++)
    free(images[i].name);
  return 0;
}

/* emulation: -ERANGE on a struct size mismatch, else frees name, as
 * upstream does */
int rbdcompat_emu_rbd_group_info_cleanup(rbd_group_info_t *group_info,
                                         size_t group_info_size)
{
  if (group_info_size != sizeof *group_info)
    return -ERANGE;
  free(group_info->name);
  return 0;
}

/* emulation: -ERANGE on a struct size mismatch, else frees each entry's
 * name, as upstream does */
int rbdcompat_emu_rbd_group_snap_list_cleanup(rbd_group_snap_info_t *snaps,
                                              size_t group_snap_info_size,
                                              size_t num_entries)
{
  size_t i;

  if (group_snap_info_size != sizeof *snaps)
    return -ERANGE;
  for (i = 0; i < num_entries; i++)
    free(snaps[i].name);
  return 0;
}

/* emulation: frees id, name, image_snap_name, each image snapshot's
 * image_name and the image_snaps array, as upstream does */
void rbdcompat_emu_rbd_group_snap_get_info_cleanup(
    rbd_group_snap_info2_t *group_snap)
{
  size_t i;

  free(group_snap->id);
  free(group_snap->name);
  free(group_snap->image_snap_name);
  for (i = 0; i < group_snap->image_snaps_count; i++)
    free(group_snap->image_snaps[i].image_name);
  free(group_snap->image_snaps);
}

/* emulation: rbd_group_snap_get_info_cleanup() on each entry, as upstream
 * does */
void rbdcompat_emu_rbd_group_snap_list2_cleanup(rbd_group_snap_info2_t *snaps,
                                                size_t num_entries)
{
  size_t i;

  for (i = 0; i < num_entries; i++)
    rbd_group_snap_get_info_cleanup(&snaps[i]);
}
