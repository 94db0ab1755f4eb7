/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Freeing the mirroring structures a vendor filled in. Upstream strdup()s
 * every string (and the image id arrays' entries), malloc()s the
 * site_statuses array of a global status, and frees all of them with
 * free(); the arrays passed in belong to the caller.
 *
 * The Octopus list cleanups reach their per-entry cleanups through the
 * shim's exports (same release, so the emulation graph stays acyclic);
 * the Luminous ones free inline rather than call newer functions.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <stdlib.h>

/* emulation: frees global_id, as upstream does */
void rbdcompat_emu_rbd_mirror_image_get_info_cleanup(
    rbd_mirror_image_info_t *mirror_image_info)
{
  free(mirror_image_info->global_id);
}

/* emulation: frees name, the info's global_id (through
 * rbd_mirror_image_get_info_cleanup), each site status's mirror_uuid and
 * description, and the site_statuses array, as upstream does */
void rbdcompat_emu_rbd_mirror_image_global_status_cleanup(
    rbd_mirror_image_global_status_t *mirror_image_global_status)
{
  rbd_mirror_image_global_status_t *g = mirror_image_global_status;
  uint32_t i;

  free(g->name);
  rbd_mirror_image_get_info_cleanup(&g->info);
  for (i = 0; i < g->site_statuses_count; i++) {
    free(g->site_statuses[i].mirror_uuid);
    free(g->site_statuses[i].description);
  }
  free(g->site_statuses);
}

/* emulation: frees each image id and calls
 * rbd_mirror_image_global_status_cleanup() on each entry, as upstream
 * does */
void rbdcompat_emu_rbd_mirror_image_global_status_list_cleanup(
    char **image_ids, rbd_mirror_image_global_status_t *images, size_t len)
{
  size_t i;

  for (i = 0; i < len; i++) {
    free(image_ids[i]);
    rbd_mirror_image_global_status_cleanup(&images[i]);
  }
}

/* emulation: frees each image id and calls
 * rbd_mirror_image_get_info_cleanup() on each entry, as upstream does */
void rbdcompat_emu_rbd_mirror_image_info_list_cleanup(
    char **image_ids, rbd_mirror_image_info_t *info_entries, size_t num_entries)
{
  size_t i;

  for (i = 0; i < num_entries; i++) {
    free(image_ids[i]);
    rbd_mirror_image_get_info_cleanup(&info_entries[i]);
  }
}

/* emulation: frees each image id and instance id, as upstream does */
void rbdcompat_emu_rbd_mirror_image_instance_id_list_cleanup(
    char **image_ids, char **instance_ids, size_t len)
{
  size_t i;

  for (i = 0; i < len; i++) {
    free(image_ids[i]);
    free(instance_ids[i]);
  }
}

/* emulation: frees each peer's uuid, site_name, mirror_uuid and
 * client_name, as upstream does */
void rbdcompat_emu_rbd_mirror_peer_site_list_cleanup(
    rbd_mirror_peer_site_t *peers, int max_peers)
{
  int i;

  for (i = 0; i < max_peers; i++) {
    free(peers[i].uuid);
    free(peers[i].site_name);
    free(peers[i].mirror_uuid);
    free(peers[i].client_name);
  }
}

/* emulation: frees each peer's uuid, cluster_name and client_name, as
 * upstream does */
void rbdcompat_emu_rbd_mirror_peer_list_cleanup(rbd_mirror_peer_t *peers,
                                                int max_peers)
{
  int i;

  for (i = 0; i < max_peers; i++) {
    free(peers[i].uuid);
    free(peers[i].cluster_name);
    free(peers[i].client_name);
  }
}

/* emulation: frees each image id and each status's name, info.global_id
 * and description, as upstream does */
void rbdcompat_emu_rbd_mirror_image_status_list_cleanup(
    char **image_ids, rbd_mirror_image_status_t *images, size_t len)
{
  size_t i;

  for (i = 0; i < len; i++) {
    free(image_ids[i]);
    free(images[i].name);
    free(images[i].info.global_id);
    free(images[i].description);
  }
}
