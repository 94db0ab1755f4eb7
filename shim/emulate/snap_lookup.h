/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Snapshot lookups for the emulations, built on rbd_snap_list() (every
 * snapshot of every namespace, like upstream's) and
 * rbd_snap_get_namespace_type(). Upstream's name lookups see only user
 * snapshots; its id lookups see all.
 */
#ifndef RBDCOMPAT_SNAP_LOOKUP_H
#define RBDCOMPAT_SNAP_LOOKUP_H

#include "rbdcompat_internal.h"

#include <stdint.h>

/* upstream's CEPH_NOSNAP: "no snapshot", the image head */
#define RBDCOMPAT_NOSNAP ((uint64_t)-2)

/* The image's snapshots: 0 and *snaps (free with snap_lookup_free()) and
 * *n, or a negative error of rbd_snap_list(). */
int snap_lookup_list(rbd_image_t image, rbd_snap_info_t **snaps,
                     int *n) RBDCOMPAT_HIDDEN;
void snap_lookup_free(rbd_snap_info_t *snaps) RBDCOMPAT_HIDDEN;

/* Is snapshot id a user snapshot? 1 yes, 0 no (another namespace, or it
 * went away meanwhile). A vendor without rbd_snap_get_namespace_type()
 * predates snapshot namespaces: every snapshot it lists counts as a user
 * snapshot. */
int snap_lookup_is_user(rbd_image_t image, uint64_t id) RBDCOMPAT_HIDDEN;

/* The user snapshot called name: 0 and *id, -ENOENT, or an error of the
 * listing. */
int snap_lookup_user_id(rbd_image_t image, const char *name,
                        uint64_t *id) RBDCOMPAT_HIDDEN;

/* The snapshot with this id, any namespace: 0 with its malloc()ed name in
 * *name and whether it is a user snapshot in *user; -ENOENT; -ENOMEM; or
 * an error of the listing. */
int snap_lookup_by_id(rbd_image_t image, uint64_t id, char **name,
                      int *user) RBDCOMPAT_HIDDEN;

#endif
