/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rbd_diff_iterate3() (Reef 18.2.7, Squid 19.2.3) through
 * rbd_diff_iterate2() (Luminous). The flags map one to one onto
 * diff_iterate2's include_parent and whole_object; other bits are
 * -EINVAL, checked first as upstream does. The starting snapshot is given
 * by id (0: from the beginning); diff_iterate2 takes a user snapshot's
 * name, so the emulation is exact for 0 and user snapshots, -ENOENT for
 * an unknown id, and -ENOSYS for a snapshot of another namespace (e.g. a
 * mirror snapshot), which an older vendor cannot diff from.
 * go-ceph looks rbd_diff_iterate3 up with dlsym() and prefers it.
 */
#include "snap_lookup.h"
#include "emu_decls.h"

#include <errno.h>
#include <stdlib.h>

/* emulation: rbd_diff_iterate2() with the flags as its two booleans and
 * the snapshot id turned into its name (rbd_snap_list()); -EINVAL for
 * unknown flags, -ENOSYS for a snapshot outside the user namespace */
int rbdcompat_emu_rbd_diff_iterate3(rbd_image_t image, uint64_t from_snap_id,
                                    uint64_t ofs, uint64_t len, uint32_t flags,
                                    int (*cb)(uint64_t, size_t, int, void *),
                                    void *arg)
{
  const uint32_t known = RBD_DIFF_ITERATE_FLAG_INCLUDE_PARENT |
                         RBD_DIFF_ITERATE_FLAG_WHOLE_OBJECT;
  uint8_t include_parent = !!(flags & RBD_DIFF_ITERATE_FLAG_INCLUDE_PARENT);
  uint8_t whole_object = !!(flags & RBD_DIFF_ITERATE_FLAG_WHOLE_OBJECT);
  char *name = NULL;
  int user = 1, r;

  if (flags & ~known)
    return -EINVAL;
  if (from_snap_id != 0) {
    r = snap_lookup_by_id(image, from_snap_id, &name, &user);
    if (r < 0)
      return r;
  }
  r = user ? rbd_diff_iterate2(image, name, ofs, len, include_parent,
                               whole_object, cb, arg)
           : -ENOSYS;
  free(name);
  return r;
}
