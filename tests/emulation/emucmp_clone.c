/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rbd_clone4 from the snapshots the snapshots section left on "a". */
#include "emucmp.h"

#include <string.h>

static uint64_t snap_id(rbd_image_t img, const char *name)
{
  uint64_t id = NOSNAP;

  need(rbd_snap_get_id(img, name, &id), "rbd_snap_get_id");
  return id;
}

static void show_parent(const char *child)
{
  char pool[64], name[128], id[64], snap[64];
  rbd_image_t img;
  int r;

  need(rbd_open(io, nm(child), &img, NULL), "rbd_open child");
  r = rbd_get_parent_info2(img, pool, sizeof pool, name, sizeof name, id,
                           sizeof id, snap, sizeof snap);
  out("  %s: parent %d %s/%s@%s", child, r, pool, base(name), snap);
  rbd_close(img);
}

void section_clone(void)
{
  rbd_image_options_t opts;
  rbd_image_t parent;
  uint64_t s1, s2;
  int r;

  need(rbd_open(io, nm("a"), &parent, NULL), "rbd_open a");
  s1 = snap_id(parent, "s1");
  s2 = snap_id(parent, "s2");
  rbd_close(parent);
  rbd_image_options_create(&opts);
  r = rbd_clone4(io, nm("a"), s1, io, nm("child"), opts);
  out("clone4(a@s1 protected): %d", r);
  if (r == 0)
    show_parent("child");
  out("clone4(a@s1, same child): %d",
      rbd_clone4(io, nm("a"), s1, io, nm("child"), opts));
  out("clone4(a@unknown): %d",
      rbd_clone4(io, nm("a"), s1 + s2 + 1000, io, nm("child2"), opts));
  out("clone4(missing parent): %d",
      rbd_clone4(io, nm("nope"), s1, io, nm("child3"), opts));
  r = rbd_clone4(io, nm("a"), s2, io, nm("child4"), opts);
  out("clone4(a@s2 unprotected): %d", r);
  if (r == 0)
    show_parent("child4");
  rbd_image_options_destroy(opts);
}
