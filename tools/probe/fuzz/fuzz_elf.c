/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer target for the ELF reader (elf_read.c): any bytes must give a
 * result or an error, never a crash or an out-of-bounds read (run under
 * AddressSanitizer). The result is walked so that every string it points
 * to is read.
 */
#include "elf_read.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(const char *s)
{
  return s ? strlen(s) : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  struct elf_info info;
  char err[256], what[160];
  volatile size_t sum = 0;
  size_t i;
  /* An exact-size copy, so that ASan sees any read past the end. */
  uint8_t *copy = malloc(size ? size : 1);

  if (!copy)
    return 0;
  memcpy(copy, data, size);
  if (elf_read(copy, size, &info, err, sizeof err) == ELF_OK) {
    elf_describe(&info, what, sizeof what);
    sum += touch(info.soname) + touch(what);
    for (i = 0; i < info.nneeded; i++)
      sum += touch(info.needed[i]);
    for (i = 0; i < info.nundef; i++)
      sum += touch(info.undef[i].name) + touch(info.undef[i].version) +
             touch(info.undef[i].file);
    for (i = 0; i < info.nverneed; i++)
      sum += touch(info.verneed[i].file) + touch(info.verneed[i].version);
    for (i = 0; i < info.nverdef; i++)
      sum += touch(info.verdef[i]);
    elf_info_free(&info);
  } else {
    sum += touch(err);
  }
  free(copy);
  (void)sum;
  return 0;
}
