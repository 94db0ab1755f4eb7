/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* An ELF file read into memory and parsed (elf_read.h), with messages
 * that say what is wrong with the file in one line. */
#ifndef PROBE_ELF_FILE_H
#define PROBE_ELF_FILE_H

#include "elf_read.h"

struct elf_file {
  unsigned char *data;
  size_t len;
  struct elf_info info;
};

/* Read and parse path. Returns 0, or -1 with err saying why (without the
 * file name, e.g. "not an ELF file"). */
int elf_file_open(const char *path, struct elf_file *f, char *err,
                  size_t errlen);
void elf_file_close(struct elf_file *f);

#endif
