/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Mirroring in image mode: rbd_mirror_image_enable2 in journal mode,
 * rbd_mirror_image_get_info(_cleanup), and the peer site calls that map
 * onto the older peer calls.
 */
#include "emucmp.h"

#include <string.h>

/* The pool's image status and instance lists (no rbd-mirror daemon: every
 * state is unknown, no instance). */
static void status_lists(void)
{
  char *ids[16], *instances[16];
  rbd_mirror_image_status_t st[16];
  size_t len = 0, i;
  int r;

  r = rbd_mirror_image_status_list(io, "", 16, ids, st, &len);
  out("  mirror_image_status_list: %d count=%zu", r, len);
  for (i = 0; r >= 0 && i < len; i++)
    out("    %s info.state=%d state=%d up=%d", base(st[i].name),
        (int)st[i].info.state, (int)st[i].state, st[i].up);
  if (r >= 0)
    rbd_mirror_image_status_list_cleanup(ids, st, len);
  len = 0;
  r = rbd_mirror_image_instance_id_list(io, "", 16, ids, instances, &len);
  out("  mirror_image_instance_id_list: %d count=%zu", r, len);
  if (r >= 0)
    rbd_mirror_image_instance_id_list_cleanup(ids, instances, len);
}

static void image(void)
{
  rbd_mirror_image_info_t info;
  int order = 22, r;
  rbd_image_t img;

  need(rbd_create2(io, nm("m"), 1 << 22,
                   RBD_FEATURES_DEFAULT | RBD_FEATURE_JOURNALING, &order),
       "rbd_create2 m");
  need(rbd_open(io, nm("m"), &img, NULL), "rbd_open m");
  out("mirror_image_enable2(journal): %d",
      rbd_mirror_image_enable2(img, RBD_MIRROR_IMAGE_MODE_JOURNAL));
  r = rbd_mirror_image_get_info(img, &info, sizeof info);
  out("mirror_image_get_info: %d state=%d primary=%d", r,
      r == 0 ? (int)info.state : -1, r == 0 ? info.primary : -1);
  if (r == 0)
    rbd_mirror_image_get_info_cleanup(&info);
  status_lists();
  out("mirror_image_disable: %d", rbd_mirror_image_disable(img, false));
  rbd_close(img);
  out("remove: %d", rbd_remove(io, nm("m")));
}

static void show_peers(void)
{
  rbd_mirror_peer_t peers[4];
  int max = 4, r, i;

  r = rbd_mirror_peer_list(io, peers, &max);
  out("  peer_list: %d", r);
  for (i = 0; r == 0 && i < max; i++)
    out("    %s %s", peers[i].cluster_name, peers[i].client_name);
  if (r == 0)
    rbd_mirror_peer_list_cleanup(peers, max);
}

static void show_attributes(const char *uuid)
{
  char keys[256], vals[256];
  size_t kl = sizeof keys, vl = sizeof vals, n = 0, i;
  const char *k = keys, *v = vals;
  int r = rbd_mirror_peer_site_get_attributes(io, uuid, keys, &kl, vals, &vl,
                                              &n);

  out("  peer_site_get_attributes: %d count=%zu", r, n);
  for (i = 0; r == 0 && i < n; i++, k += strlen(k) + 1, v += strlen(v) + 1)
    out("    %s=%s", k, v);
}

static void peers(void)
{
  char uuid[64] = "", small[10];
  static const char keys[] = "key\0mon_host";
  static const char vals[] = "secret\0"
                             "127.0.0.1:3300";
  int r;

  r = rbd_mirror_peer_site_add(io, uuid, sizeof uuid,
                               RBD_MIRROR_PEER_DIRECTION_RX_TX, "site-b",
                               "client.b");
  out("peer_site_add(rx-tx): %d uuid length %zu", r, strlen(uuid));
  out("peer_site_add(short uuid buffer): %d",
      rbd_mirror_peer_site_add(io, small, sizeof small,
                               RBD_MIRROR_PEER_DIRECTION_RX_TX, "site-c",
                               "client.c"));
  show_peers();
  out("peer_site_set_name: %d",
      rbd_mirror_peer_site_set_name(io, uuid, "site-d"));
  out("peer_site_set_client_name: %d",
      rbd_mirror_peer_site_set_client_name(io, uuid, "client.d"));
  show_peers();
  show_attributes(uuid);
  out("peer_site_set_attributes: %d",
      rbd_mirror_peer_site_set_attributes(io, uuid, keys, vals, 2));
  show_attributes(uuid);
  out("peer_site_set_name(unknown uuid): %d",
      rbd_mirror_peer_site_set_name(io, "00000000-0000-0000-0000-000000000000",
                                    "x"));
  out("peer_site_remove: %d", rbd_mirror_peer_site_remove(io, uuid));
  show_peers();
}

void section_mirror(void)
{
  out("mirror_mode_set(image): %d",
      rbd_mirror_mode_set(io, RBD_MIRROR_MODE_IMAGE));
  image();
  peers();
  out("mirror_mode_set(disabled): %d",
      rbd_mirror_mode_set(io, RBD_MIRROR_MODE_DISABLED));
}

/* rbd_mirror_uuid_get on its own (run.sh: "uuid-on uuid" with Pacific's
 * function, then "uuid" with 14.2.21 and the emulation while mirroring
 * stays enabled, so both must print the same uuid; "uuid-off uuid" the
 * same without a mirror uuid). */
void section_uuid_on(void)
{
  out("mirror_mode_set(image): %d",
      rbd_mirror_mode_set(io, RBD_MIRROR_MODE_IMAGE));
}

void section_uuid_off(void)
{
  out("mirror_mode_set(disabled): %d",
      rbd_mirror_mode_set(io, RBD_MIRROR_MODE_DISABLED));
}

void section_uuid(void)
{
  char uuid[64], small[8];
  size_t len = sizeof uuid;
  int r = rbd_mirror_uuid_get(io, uuid, &len);

  out("mirror_uuid_get: %d len=%zu uuid=%s", r, len, r == 0 ? uuid : "-");
  len = sizeof small;
  r = rbd_mirror_uuid_get(io, small, &len);
  out("mirror_uuid_get(8-byte buffer): %d len=%zu", r, len);
  len = 37;
  r = rbd_mirror_uuid_get(io, uuid, &len);
  out("mirror_uuid_get(37-byte buffer): %d len=%zu", r, len);
}
