/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rbd_group_snap_create2 (flags) and the group list cleanups. */
#include "emucmp.h"

static void list_group_snaps(void)
{
  rbd_group_snap_info_t snaps[8];
  size_t n = 8, i;
  int r = rbd_group_snap_list(io, nm("g"), snaps, sizeof snaps[0], &n);

  out("  group_snap_list: %d", r);
  for (i = 0; r >= 0 && i < n; i++)
    out("    %s state=%d", snaps[i].name, (int)snaps[i].state);
  if (r >= 0)
    out("  group_snap_list_cleanup: %d",
        rbd_group_snap_list_cleanup(snaps, sizeof snaps[0], n));
}

static void list_group_images(void)
{
  rbd_group_image_info_t images[8];
  size_t n = 8, i;
  int r = rbd_group_image_list(io, nm("g"), images, sizeof images[0], &n);

  out("  group_image_list: %d", r);
  for (i = 0; r >= 0 && i < n; i++)
    out("    %s state=%d", base(images[i].name), (int)images[i].state);
  if (r >= 0)
    out("  group_image_list_cleanup: %d",
        rbd_group_image_list_cleanup(images, sizeof images[0], n));
}

/* The image's group, and its snapshots in the group namespace. */
static void image_group(void)
{
  rbd_group_info_t info;
  rbd_snap_info_t snaps[16];
  rbd_snap_namespace_type_t type;
  rbd_snap_group_namespace_t ns;
  rbd_image_t img;
  int max = 16, n, i, r;

  need(rbd_open(io, nm("gi"), &img, NULL), "rbd_open gi");
  r = rbd_get_group(img, &info, sizeof info);
  out("  get_group: %d %s", r, r == 0 ? base(info.name) : "-");
  if (r == 0)
    out("  group_info_cleanup: %d", rbd_group_info_cleanup(&info, sizeof info));
  n = rbd_snap_list(img, snaps, &max);
  for (i = 0; i < n; i++) {
    if (rbd_snap_get_namespace_type(img, snaps[i].id, &type) < 0 ||
        type != RBD_SNAP_NAMESPACE_TYPE_GROUP)
      continue;
    r = rbd_snap_get_group_namespace(img, snaps[i].id, &ns, sizeof ns);
    out("  snap_get_group_namespace: %d %s %s", r,
        r == 0 ? base(ns.group_name) : "-", r == 0 ? ns.group_snap_name : "-");
    if (r == 0)
      out("  snap_group_namespace_cleanup: %d",
          rbd_snap_group_namespace_cleanup(&ns, sizeof ns));
  }
  if (n >= 0)
    rbd_snap_list_end(snaps);
  rbd_close(img);
}

void section_groups(void)
{
  int order = 22;

  need(rbd_create2(io, nm("gi"), 1 << 22, RBD_FEATURES_DEFAULT, &order),
       "rbd_create2 gi");
  out("group_create: %d", rbd_group_create(io, nm("g")));
  out("group_image_add: %d", rbd_group_image_add(io, nm("g"), io, nm("gi")));
  list_group_images();
  out("group_snap_create2(gs1, 0): %d",
      rbd_group_snap_create2(io, nm("g"), "gs1", 0));
  out("group_snap_create2(gs2, SKIP): %d",
      rbd_group_snap_create2(io, nm("g"), "gs2", RBD_SNAP_CREATE_SKIP_QUIESCE));
  out("group_snap_create2(gs3, SKIP|IGNORE): %d",
      rbd_group_snap_create2(io, nm("g"), "gs3",
                             RBD_SNAP_CREATE_SKIP_QUIESCE |
                                 RBD_SNAP_CREATE_IGNORE_QUIESCE_ERROR));
  out("group_snap_create2(gs1 again, IGNORE): %d",
      rbd_group_snap_create2(io, nm("g"), "gs1",
                             RBD_SNAP_CREATE_IGNORE_QUIESCE_ERROR));
  out("group_snap_create2(missing group): %d",
      rbd_group_snap_create2(io, nm("nogroup"), "x", 0));
  list_group_snaps();
  image_group();
  out("group_snap_remove: %d", rbd_group_snap_remove(io, nm("g"), "gs1"));
  out("group_snap_remove: %d", rbd_group_snap_remove(io, nm("g"), "gs2"));
  out("group_image_remove: %d",
      rbd_group_image_remove(io, nm("g"), io, nm("gi")));
  out("group_remove: %d", rbd_group_remove(io, nm("g")));
  out("remove: %d", rbd_remove(io, nm("gi")));
}
