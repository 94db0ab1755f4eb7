/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading what the dynamic linker reads from an ELF file: its dynamic
 * symbols (the undefined ones with their symbol versions), the libraries
 * it needs, its soname and the symbol versions it defines.
 *
 * What is read is what the dynamic loader reads (the program headers and
 * the dynamic segment; section headers are ignored, as by the loader),
 * through the library's own checked reader, lib/elf_check.c: every offset,
 * size and count is checked against the buffer before use, so that a
 * truncated or hostile file gives an error, never a crash (fuzzed:
 * tools/probe/fuzz). ELF32 and ELF64 of either byte order are read;
 * deciding whether the machine is the right one is the caller's job.
 */
#ifndef PROBE_ELF_READ_H
#define PROBE_ELF_READ_H

#include <stddef.h>

/* An undefined dynamic symbol: something the file needs from elsewhere. */
struct elf_symref {
  const char *name;
  const char *version; /* the symbol version it was linked against, or NULL */
  const char *file;    /* the library that version belongs to, or NULL */
  unsigned char weak;  /* STB_WEAK: the file copes with its absence */
};

/* A symbol version the file needs from a library (its .gnu.version_r). */
struct elf_verneed {
  const char *file;
  const char *version;
};

struct elf_info {
  unsigned char elfclass; /* 32 or 64 */
  unsigned char big_endian;
  unsigned short type;       /* e_type: ET_EXEC, ET_DYN, ... */
  unsigned short machine;    /* e_machine */
  unsigned char has_dynamic; /* has a dynamic section (not static) */
  unsigned char bind_now;    /* resolves every symbol at load time */
  unsigned char pie;         /* ET_DYN marked as an executable (DF_1_PIE) */
  const char *soname;        /* DT_SONAME, or NULL */
  const char **needed;       /* DT_NEEDED, in order */
  size_t nneeded;
  struct elf_symref *undef; /* undefined dynamic symbols, in order */
  size_t nundef;
  size_t ndefined; /* defined dynamic symbols (a count) */
  struct elf_verneed *verneed;
  size_t nverneed;
  const char **verdef; /* versions it defines (not the base one) */
  size_t nverdef;
};

enum elf_status {
  ELF_OK = 0,
  ELF_NOT_ELF = -1, /* no ELF magic */
  ELF_CORRUPT = -2, /* truncated, or fields that do not add up */
  ELF_NO_MEMORY = -4,
};

/* Read buf[0..len). On success fills *out, whose strings point into buf
 * (keep buf while using them) and whose arrays elf_info_free() releases.
 * On failure returns the status and says why in err (no file name). */
int elf_read(const void *buf, size_t len, struct elf_info *out, char *err,
             size_t errlen);
void elf_info_free(struct elf_info *info);

/* "x86-64", "AArch64", ... or NULL for a machine number not known here. */
const char *elf_machine_name(unsigned machine);

/* "ELF64 little-endian x86-64 shared object" into buf. */
void elf_describe(const struct elf_info *info, char *buf, size_t len);

#endif
