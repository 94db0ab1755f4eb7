/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Octopus renamed the mirror peer calls to rbd_mirror_peer_site_*() and
 * gave peers a direction; upstream's old names are now thin wrappers of
 * the new ones (rbd_mirror_peer_add() is rbd_mirror_peer_site_add() with
 * RBD_MIRROR_PEER_DIRECTION_RX_TX, and so on). So the new names map back
 * onto the old calls exactly, as long as the direction is RX_TX: the only
 * kind of peer an older vendor knows. Other directions are -ENOSYS.
 * rbd_mirror_peer_site_list() and _set_direction() have no exact older
 * form (no direction, mirror_uuid or last_seen to report) and are stubs.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <errno.h>

/* What rbd_mirror_peer_add() needs to hold a uuid, NUL included. */
#define UUID_BUF 37

/* emulation: rbd_mirror_peer_add() for RBD_MIRROR_PEER_DIRECTION_RX_TX (the
 * site name is the old cluster name); -ENOSYS for other directions, after
 * upstream's -E2BIG check of the uuid buffer */
int rbdcompat_emu_rbd_mirror_peer_site_add(
    rados_ioctx_t io_ctx, char *uuid, size_t uuid_max_length,
    rbd_mirror_peer_direction_t direction, const char *site_name,
    const char *client_name)
{
  if (direction != RBD_MIRROR_PEER_DIRECTION_RX_TX)
    return uuid_max_length < UUID_BUF ? -E2BIG : -ENOSYS;
  return rbd_mirror_peer_add(io_ctx, uuid, uuid_max_length, site_name,
                             client_name);
}

/* emulation: rbd_mirror_peer_remove(), which upstream defines as this */
int rbdcompat_emu_rbd_mirror_peer_site_remove(rados_ioctx_t io_ctx,
                                              const char *uuid)
{
  return rbd_mirror_peer_remove(io_ctx, uuid);
}

/* emulation: rbd_mirror_peer_set_client(), which upstream defines as this */
int rbdcompat_emu_rbd_mirror_peer_site_set_client_name(rados_ioctx_t io_ctx,
                                                       const char *uuid,
                                                       const char *client_name)
{
  return rbd_mirror_peer_set_client(io_ctx, uuid, client_name);
}

/* emulation: rbd_mirror_peer_set_cluster(), which upstream defines as this */
int rbdcompat_emu_rbd_mirror_peer_site_set_name(rados_ioctx_t io_ctx,
                                                const char *uuid,
                                                const char *site_name)
{
  return rbd_mirror_peer_set_cluster(io_ctx, uuid, site_name);
}

/* emulation: rbd_mirror_peer_get_attributes() (Nautilus), which upstream
 * defines as this */
int rbdcompat_emu_rbd_mirror_peer_site_get_attributes(
    rados_ioctx_t p, const char *uuid, char *keys, size_t *max_key_len,
    char *values, size_t *max_value_len, size_t *key_value_count)
{
  return rbd_mirror_peer_get_attributes(p, uuid, keys, max_key_len, values,
                                        max_value_len, key_value_count);
}

/* emulation: rbd_mirror_peer_set_attributes() (Nautilus), which upstream
 * defines as this */
int rbdcompat_emu_rbd_mirror_peer_site_set_attributes(rados_ioctx_t p,
                                                      const char *uuid,
                                                      const char *keys,
                                                      const char *values,
                                                      size_t key_value_count)
{
  return rbd_mirror_peer_set_attributes(p, uuid, keys, values, key_value_count);
}

/* emulation: rbd_mirror_image_enable() for RBD_MIRROR_IMAGE_MODE_JOURNAL
 * (upstream defines enable as enable2 in journal mode); -ENOSYS for
 * snapshot mode, which needs Octopus */
int rbdcompat_emu_rbd_mirror_image_enable2(rbd_image_t image,
                                           rbd_mirror_image_mode_t mode)
{
  if (mode != RBD_MIRROR_IMAGE_MODE_JOURNAL)
    return -ENOSYS;
  return rbd_mirror_image_enable(image);
}
