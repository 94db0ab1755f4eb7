/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A plugin that uses librbd, linked with the shim as any consumer is: the
 * test loads and unloads it with dlopen()/dlclose(), which loads and
 * unloads the shim with it (the test program itself does not link it).
 */
#include <rbd/librbd.h>
#include <rados/librados.h>

__attribute__((visibility("default"))) int consumer_call(long arg)
{
  int r = rbd_close((rbd_image_t)arg);

  if (r < 0)
    return r;
  return (int)rados_ioctx_get_id((rados_ioctx_t)(arg + 1));
}
