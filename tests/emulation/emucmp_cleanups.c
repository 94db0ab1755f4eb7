/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Calls whose results the vendor allocates, each followed by its cleanup:
 * run.sh disables the vendor's cleanups in one run, so that the shim's
 * emulations free what the vendor's librbd allocated.
 */
#include "emucmp.h"

#include <stdlib.h>
#include <string.h>

static int by_name(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_images(void)
{
  rbd_image_spec_t specs[64];
  size_t max = 64, i, n = 0;
  const char *names[64];
  int r = rbd_list2(io, specs, &max);

  out("list2: %d", r);
  if (r < 0)
    return;
  for (i = 0; i < max; i++)
    if (strcmp(base(specs[i].name), specs[i].name))
      names[n++] = base(specs[i].name);
  qsort(names, n, sizeof names[0], by_name);
  for (i = 0; i < n; i++)
    out("  %s", names[i]);
  rbd_image_spec_list_cleanup(specs, max);
}

static void children_and_parent(void)
{
  rbd_linked_image_spec_t kids[8], parent;
  rbd_snap_spec_t snap;
  size_t max = 8, i;
  rbd_image_t img;
  int r;

  need(rbd_open(io, nm("a"), &img, "s1"), "rbd_open a@s1");
  r = rbd_list_children3(img, kids, &max);
  out("list_children3(a@s1): %d", r);
  for (i = 0; r == 0 && i < max; i++)
    out("  %s/%s trash=%d", kids[i].pool_name, base(kids[i].image_name),
        kids[i].trash);
  if (r == 0)
    rbd_linked_image_spec_list_cleanup(kids, max);
  rbd_close(img);

  need(rbd_open(io, nm("child"), &img, NULL), "rbd_open child");
  r = rbd_get_parent(img, &parent, &snap);
  out("get_parent(child): %d %s/%s@%s", r, parent.pool_name,
      base(parent.image_name), snap.name);
  if (r == 0) {
    rbd_linked_image_spec_cleanup(&parent);
    rbd_snap_spec_cleanup(&snap);
  }
  rbd_close(img);
}

/* The deprecated children list: freed as a whole, then entry by entry. */
static void list_children2(void)
{
  rbd_child_info_t kids[8];
  int max = 8, r, i;
  rbd_image_t img;

  need(rbd_open(io, nm("a"), &img, "s1"), "rbd_open a@s1");
  r = rbd_list_children2(img, kids, &max);
  out("list_children2(a@s1): %d count=%d", r, max);
  for (i = 0; r >= 0 && i < max; i++)
    out("  %s/%s trash=%d", kids[i].pool_name, base(kids[i].image_name),
        kids[i].trash);
  if (r >= 0)
    rbd_list_children_cleanup(kids, (size_t)max);
  max = 8;
  r = rbd_list_children2(img, kids, &max);
  for (i = 0; r >= 0 && i < max; i++)
    rbd_list_child_cleanup(&kids[i]);
  rbd_close(img);
}

/* A migration prepared, its status read and freed, then aborted. */
static void migration(void)
{
  rbd_image_migration_status_t st;
  rbd_image_options_t opts;
  int order = 22, r;

  need(rbd_create2(io, nm("mig"), 1 << 22, RBD_FEATURE_LAYERING, &order),
       "rbd_create2 mig");
  rbd_image_options_create(&opts);
  out("migration_prepare: %d",
      rbd_migration_prepare(io, nm("mig"), io, nm("mig-to"), opts));
  rbd_image_options_destroy(opts);
  r = rbd_migration_status(io, nm("mig-to"), &st, sizeof st);
  out("migration_status: %d", r);
  if (r == 0) {
    out("  %s -> %s state=%d", base(st.source_image_name),
        base(st.dest_image_name), (int)st.state);
    rbd_migration_status_cleanup(&st);
  }
  out("migration_abort: %d", rbd_migration_abort(io, nm("mig-to")));
  out("remove: %d", rbd_remove(io, nm("mig")));
}

static void watchers_and_locks(void)
{
  rbd_image_watcher_t w[8];
  size_t nw = 8;
  char *owners[4];
  size_t no = 4;
  rbd_lock_mode_t mode;
  rbd_config_option_t opts[512];
  int nopts = 512;
  rbd_image_t img;
  int r;

  need(rbd_open(io, nm("a"), &img, NULL), "rbd_open a");
  r = rbd_watchers_list(img, w, &nw);
  out("watchers_list: %d count=%zu", r, nw);
  if (r == 0)
    rbd_watchers_list_cleanup(w, nw);
  need(rbd_lock_acquire(img, RBD_LOCK_MODE_EXCLUSIVE), "rbd_lock_acquire");
  r = rbd_lock_get_owners(img, &mode, owners, &no);
  out("lock_get_owners: %d count=%zu mode=%d", r, no, (int)mode);
  if (r == 0)
    rbd_lock_get_owners_cleanup(owners, no);
  rbd_lock_release(img);
  /* The option count differs between releases: only whether it works. */
  r = rbd_config_image_list(img, opts, &nopts);
  out("config_image_list: %d", r);
  if (r == 0)
    rbd_config_image_list_cleanup(opts, nopts);
  nopts = 512;
  r = rbd_config_pool_list(io, opts, &nopts);
  out("config_pool_list: %d", r);
  if (r == 0)
    rbd_config_pool_list_cleanup(opts, nopts);
  rbd_close(img);
}

static void trash(void)
{
  rbd_trash_image_info_t entries[16], info;
  size_t n = 16, i;
  char id[64] = "";
  int order = 22, r;

  need(rbd_create2(io, nm("t"), 1 << 22, RBD_FEATURE_LAYERING, &order),
       "rbd_create2 t");
  out("trash_move: %d", rbd_trash_move(io, nm("t"), 0));
  r = rbd_trash_list(io, entries, &n);
  out("trash_list: %s", r >= 0 ? "ok" : "failed");
  for (i = 0; r >= 0 && i < n; i++)
    if (!strcmp(entries[i].name, nm("t"))) {
      out("  %s source=%d", base(entries[i].name), (int)entries[i].source);
      strncpy(id, entries[i].id, sizeof id - 1);
    }
  if (r >= 0)
    rbd_trash_list_cleanup(entries, n);
  r = rbd_trash_get(io, id, &info);
  out("trash_get: %d %s", r, r == 0 ? base(info.name) : "-");
  if (r == 0)
    rbd_trash_get_cleanup(&info);
  out("trash_restore: %d", rbd_trash_restore(io, id, nm("t")));
  out("remove: %d", rbd_remove(io, nm("t")));
}

static void snap_list_end(void)
{
  rbd_snap_info_t snaps[8];
  int max = 8, n;
  rbd_image_t img;

  need(rbd_open(io, nm("a"), &img, NULL), "rbd_open a");
  n = rbd_snap_list(img, snaps, &max);
  out("snap_list: %d", n);
  if (n >= 0)
    rbd_snap_list_end(snaps);
  rbd_close(img);
}

void section_cleanups(void)
{
  list_images();
  children_and_parent();
  list_children2();
  migration();
  watchers_and_locks();
  trash();
  snap_list_end();
}
