/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A vendor librbd with only the older calls the emulations use (see
 * emu_state.h). It lacks every function the shim emulates, so the shim's
 * emulations answer those.
 */
#include "emu_state.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rbd/librbd.h>

#define EXPORT __attribute__((visibility("default")))

EXPORT void rbd_version(int *major, int *minor, int *extra)
{
  *major = 1, *minor = 12, *extra = 0;
}

/* Upstream's sizing: room for every snapshot plus the terminating entry,
 * else -ERANGE and the count needed. */
EXPORT int rbd_snap_list(rbd_image_t image, rbd_snap_info_t *snaps,
                         int *max_snaps)
{
  int i;

  (void)image;
  emu.snap_list_calls++;
  if (emu.snap_list_error)
    return emu.snap_list_error;
  if (*max_snaps < emu.nsnaps + 1) {
    *max_snaps = emu.nsnaps + 1;
    return -ERANGE;
  }
  for (i = 0; i < emu.nsnaps; i++) {
    snaps[i].id = emu.snaps[i].id;
    snaps[i].size = 1000 + emu.snaps[i].id;
    snaps[i].name = strdup(emu.snaps[i].name);
  }
  snaps[i].id = 0, snaps[i].size = 0, snaps[i].name = NULL;
  return emu.nsnaps;
}

EXPORT void rbd_snap_list_end(rbd_snap_info_t *snaps)
{
  for (; snaps->name; snaps++)
    free((void *)snaps->name);
}

EXPORT int
rbd_snap_get_namespace_type(rbd_image_t image, uint64_t snap_id,
                            rbd_snap_namespace_type_t *namespace_type)
{
  int i;

  (void)image;
  for (i = 0; i < emu.nsnaps; i++) {
    if (emu.snaps[i].id == snap_id) {
      *namespace_type = (rbd_snap_namespace_type_t)emu.snaps[i].ns;
      return 0;
    }
  }
  return -ENOENT;
}

EXPORT int rbd_snap_create(rbd_image_t image, const char *snap_name)
{
  emu_record("rbd_snap_create");
  emu.p[0] = image;
  emu_str(0, snap_name);
  return emu.ret;
}

EXPORT int rbd_group_snap_create(rados_ioctx_t group_p, const char *group_name,
                                 const char *snap_name)
{
  emu_record("rbd_group_snap_create");
  emu.p[0] = group_p;
  emu_str(0, group_name);
  emu_str(1, snap_name);
  return emu.ret;
}

EXPORT int rbd_snap_remove(rbd_image_t image, const char *snap_name)
{
  emu_record("rbd_snap_remove");
  emu.p[0] = image;
  emu_str(0, snap_name);
  return emu.ret;
}

EXPORT int rbd_snap_set(rbd_image_t image, const char *snap_name)
{
  emu_record("rbd_snap_set");
  emu.p[0] = image;
  emu_str(0, snap_name);
  return emu.ret;
}

EXPORT int rbd_open_read_only(rados_ioctx_t io, const char *name,
                              rbd_image_t *image, const char *snap_name)
{
  (void)io;
  if (emu.open_error)
    return emu.open_error;
  emu_record("rbd_open_read_only");
  emu_str(0, name);
  emu_str(1, snap_name);
  *image = (rbd_image_t)0x1234;
  return 0;
}

EXPORT int rbd_close(rbd_image_t image)
{
  (void)image;
  emu.closes++;
  return 0;
}

EXPORT int rbd_clone3(rados_ioctx_t p_ioctx, const char *p_name,
                      const char *p_snap_name, rados_ioctx_t c_ioctx,
                      const char *c_name, rbd_image_options_t c_opts)
{
  emu_record("rbd_clone3");
  emu_str(0, p_name);
  emu_str(1, p_snap_name);
  emu_str(2, c_name);
  emu.p[0] = p_ioctx, emu.p[1] = c_ioctx, emu.p[2] = c_opts;
  return emu.ret;
}

/* Records its arguments and reports one extent through the caller's
 * callback, whose answer it keeps. */
EXPORT int rbd_diff_iterate2(rbd_image_t image, const char *fromsnapname,
                             uint64_t ofs, uint64_t len, uint8_t include_parent,
                             uint8_t whole_object,
                             int (*cb)(uint64_t, size_t, int, void *),
                             void *arg)
{
  emu_record("rbd_diff_iterate2");
  emu.p[0] = image;
  emu_str(0, fromsnapname);
  emu.u[0] = ofs, emu.u[1] = len;
  emu.u[2] = include_parent, emu.u[3] = whole_object;
  emu.diff_cb_result = cb(ofs, 512, 1, arg);
  return emu.ret;
}

EXPORT int rbd_mirror_peer_add(rados_ioctx_t io_ctx, char *uuid,
                               size_t uuid_max_length, const char *cluster_name,
                               const char *client_name)
{
  emu_record("rbd_mirror_peer_add");
  emu.p[0] = io_ctx;
  emu.u[0] = uuid_max_length;
  emu_str(0, cluster_name);
  emu_str(1, client_name);
  if (uuid_max_length < 37)
    return -E2BIG;
  strcpy(uuid, "11111111-2222-3333-4444-555555555555");
  return emu.ret;
}

EXPORT int rbd_mirror_peer_remove(rados_ioctx_t io_ctx, const char *uuid)
{
  emu_record("rbd_mirror_peer_remove");
  emu.p[0] = io_ctx;
  emu_str(0, uuid);
  return emu.ret;
}

EXPORT int rbd_mirror_peer_set_client(rados_ioctx_t io_ctx, const char *uuid,
                                      const char *client_name)
{
  emu_record("rbd_mirror_peer_set_client");
  emu.p[0] = io_ctx;
  emu_str(0, uuid);
  emu_str(1, client_name);
  return emu.ret;
}

EXPORT int rbd_mirror_peer_set_cluster(rados_ioctx_t io_ctx, const char *uuid,
                                       const char *cluster_name)
{
  emu_record("rbd_mirror_peer_set_cluster");
  emu.p[0] = io_ctx;
  emu_str(0, uuid);
  emu_str(1, cluster_name);
  return emu.ret;
}

EXPORT int rbd_mirror_peer_get_attributes(rados_ioctx_t p, const char *uuid,
                                          char *keys, size_t *max_key_len,
                                          char *values, size_t *max_value_len,
                                          size_t *key_value_count)
{
  emu_record("rbd_mirror_peer_get_attributes");
  emu_str(0, uuid);
  emu.p[0] = p, emu.p[1] = keys, emu.p[2] = values;
  emu.u[0] = *max_key_len, emu.u[1] = *max_value_len;
  *key_value_count = 2;
  return emu.ret;
}

EXPORT int rbd_mirror_peer_set_attributes(rados_ioctx_t p, const char *uuid,
                                          const char *keys, const char *values,
                                          size_t count)
{
  emu_record("rbd_mirror_peer_set_attributes");
  emu_str(0, uuid);
  emu_str(1, keys);
  emu_str(2, values);
  emu.p[0] = p;
  emu.u[0] = count;
  return emu.ret;
}

EXPORT int rbd_mirror_image_enable(rbd_image_t image)
{
  emu_record("rbd_mirror_image_enable");
  emu.p[0] = image;
  return emu.ret;
}

EXPORT int rbd_aio_write2(rbd_image_t image, uint64_t off, size_t len,
                          const char *buf, rbd_completion_t c, int op_flags)
{
  emu_record("rbd_aio_write2");
  emu.p[0] = image, emu.p[1] = buf, emu.p[2] = c;
  emu.u[0] = off, emu.u[1] = len, emu.u[2] = (uint64_t)op_flags;
  return emu.ret;
}

/* Per-entry cleanups that free like upstream's and count, for the list
 * cleanups that must use them. */
EXPORT void rbd_trash_get_cleanup(rbd_trash_image_info_t *info)
{
  free(info->id);
  free(info->name);
  emu.item_cleanups++;
}

EXPORT void rbd_image_spec_cleanup(rbd_image_spec_t *image)
{
  free(image->id);
  free(image->name);
  emu.item_cleanups++;
}

EXPORT void rbd_linked_image_spec_cleanup(rbd_linked_image_spec_t *image)
{
  free(image->pool_name);
  free(image->pool_namespace);
  free(image->image_id);
  free(image->image_name);
  emu.item_cleanups++;
}

EXPORT void rbd_list_child_cleanup(rbd_child_info_t *child)
{
  free((void *)child->pool_name);
  free((void *)child->image_name);
  free((void *)child->image_id);
  emu.item_cleanups++;
}

EXPORT void rbd_mirror_image_get_info_cleanup(rbd_mirror_image_info_t *info)
{
  free(info->global_id);
  emu.item_cleanups++;
}

EXPORT void rbd_group_snap_get_info_cleanup(rbd_group_snap_info2_t *snap)
{
  size_t i;

  free(snap->id);
  free(snap->name);
  free(snap->image_snap_name);
  for (i = 0; i < snap->image_snaps_count; i++)
    free(snap->image_snaps[i].image_name);
  free(snap->image_snaps);
  emu.item_cleanups++;
}

/* Unrecorded, for the same reason as rados_create_write_op in emu_rados.c:
 * image options must be makeable for the calls that take them. */
EXPORT void rbd_image_options_create(rbd_image_options_t *opts)
{
  *opts = (rbd_image_options_t)0x88;
}
