/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * An unchanged consumer of the upstream C API: it includes <rbd/librbd.h>,
 * uses a constant a vendor's headers may lack and a function a vendor's
 * library may lack. Built with nothing but `pkg-config --cflags --libs
 * librbdcompat`.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <rbd/librbd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
  rbd_trash_image_info_t *entries = calloc(2, sizeof *entries);
  size_t i;

  if (!entries)
    return 1;
  for (i = 0; i < 2; i++) {
    entries[i].id = strdup("id");
    entries[i].name = strdup("name");
  }
  printf("RBD_FEATURE_JOURNALING=%llu\n",
         (unsigned long long)RBD_FEATURE_JOURNALING);
  /* As after rbd_trash_list(): the cleanup frees what the list allocated. */
  rbd_trash_list_cleanup(entries, 2);
  free(entries);
  printf("rbd_trash_list_cleanup returned\n");
  return 0;
}
