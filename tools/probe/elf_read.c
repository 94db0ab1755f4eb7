/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ELF reading for rbdcompat-probe (see elf_read.h).
 *
 * Only the section headers are used: .dynsym with its string table,
 * .gnu.version / .gnu.version_r / .gnu.version_d and .dynamic. Every
 * multi-byte field is read through rd_u16/32/64, which apply the file's
 * byte order; every range is checked with in_file() first, in 64-bit
 * arithmetic that cannot wrap around.
 */
#include "elf_read.h"

#include <elf.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef DF_1_PIE
#define DF_1_PIE 0x08000000 /* glibc < 2.27 lacks the name */
#endif

struct rd {
  const unsigned char *p;
  uint64_t len;
  int be;
  int c64;
};

/* A section header, widened to 64 bits. */
struct sect {
  uint32_t type;
  uint64_t offset, size, entsize;
  uint32_t link, info;
};

static int in_file(const struct rd *r, uint64_t off, uint64_t size)
{
  return off <= r->len && size <= r->len - off;
}

static uint64_t rd_n(const struct rd *r, uint64_t off, unsigned n)
{
  uint64_t v = 0;
  unsigned i;

  for (i = 0; i < n; i++) {
    unsigned char b = r->p[off + (r->be ? i : n - 1 - i)];
    v = (v << 8) | b;
  }
  return v;
}

static uint16_t rd_u16(const struct rd *r, uint64_t off)
{
  return (uint16_t)rd_n(r, off, 2);
}

static uint32_t rd_u32(const struct rd *r, uint64_t off)
{
  return (uint32_t)rd_n(r, off, 4);
}

/* A class-sized field: 4 bytes in ELF32, 8 in ELF64. */
static uint64_t rd_word(const struct rd *r, uint64_t off)
{
  return rd_n(r, off, r->c64 ? 8 : 4);
}

static int fail(char *err, size_t errlen, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, int status, const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  if (errlen)
    vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return status;
}

#define CORRUPT(...) fail(err, errlen, ELF_CORRUPT, __VA_ARGS__)

static int read_sect(const struct rd *r, uint64_t shoff, uint64_t shentsize,
                     uint64_t i, struct sect *s)
{
  uint64_t o = shoff + i * shentsize;

  if (r->c64) {
    s->type = rd_u32(r, o + 4);
    s->offset = rd_n(r, o + 24, 8);
    s->size = rd_n(r, o + 32, 8);
    s->link = rd_u32(r, o + 40);
    s->info = rd_u32(r, o + 44);
    s->entsize = rd_n(r, o + 56, 8);
  } else {
    s->type = rd_u32(r, o + 4);
    s->offset = rd_u32(r, o + 16);
    s->size = rd_u32(r, o + 20);
    s->link = rd_u32(r, o + 24);
    s->info = rd_u32(r, o + 28);
    s->entsize = rd_u32(r, o + 36);
  }
  return 0;
}

/* A NUL-terminated string at offset off of string table st, or NULL. */
static const char *str_at(const struct rd *r, const struct sect *st,
                          uint64_t off)
{
  const unsigned char *s;

  if (off >= st->size)
    return NULL;
  s = r->p + st->offset + off;
  if (!memchr(s, '\0', st->size - off))
    return NULL;
  return (const char *)s;
}

struct sections {
  struct sect *all;
  uint64_t n;
};

/* The section of index idx as a string table, checked. */
static int strtab_of(const struct rd *r, const struct sections *ss,
                     uint32_t idx, const struct sect **out)
{
  if (idx == 0 || idx >= ss->n || ss->all[idx].type != SHT_STRTAB ||
      !in_file(r, ss->all[idx].offset, ss->all[idx].size))
    return -1;
  *out = &ss->all[idx];
  return 0;
}

/* Version index -> (version name, library), from .gnu.version_r. */
struct vmap {
  unsigned idx;
  const char *version, *file;
};

static int read_verneed(const struct rd *r, const struct sections *ss,
                        const struct sect *vn, struct elf_info *out,
                        struct vmap **map, size_t *nmap, char *err,
                        size_t errlen)
{
  const struct sect *st;
  uint64_t off = 0, limit = vn->size / 16 + 1, i;

  if (!in_file(r, vn->offset, vn->size) || strtab_of(r, ss, vn->link, &st))
    return CORRUPT("bad .gnu.version_r section");
  /* Each entry and each auxiliary entry is 16 bytes: there cannot be more
   * of them than that many fit in the section. */
  *map = calloc(limit, sizeof **map);
  out->verneed = calloc(limit, sizeof *out->verneed);
  if (!*map || !out->verneed)
    return fail(err, errlen, ELF_NO_MEMORY, "out of memory");
  for (i = 0; i < vn->info && i < limit; i++) {
    uint64_t aoff;
    uint32_t cnt, j;
    const char *file;

    if (off > vn->size || vn->size - off < 16)
      return CORRUPT(".gnu.version_r entry %llu out of bounds",
                     (unsigned long long)i);
    if (rd_u16(r, vn->offset + off) != 1)
      return CORRUPT(".gnu.version_r entry of unknown version");
    cnt = rd_u16(r, vn->offset + off + 2);
    file = str_at(r, st, rd_u32(r, vn->offset + off + 4));
    if (!file)
      return CORRUPT(".gnu.version_r names a library out of bounds");
    aoff = off + rd_u32(r, vn->offset + off + 8);
    for (j = 0; j < cnt; j++) {
      const char *name;
      uint32_t next;

      if (aoff > vn->size || vn->size - aoff < 16)
        return CORRUPT(".gnu.version_r auxiliary entry out of bounds");
      if (*nmap >= limit || out->nverneed >= limit)
        return CORRUPT(".gnu.version_r has more entries than fit in it");
      name = str_at(r, st, rd_u32(r, vn->offset + aoff + 8));
      if (!name)
        return CORRUPT(".gnu.version_r names a version out of bounds");
      (*map)[*nmap].idx = rd_u16(r, vn->offset + aoff + 6) & 0x7fff;
      (*map)[*nmap].version = name;
      (*map)[(*nmap)++].file = file;
      out->verneed[out->nverneed].file = file;
      out->verneed[out->nverneed++].version = name;
      next = rd_u32(r, vn->offset + aoff + 12);
      if (!next)
        break;
      aoff += next;
    }
    if (!rd_u32(r, vn->offset + off + 12))
      break;
    off += rd_u32(r, vn->offset + off + 12);
  }
  return 0;
}

static int read_verdef(const struct rd *r, const struct sections *ss,
                       const struct sect *vd, struct elf_info *out, char *err,
                       size_t errlen)
{
  const struct sect *st;
  uint64_t off = 0, limit = vd->size / 20 + 1, i;

  if (!in_file(r, vd->offset, vd->size) || strtab_of(r, ss, vd->link, &st))
    return CORRUPT("bad .gnu.version_d section");
  out->verdef = calloc(limit, sizeof *out->verdef);
  if (!out->verdef)
    return fail(err, errlen, ELF_NO_MEMORY, "out of memory");
  for (i = 0; i < vd->info && i < limit; i++) {
    uint64_t aoff;
    uint32_t next;
    const char *name;

    if (off > vd->size || vd->size - off < 20)
      return CORRUPT(".gnu.version_d entry out of bounds");
    if (rd_u16(r, vd->offset + off) != 1)
      return CORRUPT(".gnu.version_d entry of unknown version");
    aoff = off + rd_u32(r, vd->offset + off + 12);
    if (aoff > vd->size || vd->size - aoff < 8)
      return CORRUPT(".gnu.version_d auxiliary entry out of bounds");
    name = str_at(r, st, rd_u32(r, vd->offset + aoff));
    if (!name)
      return CORRUPT(".gnu.version_d names a version out of bounds");
    /* The base entry is the file's own name, not a version. */
    if (!(rd_u16(r, vd->offset + off + 2) & VER_FLG_BASE))
      out->verdef[out->nverdef++] = name;
    next = rd_u32(r, vd->offset + off + 16);
    if (!next)
      break;
    off += next;
  }
  return 0;
}

static int read_dynamic(const struct rd *r, const struct sections *ss,
                        const struct sect *dyn, struct elf_info *out,
                        char *err, size_t errlen)
{
  const uint64_t esz = r->c64 ? 16 : 8;
  const struct sect *st;
  uint64_t n, i;

  if (!in_file(r, dyn->offset, dyn->size) ||
      (dyn->entsize && dyn->entsize != esz) ||
      strtab_of(r, ss, dyn->link, &st))
    return CORRUPT("bad .dynamic section");
  n = dyn->size / esz;
  out->needed = calloc(n + 1, sizeof *out->needed);
  if (!out->needed)
    return fail(err, errlen, ELF_NO_MEMORY, "out of memory");
  for (i = 0; i < n; i++) {
    uint64_t o = dyn->offset + i * esz;
    uint64_t tag = rd_word(r, o), val = rd_word(r, o + esz / 2);
    const char *s;

    if (tag == DT_NULL)
      break;
    switch (tag) {
    case DT_NEEDED:
    case DT_SONAME:
      s = str_at(r, st, val);
      if (!s)
        return CORRUPT(".dynamic names a string out of bounds");
      if (tag == DT_NEEDED)
        out->needed[out->nneeded++] = s;
      else
        out->soname = s;
      break;
    case DT_BIND_NOW:
      out->bind_now = 1;
      break;
    case DT_FLAGS:
      if (val & DF_BIND_NOW)
        out->bind_now = 1;
      break;
    case DT_FLAGS_1:
      if (val & DF_1_NOW)
        out->bind_now = 1;
      if (val & DF_1_PIE)
        out->pie = 1;
      break;
    }
  }
  return 0;
}

static int read_dynsym(const struct rd *r, const struct sections *ss,
                       const struct sect *sym, const struct sect *versym,
                       const struct vmap *map, size_t nmap,
                       struct elf_info *out, char *err, size_t errlen)
{
  const uint64_t esz = r->c64 ? 24 : 16;
  const struct sect *st;
  uint64_t n, i;

  if (!in_file(r, sym->offset, sym->size) ||
      (sym->entsize && sym->entsize != esz) ||
      strtab_of(r, ss, sym->link, &st))
    return CORRUPT("bad .dynsym section");
  n = sym->size / esz;
  if (versym && (!in_file(r, versym->offset, versym->size) ||
                 versym->size / 2 < n))
    return CORRUPT(".gnu.version does not cover .dynsym");
  out->undef = calloc(n + 1, sizeof *out->undef);
  if (!out->undef)
    return fail(err, errlen, ELF_NO_MEMORY, "out of memory");
  for (i = 1; i < n; i++) { /* entry 0 is the null symbol */
    uint64_t o = sym->offset + i * esz;
    uint32_t name_off = rd_u32(r, o);
    unsigned char info = r->p[o + (r->c64 ? 4 : 12)];
    uint16_t shndx = rd_u16(r, o + (r->c64 ? 6 : 14));
    unsigned bind = info >> 4, type = info & 0xf;
    struct elf_symref *ref;
    const char *name;
    size_t k;

    if (bind == STB_LOCAL || type == STT_SECTION || type == STT_FILE)
      continue;
    if (shndx != SHN_UNDEF) {
      out->ndefined++;
      continue;
    }
    name = str_at(r, st, name_off);
    if (!name)
      return CORRUPT(".dynsym names a string out of bounds");
    if (!*name)
      continue;
    ref = &out->undef[out->nundef++];
    ref->name = name;
    ref->weak = bind == STB_WEAK;
    if (versym) {
      unsigned v = rd_u16(r, versym->offset + 2 * i) & 0x7fff;

      for (k = 0; v > 1 && k < nmap; k++) {
        if (map[k].idx == v) {
          ref->version = map[k].version;
          ref->file = map[k].file;
          break;
        }
      }
    }
  }
  return 0;
}

static int read_sections(const struct rd *r, uint64_t shoff, uint64_t shentsize,
                         uint64_t shnum, struct elf_info *out, char *err,
                         size_t errlen)
{
  struct sections ss = { NULL, shnum };
  const struct sect *dynsym = NULL, *versym = NULL, *verneed = NULL;
  const struct sect *verdef = NULL, *dynamic = NULL;
  struct vmap *map = NULL;
  size_t nmap = 0;
  uint64_t i;
  int rc = 0;

  ss.all = calloc(shnum, sizeof *ss.all);
  if (!ss.all)
    return fail(err, errlen, ELF_NO_MEMORY, "out of memory");
  for (i = 0; i < shnum; i++) {
    struct sect *s = &ss.all[i];

    read_sect(r, shoff, shentsize, i, s);
    if (s->type == SHT_DYNSYM && !dynsym)
      dynsym = s;
    else if (s->type == SHT_GNU_versym && !versym)
      versym = s;
    else if (s->type == SHT_GNU_verneed && !verneed)
      verneed = s;
    else if (s->type == SHT_GNU_verdef && !verdef)
      verdef = s;
    else if (s->type == SHT_DYNAMIC && !dynamic)
      dynamic = s;
  }
  out->has_dynamic = dynamic != NULL;
  if (dynamic)
    rc = read_dynamic(r, &ss, dynamic, out, err, errlen);
  if (!rc && verneed)
    rc = read_verneed(r, &ss, verneed, out, &map, &nmap, err, errlen);
  if (!rc && verdef)
    rc = read_verdef(r, &ss, verdef, out, err, errlen);
  if (!rc && dynsym)
    rc = read_dynsym(r, &ss, dynsym, versym, map, nmap, out, err, errlen);
  free(map);
  free(ss.all);
  return rc;
}

int elf_read(const void *buf, size_t len, struct elf_info *out, char *err,
             size_t errlen)
{
  struct rd r = { buf, len, 0, 0 };
  uint64_t shoff, shentsize, shnum;
  int rc;

  memset(out, 0, sizeof *out);
  if (errlen)
    err[0] = '\0';
  if (len < EI_NIDENT || memcmp(buf, ELFMAG, SELFMAG))
    return fail(err, errlen, ELF_NOT_ELF, "not an ELF file");
  if (r.p[EI_CLASS] != ELFCLASS32 && r.p[EI_CLASS] != ELFCLASS64)
    return CORRUPT("unknown ELF class %u", r.p[EI_CLASS]);
  if (r.p[EI_DATA] != ELFDATA2LSB && r.p[EI_DATA] != ELFDATA2MSB)
    return CORRUPT("unknown ELF byte order %u", r.p[EI_DATA]);
  if (r.p[EI_VERSION] != EV_CURRENT)
    return CORRUPT("unknown ELF version %u", r.p[EI_VERSION]);
  r.c64 = r.p[EI_CLASS] == ELFCLASS64;
  r.be = r.p[EI_DATA] == ELFDATA2MSB;
  out->elfclass = r.c64 ? 64 : 32;
  out->big_endian = (unsigned char)r.be;
  if (len < (r.c64 ? 64u : 52u))
    return CORRUPT("truncated: the ELF header needs %u bytes, the file has %zu",
                   r.c64 ? 64u : 52u, len);
  out->type = rd_u16(&r, 16);
  out->machine = rd_u16(&r, 18);
  shoff = rd_word(&r, r.c64 ? 40 : 32);
  shentsize = rd_u16(&r, r.c64 ? 58 : 46);
  shnum = rd_u16(&r, r.c64 ? 60 : 48);
  if (!shoff)
    return fail(err, errlen, ELF_NO_SECTIONS,
                "no section headers (stripped with sstrip?): its dynamic"
                " symbols cannot be listed");
  if (shentsize < (r.c64 ? 64u : 40u))
    return CORRUPT("section header entries of %llu bytes are too small",
                   (unsigned long long)shentsize);
  if (!in_file(&r, shoff, shentsize))
    return CORRUPT("truncated: the section headers start at byte %llu, the"
                   " file has %zu bytes", (unsigned long long)shoff, len);
  if (shnum == 0) {
    /* More than 0xff00 sections: the count is in section 0's size. */
    struct sect s0;

    read_sect(&r, shoff, shentsize, 0, &s0);
    shnum = s0.size;
  }
  if (shnum > (r.len - shoff) / shentsize)
    return CORRUPT("truncated: %llu section headers of %llu bytes at byte"
                   " %llu do not fit in its %zu bytes",
                   (unsigned long long)shnum, (unsigned long long)shentsize,
                   (unsigned long long)shoff, len);
  rc = read_sections(&r, shoff, shentsize, shnum, out, err, errlen);
  if (rc)
    elf_info_free(out);
  return rc;
}

void elf_info_free(struct elf_info *info)
{
  free(info->needed);
  free(info->undef);
  free(info->verneed);
  free(info->verdef);
  info->needed = NULL;
  info->undef = NULL;
  info->verneed = NULL;
  info->verdef = NULL;
  info->nneeded = info->nundef = info->nverneed = info->nverdef = 0;
}
