/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * For the setuid test (setuid.sh): says whether it runs with secure
 * execution, then makes one call through the shim (statically linked in,
 * so that no library search path is involved in finding the shim itself:
 * ld.so ignores LD_LIBRARY_PATH and $ORIGIN for setuid programs). With
 * RBDCOMPAT_LOG=debug the shim says which vendor library it loaded; the
 * version printed tells a mock vendor (-1.-1.-1) from a real one.
 */
#include <stdio.h>
#include <sys/auxv.h>

#include <rbd/librbd.h>

int main(void)
{
  int major = -1, minor = -1, extra = -1;

  printf("AT_SECURE=%lu\n", getauxval(AT_SECURE));
  fflush(stdout);
  rbd_version(&major, &minor, &extra);
  printf("rbd_version=%d.%d.%d\n", major, minor, extra);
  return 0;
}
