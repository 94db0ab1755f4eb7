/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * An ELF auxiliary filter of the vendor's librbd.so.1 (linked with
 * -Wl,--auxiliary,librbd.so.1): the dynamic linker binds a consumer's
 * reference to this library's rbd_version straight to the vendor's
 * definition, with nothing in between. It is the fastest any forwarding
 * library could be, the "physical limit" the shim is compared with.
 *
 * This definition is only used if the filtee cannot be loaded; it makes
 * that case visible instead of silently measuring the wrong thing.
 */
#include <rbd/librbd.h>

#include <stdlib.h>
#include <unistd.h>

void rbd_version(int *major, int *minor, int *extra)
{
  static const char msg[] = "filter: the filtee librbd.so.1 was not loaded\n";

  (void)major;
  (void)minor;
  (void)extra;
  (void)!write(2, msg, sizeof msg - 1);
  abort();
}
