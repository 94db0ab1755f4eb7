/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Test helper for damage.py: a program linked to librbdcompat that calls
 * rbd_version() and rados_version() (which load the vendor libraries
 * named by RBDCOMPAT_LIBRBD / RBDCOMPAT_LIBRADOS) and prints what they
 * say: "rbd 1.16.0" / "rados 3.0.0", or 0.0.0 when the shim refused the
 * library.
 */
#include <rados/librados.h>
#include <rbd/librbd.h>
#include <stdio.h>

int main(void)
{
  int a = -1, b = -1, c = -1;

  rbd_version(&a, &b, &c);
  printf("rbd %d.%d.%d\n", a, b, c);
  a = b = c = -1;
  rados_version(&a, &b, &c);
  printf("rados %d.%d.%d\n", a, b, c);
  return 0;
}
