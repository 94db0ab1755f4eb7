/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Snapshot lookups shared by the snapshot emulations (see snap_lookup.h).
 * Everything goes through the shim's own exports of rbd_snap_list() and
 * rbd_snap_get_namespace_type(), both older than every function emulated
 * with them.
 */
#include "snap_lookup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Enough for most images on the first call; rbd_snap_list() says how many
 * entries it needs (count + 1 for the terminating entry) otherwise. */
#define FIRST_GUESS 16
#define MAX_TRIES 8

int snap_lookup_list(rbd_image_t image, rbd_snap_info_t **snaps, int *n)
{
  int max = FIRST_GUESS, tries, r, i;

  for (tries = 0; tries < MAX_TRIES; tries++) {
    rbd_snap_info_t *v = calloc((size_t)max + 1, sizeof *v);
    int want = max;

    if (!v)
      return -ENOMEM;
    r = rbd_snap_list(image, v, &want);
    if (r == -ERANGE && want > max) {
      /* Snapshots were added meanwhile, or the first guess was short. */
      free(v);
      max = want;
      continue;
    }
    if (r < 0) {
      free(v);
      return r;
    }
    /* Trust the entries, not only the count: stop at the first without a
     * name (the terminating entry), never past what was allocated. */
    for (i = 0; i < max && v[i].name; i++)
      ;
    *snaps = v;
    *n = i;
    return 0;
  }
  return -ERANGE;
}

void snap_lookup_free(rbd_snap_info_t *snaps)
{
  if (snaps) {
    rbd_snap_list_end(snaps);
    free(snaps);
  }
}

int snap_lookup_is_user(rbd_image_t image, uint64_t id)
{
  rbd_snap_namespace_type_t type = RBD_SNAP_NAMESPACE_TYPE_USER;
  int r = rbd_snap_get_namespace_type(image, id, &type);

  if (r == -ENOSYS)
    return 1;
  return r == 0 && type == RBD_SNAP_NAMESPACE_TYPE_USER;
}

int snap_lookup_user_id(rbd_image_t image, const char *name, uint64_t *id)
{
  rbd_snap_info_t *snaps;
  int n, i, r;

  r = snap_lookup_list(image, &snaps, &n);
  if (r < 0)
    return r;
  r = -ENOENT;
  for (i = 0; i < n; i++) {
    /* Names are unique per namespace only: a user snapshot and, say, a
     * trash snapshot may share one. */
    if (!strcmp(snaps[i].name, name) &&
        snap_lookup_is_user(image, snaps[i].id)) {
      *id = snaps[i].id;
      r = 0;
      break;
    }
  }
  snap_lookup_free(snaps);
  return r;
}

int snap_lookup_by_id(rbd_image_t image, uint64_t id, char **name, int *user)
{
  rbd_snap_info_t *snaps;
  int n, i, r;

  r = snap_lookup_list(image, &snaps, &n);
  if (r < 0)
    return r;
  r = -ENOENT;
  for (i = 0; i < n; i++) {
    if (snaps[i].id == id) {
      *name = strdup(snaps[i].name);
      r = *name ? 0 : -ENOMEM;
      if (!r)
        *user = snap_lookup_is_user(image, id);
      break;
    }
  }
  snap_lookup_free(snaps);
  return r;
}
