/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Vendor librbd builds that are broken in ways a shim can guard against.
 * Each exports what the shim looks for (rbd_version) under the right name.
 *   -DBROKEN_UNDEFINED  references a function nothing defines: with
 *                       RTLD_NOW, dlopen() fails instead of the process
 *                       dying at the first call that needs it.
 *   -DBROKEN_REENTRANT  its constructor calls the C API, as any global
 *                       binding of a vendor's own calls does: the shim is
 *                       then asked for the library it is still loading.
 * (A dependency that does not exist is a link option: see meson.build.)
 * A constructor that crashes or exits cannot be guarded against by any
 * library that loads it, and is not tested.
 */
#include "mock_vendor.h"

#include <dlfcn.h>
#include <stdint.h>

#include <rbd/librbd.h>
#include <rados/librados.h>

#ifdef BROKEN_UNDEFINED
void rbdcompat_test_absent_function(void);
#endif

MOCK_EXPORT void rbd_version(int *major, int *minor, int *extra)
{
  *major = 1, *minor = 42, *extra = 7;
}

MOCK_EXPORT int rbd_close(rbd_image_t image)
{
  uint64_t a[1] = { (uint64_t)(uintptr_t)image };

#ifdef BROKEN_UNDEFINED
  rbdcompat_test_absent_function();
#endif
  mock_record(4242, 1, a);
  return 4242;
}

#ifdef BROKEN_REENTRANT
/* What the constructor got back: rbd_version's three numbers, and whether
 * rados_version (the other library) answered. */
MOCK_EXPORT int reentrant_seen[4] = { -1, -1, -1, -1 };

__attribute__((constructor)) static void calls_the_api_while_loading(void)
{
  /* The global definition, which is what a PLT call from here binds to
   * when the shim is loaded first (LD_PRELOAD, drop-in, linked). */
  void (*rbd_ver)(int *, int *, int *);
  void (*rados_ver)(int *, int *, int *);
  void *p = dlsym(RTLD_DEFAULT, "rbd_version");
  void *q = dlsym(RTLD_DEFAULT, "rados_version");
  int a = -1, b = -1, c = -1;

  if (!p || !q)
    return;
  *(void **)&rbd_ver = p;
  *(void **)&rados_ver = q;
  rbd_ver(&reentrant_seen[0], &reentrant_seen[1], &reentrant_seen[2]);
  rados_ver(&a, &b, &c);
  reentrant_seen[3] = 1;
}
#endif
