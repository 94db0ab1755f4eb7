/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rbd_features_to_string / rbd_features_from_string (no cluster needed). */
#include "emucmp.h"

#include <string.h>

static void to_string(uint64_t f, size_t size)
{
  char buf[512];
  size_t s = size;
  int r;

  memset(buf, 'X', sizeof buf);
  buf[sizeof buf - 1] = '\0';
  r = rbd_features_to_string(f, size ? buf : NULL, &s);
  out("to_string(0x%llx, %zu): %d size=%zu \"%s\"", (unsigned long long)f, size,
      r, s, r == 0 ? buf : "-");
}

void section_features(void)
{
  static const uint64_t masks[] = { 0,     1,     2,      3,         0x3d,
                                    0x40,  0x80,  0x100,  0x200,     0x400,
                                    0x800, 0xfff, 0x1000, 1ULL << 63 };
  static const char *strs[] = {
    "",
    " ",
    "layering",
    "layering,exclusive-lock",
    " layering , striping ",
    "61",
    "0x3d",
    "-1",
    "1024",
    "4096",
    "65535",
    "18446744073709551615",
    "18446744073709551616",
    "foo",
    "layering,foo",
    "layering,,striping",
    ",",
    "layering,layering",
    "LAYERING",
    "operations",
    "migrating",
    "non-primary",
    "dirty-cache",
    "data-pool",
    "1 2",
    "+5",
    "07",
    "\tlayering\n",
    "-5",
    "-18446744073709551615",
    "+",
    "layering,",
    "exclusive-lock,layering,exclusive-lock",
    "\xa0layering",
  };
  size_t i;

  for (i = 0; i < sizeof masks / sizeof masks[0]; i++)
    to_string(masks[i], 512);
  to_string(0x3d, 5);
  to_string(1, 8);
  to_string(1, 9);
  to_string(0, 0);
  to_string(0, 1);
  for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
    uint64_t f = 0xdead;
    int r = rbd_features_from_string(strs[i], &f);

    out("from_string(\"%s\"): %d 0x%llx", strs[i], r, (unsigned long long)f);
  }
}
