/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* An ELF file mapped, parsed (elf_read.h) and unmapped again, with
 * messages that say what is wrong with the file in one line. */
#ifndef PROBE_ELF_FILE_H
#define PROBE_ELF_FILE_H

#include "elf_read.h"

struct elf_file {
  unsigned char *data; /* the strings info points to */
  size_t len;          /* the file's size */
  struct elf_info info;
};

/* Map and parse path. Returns 0, or -1 with err saying why (without the
 * file name, e.g. "not an ELF file"). */
int elf_file_open(const char *path, struct elf_file *f, char *err,
                  size_t errlen);
void elf_file_close(struct elf_file *f);

#endif
