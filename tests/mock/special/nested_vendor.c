/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "mock_vendor.h"

#include <rbd/librbd.h>

MOCK_EXPORT unsigned long nested_get_cleanup_calls;

MOCK_EXPORT void rbd_version(int *major, int *minor, int *extra)
{
  *major = 1, *minor = 12, *extra = 0;
}

MOCK_EXPORT void rbd_trash_get_cleanup(rbd_trash_image_info_t *info)
{
  (void)info;
  nested_get_cleanup_calls++;
}

/* Calls through the PLT: the preloaded/linked shim interposes here. */
MOCK_EXPORT void rbd_trash_list_cleanup(rbd_trash_image_info_t *entries,
                                        size_t n)
{
  size_t i;

  for (i = 0; i < n; i++)
    rbd_trash_get_cleanup(&entries[i]);
}
