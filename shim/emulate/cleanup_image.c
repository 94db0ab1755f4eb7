/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Freeing the image-level structures a vendor filled in: image specs,
 * children, watchers, lock owners, config options, migration status and
 * trash entries. Upstream strdup()s every string member and frees each
 * with free(); arrays belong to the caller. A list cleanup calls the
 * per-entry cleanup through the shim's own export where upstream has one,
 * so that a vendor that has the per-entry call but not the list call
 * still frees its entries its own way.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <stdlib.h>

/* emulation: frees id and name, as upstream does */
void rbdcompat_emu_rbd_image_spec_cleanup(rbd_image_spec_t *image)
{
  free(image->id);
  free(image->name);
}

/* emulation: rbd_image_spec_cleanup() on each entry, as upstream does */
void rbdcompat_emu_rbd_image_spec_list_cleanup(rbd_image_spec_t *images,
                                               size_t num_images)
{
  size_t i;

  for (i = 0; i < num_images; i++)
    rbd_image_spec_cleanup(&images[i]);
}

/* emulation: frees pool_name, pool_namespace, image_id and image_name, as
 * upstream does */
void rbdcompat_emu_rbd_linked_image_spec_cleanup(rbd_linked_image_spec_t *image)
{
  free(image->pool_name);
  free(image->pool_namespace);
  free(image->image_id);
  free(image->image_name);
}

/* emulation: rbd_linked_image_spec_cleanup() on each entry, as upstream
 * does */
void rbdcompat_emu_rbd_linked_image_spec_list_cleanup(
    rbd_linked_image_spec_t *images, size_t num_images)
{
  size_t i;

  for (i = 0; i < num_images; i++)
    rbd_linked_image_spec_cleanup(&images[i]);
}

/* emulation: frees pool_name, image_name and image_id, as upstream does */
void rbdcompat_emu_rbd_list_child_cleanup(rbd_child_info_t *child)
{
  free((void *)child->pool_name);
  free((void *)child->image_name);
  free((void *)child->image_id);
}

/* emulation: rbd_list_child_cleanup() on each entry (upstream frees the
 * same three members inline) */
void rbdcompat_emu_rbd_list_children_cleanup(rbd_child_info_t *children,
                                             size_t num_children)
{
  size_t i;

  for (i = 0; i < num_children; i++)
    rbd_list_child_cleanup(&children[i]);
}

/* emulation: frees each entry's addr, as upstream does */
void rbdcompat_emu_rbd_watchers_list_cleanup(rbd_image_watcher_t *watchers,
                                             size_t num_watchers)
{
  size_t i;

  for (i = 0; i < num_watchers; i++)
    free(watchers[i].addr);
}

/* emulation: frees each owner string, as upstream does */
void rbdcompat_emu_rbd_lock_get_owners_cleanup(char **lock_owners,
                                               size_t lock_owner_count)
{
  size_t i;

  for (i = 0; i < lock_owner_count; i++)
    free(lock_owners[i]);
}

static void free_options(rbd_config_option_t *options, int max_options)
{
  int i;

  for (i = 0; i < max_options; i++) {
    free(options[i].name);
    free(options[i].value);
  }
}

/* emulation: frees each option's name and value, as upstream does */
void rbdcompat_emu_rbd_config_pool_list_cleanup(rbd_config_option_t *options,
                                                int max_options)
{
  free_options(options, max_options);
}

/* emulation: frees each option's name and value, as upstream does */
void rbdcompat_emu_rbd_config_image_list_cleanup(rbd_config_option_t *options,
                                                 int max_options)
{
  free_options(options, max_options);
}

/* emulation: frees the six strings and state_description, as upstream
 * does */
void rbdcompat_emu_rbd_migration_status_cleanup(
    rbd_image_migration_status_t *status)
{
  free(status->source_pool_namespace);
  free(status->source_image_name);
  free(status->source_image_id);
  free(status->dest_pool_namespace);
  free(status->dest_image_name);
  free(status->dest_image_id);
  free(status->state_description);
}

/* emulation: frees id and name, as upstream does */
void rbdcompat_emu_rbd_trash_get_cleanup(rbd_trash_image_info_t *info)
{
  free(info->id);
  free(info->name);
}

/* emulation: rbd_trash_get_cleanup() on each entry, as upstream does */
void rbdcompat_emu_rbd_trash_list_cleanup(rbd_trash_image_info_t *trash_entries,
                                          size_t num_entries)
{
  size_t i;

  for (i = 0; i < num_entries; i++)
    rbd_trash_get_cleanup(&trash_entries[i]);
}
