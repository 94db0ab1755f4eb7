/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading an ELF file the way the dynamic loader reads it, trusting
 * nothing in it (lib/elf_check.c).
 *
 * The loader maps a library by its program headers and then reads its
 * dynamic segment: the string and symbol tables, the hash table, the
 * symbol versions and the relocations, all by address. glibc checks
 * almost none of it, so a truncated or damaged file makes dlopen() crash
 * the process (SIGBUS, SIGSEGV) instead of failing. rbdcompat_elf_parse()
 * checks every one of those structures against the file first; once it
 * has accepted a file, the accessors below never read outside it.
 *
 * One reader for the library (rbdcompat_elf_check_file(), before its
 * dlopen() of a vendor file) and for rbdcompat-probe (which reads the
 * libraries and programs it reports on with it). Either ELF class and
 * either byte order are read; whether the file suits this process is
 * rbdcompat_elf_check_file()'s question, not the parser's.
 */
#ifndef RBDCOMPAT_ELF_CHECK_H
#define RBDCOMPAT_ELF_CHECK_H

#include <stddef.h>
#include <stdint.h>

struct rbdcompat_elf {
  const unsigned char *p;
  uint64_t len;
  unsigned char c64, be;     /* ELFCLASS64, big-endian */
  unsigned char has_dynamic; /* a dynamic segment (not a static file) */
  unsigned char bind_now;    /* DT_BIND_NOW, DF_BIND_NOW or DF_1_NOW */
  unsigned char pie;         /* DF_1_PIE */
  unsigned short type, machine;
  /* The dynamic segment (file offset, entries before DT_NULL) and what
   * it points to, as file offsets; 0 where absent. */
  uint64_t dyn, ndyn;
  uint64_t strtab, strsz;
  uint64_t symtab, nsyms;
  uint64_t versym, verdef, verneed;
};

enum {
  RBDCOMPAT_ELF_OK = 0,
  RBDCOMPAT_ELF_NOT_ELF = -1, /* no ELF magic */
  RBDCOMPAT_ELF_CORRUPT = -2, /* truncated, or fields that do not add up */
};

/* Parse buf[0..len). Returns RBDCOMPAT_ELF_OK, or a status with why
 * saying in a few words what is wrong ("truncated: ..."). Nothing is
 * allocated; e points into buf. */
int rbdcompat_elf_parse(struct rbdcompat_elf *e, const void *buf, size_t len,
                        char *why, size_t whylen);

/* A string of the dynamic string table, or NULL when off is not one. */
const char *rbdcompat_elf_str(const struct rbdcompat_elf *e, uint64_t off);

/* Entry i (< e->ndyn) of the dynamic segment: its tag, *val its value. */
uint64_t rbdcompat_elf_dyn(const struct rbdcompat_elf *e, uint64_t i,
                           uint64_t *val);

struct rbdcompat_elf_sym {
  const char *name; /* never NULL for a parsed file */
  unsigned char bind, type;
  uint16_t shndx;
  uint64_t value;
  unsigned version; /* its .gnu.version index without the hidden bit */
  unsigned char hidden_version;
};

/* Dynamic symbol i (< e->nsyms). */
void rbdcompat_elf_sym(const struct rbdcompat_elf *e, uint64_t i,
                       struct rbdcompat_elf_sym *s);

/* Every version the file defines (file NULL; the base entry has
 * base 1) and needs (file: the library named). */
typedef void (*rbdcompat_elf_version_fn)(void *ctx, const char *file,
                                         const char *name, unsigned index,
                                         int base);
void rbdcompat_elf_versions(const struct rbdcompat_elf *e,
                            rbdcompat_elf_version_fn fn, void *ctx);

/* "x86-64", "AArch64", ... or NULL for a machine number not known here. */
const char *rbdcompat_elf_machine_name(unsigned machine);

/* Before dlopen(path): is it a shared library this process can load,
 * whole, with the loader's structures inside the file, and is each of
 * functions (NULL-terminated) that it defines a function? Returns 0, or
 * -1 with why saying what is wrong. A file that changes while it is
 * being read is not caught (the loader maps it the same way). */
int rbdcompat_elf_check_file(const char *path, const char *const *functions,
                             char *why, size_t whylen);

#endif
