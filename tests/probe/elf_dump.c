/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Test helper: prints what the probe's ELF reader makes of a file, one
 * fact per line, for tests/probe/test_elf_reader.py to compare with what
 * the fixture generator wrote or what readelf says:
 *   class 64 / endian little / machine 62 / type 3 / bind_now 0
 *   soname NAME / needed NAME / verdef VERSION / verneed FILE VERSION
 *   undef NAME [VERSION FILE] [weak] / defined COUNT
 * or "error STATUS MESSAGE" (exit 1) when the reader refuses it.
 */
#include "elf_read.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
  struct elf_info info;
  char err[256];
  unsigned char *buf;
  size_t len, i;
  long n;
  FILE *f;
  int rc;

  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
    perror(argv[1]);
    fclose(f);
    return 2;
  }
  len = (size_t)n;
  buf = malloc(len ? len : 1);
  if (!buf || fread(buf, 1, len, f) != len) {
    perror(argv[1]);
    free(buf);
    fclose(f);
    return 2;
  }
  fclose(f);
  rc = elf_read(buf, len, &info, err, sizeof err);
  if (rc != ELF_OK) {
    printf("error %d %s\n", rc, err);
    free(buf);
    return 1;
  }
  printf("class %u\nendian %s\nmachine %u\ntype %u\nbind_now %u\n",
         info.elfclass, info.big_endian ? "big" : "little", info.machine,
         info.type, info.bind_now);
  if (info.soname)
    printf("soname %s\n", info.soname);
  for (i = 0; i < info.nneeded; i++)
    printf("needed %s\n", info.needed[i]);
  for (i = 0; i < info.nverdef; i++)
    printf("verdef %s\n", info.verdef[i]);
  for (i = 0; i < info.nverneed; i++)
    printf("verneed %s %s\n", info.verneed[i].file, info.verneed[i].version);
  for (i = 0; i < info.nundef; i++) {
    const struct elf_symref *r = &info.undef[i];

    printf("undef %s", r->name);
    if (r->version)
      printf(" %s %s", r->version, r->file);
    printf("%s\n", r->weak ? " weak" : "");
  }
  printf("defined %zu\n", info.ndefined);
  elf_info_free(&info);
  free(buf);
  return 0;
}
