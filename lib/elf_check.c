/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The loader's view of an ELF file, checked (see elf_check.h).
 *
 * What is checked is what glibc's loader reads, in its order: the ELF
 * header, the program headers and every segment (inside the file; a
 * loadable one aligned as the loader maps it), the dynamic segment (inside
 * a loadable one, ending in DT_NULL), the string and symbol tables it
 * names, the hash tables (every bucket and chain, which also give the
 * number of symbols), the symbol version tables (every entry of the
 * chains, every index used), the relocation tables (every entry's symbol
 * and target) and the initialiser addresses. Every multi-byte field is read
 * through rd(), which applies the file's byte order; every range is
 * checked in 64-bit arithmetic that cannot wrap around before it is read.
 */
#include "elf_check.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef DF_1_PIE
#define DF_1_PIE 0x08000000 /* glibc < 2.27 lacks the name */
#endif
#ifndef DT_RELRSZ
#define DT_RELRSZ 35
#define DT_RELR 36
#endif

static int in_range(uint64_t lo, uint64_t hi, uint64_t off, uint64_t size)
{
  return off >= lo && off <= hi && size <= hi - off;
}

static uint64_t rd(const struct rbdcompat_elf *e, uint64_t off, unsigned n)
{
  uint64_t v = 0;
  unsigned i;

  for (i = 0; i < n; i++)
    v = (v << 8) | e->p[off + (e->be ? i : n - 1 - i)];
  return v;
}

/* A class-sized field: 4 bytes in ELF32, 8 in ELF64. */
static uint64_t rdw(const struct rbdcompat_elf *e, uint64_t off)
{
  return rd(e, off, e->c64 ? 8 : 4);
}

static int elf_fail(char *why, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int elf_fail(char *why, size_t len, const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  if (len)
    vsnprintf(why, len, fmt, ap);
  va_end(ap);
  return RBDCOMPAT_ELF_CORRUPT;
}

#define BAD(...) elf_fail(why, whylen, __VA_ARGS__)
#define ULL(x) ((unsigned long long)(x))

/* A program header, widened. */
struct seg {
  uint32_t type, flags;
  uint64_t offset, vaddr, filesz, memsz, align;
};

/* Loadable segments decoded once (a library has 2 to 5): every table
 * address and every relocation target is looked up among them. */
#define ELF_MAX_LOADS 16

struct ctx {
  struct rbdcompat_elf *e;
  uint64_t phoff;
  unsigned phnum;
  char *why;
  size_t whylen;
  struct seg loads[ELF_MAX_LOADS];
  unsigned nloads; /* 0: not decoded (or too many): read them each time */
};

static void seg_at(const struct rbdcompat_elf *e, uint64_t phoff, unsigned i,
                   struct seg *s)
{
  uint64_t o = phoff + (uint64_t)i * (e->c64 ? 56 : 32);

  s->type = (uint32_t)rd(e, o, 4);
  if (e->c64) {
    s->flags = (uint32_t)rd(e, o + 4, 4);
    s->offset = rd(e, o + 8, 8);
    s->vaddr = rd(e, o + 16, 8);
    s->filesz = rd(e, o + 32, 8);
    s->memsz = rd(e, o + 40, 8);
    s->align = rd(e, o + 48, 8);
  } else {
    s->offset = rd(e, o + 4, 4);
    s->vaddr = rd(e, o + 8, 4);
    s->filesz = rd(e, o + 16, 4);
    s->memsz = rd(e, o + 20, 4);
    s->flags = (uint32_t)rd(e, o + 24, 4);
    s->align = rd(e, o + 28, 4);
  }
}

/* The file bytes [*off, *end) that hold addresses [vaddr, vaddr + size)
 * of a loadable segment (*end: where that segment's file bytes end), or
 * -1 when the range is not all file-backed by one segment. */
/* Loadable segment i of c (i < c->nloads, or any program header). */
static int load_at(const struct ctx *c, unsigned i, struct seg *s)
{
  if (c->nloads) {
    if (i >= c->nloads)
      return 0;
    *s = c->loads[i];
    return 1;
  }
  if (i >= c->phnum)
    return 0;
  seg_at(c->e, c->phoff, i, s);
  return 1;
}

static int file_range(const struct ctx *c, uint64_t vaddr, uint64_t size,
                      uint64_t *off, uint64_t *end)
{
  struct seg s;
  unsigned i;

  for (i = 0; load_at(c, i, &s); i++) {
    if (s.type == PT_LOAD &&
        in_range(s.vaddr, s.vaddr + s.filesz, vaddr, size)) {
      *off = s.offset + (vaddr - s.vaddr);
      if (end)
        *end = s.offset + s.filesz;
      return 0;
    }
  }
  return -1;
}

/* Are addresses [vaddr, vaddr + size) mapped (with flag, if nonzero)? */
static int mapped(const struct ctx *c, uint64_t vaddr, uint64_t size,
                  uint32_t flag)
{
  struct seg s;
  unsigned i;

  for (i = 0; load_at(c, i, &s); i++) {
    if (s.type == PT_LOAD && (!flag || (s.flags & flag)) &&
        in_range(s.vaddr, s.vaddr + s.memsz, vaddr, size))
      return 1;
  }
  return 0;
}

const char *rbdcompat_elf_str(const struct rbdcompat_elf *e, uint64_t off)
{
  const unsigned char *s;

  if (!e->strtab || off >= e->strsz)
    return NULL;
  s = e->p + e->strtab + off;
  if (!memchr(s, '\0', e->strsz - off))
    return NULL;
  return (const char *)s;
}

uint64_t rbdcompat_elf_dyn(const struct rbdcompat_elf *e, uint64_t i,
                           uint64_t *val)
{
  uint64_t o = e->dyn + i * (e->c64 ? 16 : 8);

  *val = rdw(e, o + (e->c64 ? 8 : 4));
  return rdw(e, o);
}

void rbdcompat_elf_sym(const struct rbdcompat_elf *e, uint64_t i,
                       struct rbdcompat_elf_sym *s)
{
  uint64_t o = e->symtab + i * (e->c64 ? 24 : 16);
  unsigned char info = e->p[o + (e->c64 ? 4 : 12)];
  unsigned v = e->versym ? (unsigned)rd(e, e->versym + 2 * i, 2) : 1;

  s->name = rbdcompat_elf_str(e, rd(e, o, 4));
  if (!s->name)
    s->name = "";
  s->bind = info >> 4;
  s->type = info & 0xf;
  s->shndx = (uint16_t)rd(e, o + (e->c64 ? 6 : 14), 2);
  s->value = e->c64 ? rd(e, o + 8, 8) : rd(e, o + 4, 4);
  s->version = v & 0x7fff;
  s->hidden_version = (v & 0x8000) != 0;
}

/* The dynamic segment's entries up to DT_NULL, into c->e. */
static int read_dynamic(struct ctx *c, const struct seg *d, uint64_t *tags,
                        unsigned ntags)
{
  struct rbdcompat_elf *e = c->e;
  const uint64_t esz = e->c64 ? 16 : 8;
  char *why = c->why;
  size_t whylen = c->whylen;
  uint64_t off, i, n;

  if (file_range(c, d->vaddr, d->filesz, &off, NULL) || off != d->offset)
    return BAD("the dynamic segment (address 0x%llx, %llu bytes) is not"
               " inside a loadable segment",
               ULL(d->vaddr), ULL(d->filesz));
  n = d->filesz / esz;
  e->dyn = off;
  for (i = 0; i < n; i++) {
    uint64_t val, tag = rbdcompat_elf_dyn(e, i, &val);

    if (tag == DT_NULL)
      break;
    if (tag < DT_NUM && tag < ntags)
      tags[tag] = val; /* the last one counts, as for the loader */
    switch (tag) {
    case DT_GNU_HASH:
      tags[DT_NUM] = val;
      break;
    case DT_VERSYM:
      tags[DT_NUM + 1] = val;
      break;
    case DT_VERDEF:
      tags[DT_NUM + 2] = val;
      break;
    case DT_VERNEED:
      tags[DT_NUM + 3] = val;
      break;
    case DT_BIND_NOW:
      e->bind_now = 1;
      break;
    case DT_FLAGS:
      e->bind_now |= (val & DF_BIND_NOW) != 0;
      break;
    case DT_FLAGS_1:
      e->bind_now |= (val & DF_1_NOW) != 0;
      e->pie = (val & DF_1_PIE) != 0;
      break;
    }
  }
  if (i == n)
    return BAD("the dynamic segment (%llu entries) has no DT_NULL end", ULL(n));
  e->ndyn = i;
  return 0;
}

/* The file offset of table [vaddr, vaddr + size) named by tag, checked. */
static int elf_table(struct ctx *c, const char *what, uint64_t vaddr,
                     uint64_t size, uint64_t *off)
{
  char *why = c->why;
  size_t whylen = c->whylen;

  if (file_range(c, vaddr, size, off, NULL))
    return BAD("the %s (address 0x%llx, %llu bytes) lies outside the"
               " file's loadable segments",
               what, ULL(vaddr), ULL(size));
  return 0;
}

/* The number of symbols a GNU hash table at vaddr covers (the loader's
 * only way to know it), checking every bucket and chain. */
static int gnu_hash(struct ctx *c, uint64_t vaddr, uint64_t *nsyms)
{
  const struct rbdcompat_elf *e = c->e;
  char *why = c->why;
  size_t whylen = c->whylen;
  uint64_t off, end, nb, bias, nbloom, shift, buckets, chains, i, s, max = 0;

  if (file_range(c, vaddr, 16, &off, &end))
    return BAD("the GNU hash table (address 0x%llx) lies outside the file's"
               " loadable segments",
               ULL(vaddr));
  nb = rd(e, off, 4);
  bias = rd(e, off + 4, 4);
  nbloom = rd(e, off + 8, 4);
  shift = rd(e, off + 12, 4);
  if (nb == 0 || nbloom == 0 || (nbloom & (nbloom - 1)) ||
      shift >= (e->c64 ? 64u : 32u))
    return BAD("the GNU hash table has %llu buckets, a Bloom filter of %llu"
               " words and shift %llu: not a valid table",
               ULL(nb), ULL(nbloom), ULL(shift));
  buckets = off + 16 + nbloom * (e->c64 ? 8 : 4);
  chains = buckets + nb * 4;
  if (!in_range(off, end, buckets, nb * 4))
    return BAD("the GNU hash table's %llu buckets run past the end of its"
               " segment",
               ULL(nb));
  for (i = 0; i < nb; i++) {
    uint64_t first = rd(e, buckets + 4 * i, 4);

    if (first && first < bias)
      return BAD("GNU hash bucket %llu names symbol %llu, below the first"
                 " hashed symbol %llu",
                 ULL(i), ULL(first), ULL(bias));
    if (first > max)
      max = first;
  }
  /* Every chain ends at the first entry with bit 0 set at or after its
   * start: the one starting highest ends last, so walking it bounds all
   * of them (in linear time, whatever the buckets say). */
  for (s = max; max; s++) {
    uint64_t k = chains + 4 * (s - bias);

    if (!in_range(off, end, k, 4))
      return BAD("a GNU hash chain runs past the end of its segment");
    if (rd(e, k, 4) & 1)
      break;
  }
  max = max ? s : 0;
  *nsyms = max ? max + 1 : bias;
  return 0;
}

static int sysv_hash(struct ctx *c, uint64_t vaddr, uint64_t *nsyms)
{
  const struct rbdcompat_elf *e = c->e;
  char *why = c->why;
  size_t whylen = c->whylen;
  uint64_t off, end, nb, nc, i;

  if (file_range(c, vaddr, 8, &off, &end))
    return BAD("the hash table (address 0x%llx) lies outside the file's"
               " loadable segments",
               ULL(vaddr));
  nb = rd(e, off, 4);
  nc = rd(e, off + 4, 4);
  if (!in_range(off, end, off + 8, (nb + nc) * 4))
    return BAD("the hash table's %llu buckets and %llu chain entries run"
               " past the end of its segment",
               ULL(nb), ULL(nc));
  for (i = 0; i < nb + nc; i++)
    if (rd(e, off + 8 + 4 * i, 4) >= nc)
      return BAD("hash table entry %llu names symbol %llu of %llu", ULL(i),
                 ULL(rd(e, off + 8 + 4 * i, 4)), ULL(nc));
  *nsyms = nc;
  return 0;
}

/* Walks the version definitions (defs) or needs as the loader does: a
 * chain of entries, each with a chain of auxiliary entries, each chain
 * ending where its "next" offset is 0 (glibc follows a need's auxiliary
 * chain to its end whatever vn_cnt says; of a definition it reads the
 * first name). check: check every entry, put the highest version index
 * in *max; else call fn for each. The number of steps is bounded by the
 * size of the segment, so that overlapping chains cannot take long. */
static int walk_versions(struct ctx *c, int defs, uint64_t vaddr, int check,
                         unsigned *max, rbdcompat_elf_version_fn fn, void *arg)
{
  const struct rbdcompat_elf *e = c->e;
  const char *kind = defs ? "version definition" : "version need";
  const uint64_t esz = defs ? 20 : 16, asz = defs ? 8 : 16;
  char *why = c->why;
  size_t whylen = c->whylen;
  uint64_t off, end, lo, budget;

  if (file_range(c, vaddr, esz, &off, &end))
    return BAD("the %ss (address 0x%llx) lie outside the file's loadable"
               " segments",
               kind, ULL(vaddr));
  lo = off;
  budget = (end - lo) / 4 + 2;
  for (;;) {
    uint64_t cnt, aux, next, j;
    const char *file = NULL;
    unsigned idx = 0;

    if (!in_range(lo, end, off, esz))
      return BAD("a %s entry runs past the end of its segment", kind);
    if (rd(e, off, 2) != 1)
      return BAD("a %s entry of unknown version %llu", kind,
                 ULL(rd(e, off, 2)));
    if (defs) {
      idx = (unsigned)rd(e, off + 4, 2) & 0x7fff;
      cnt = rd(e, off + 6, 2);
      aux = rd(e, off + 12, 4);
      next = rd(e, off + 16, 4);
    } else {
      cnt = 0;
      file = rbdcompat_elf_str(e, rd(e, off + 4, 4));
      aux = rd(e, off + 8, 4);
      next = rd(e, off + 12, 4);
      if (!file)
        return BAD("a version need names a library outside the string"
                   " table");
    }
    if (check && idx > *max)
      *max = idx;
    for (j = 0, aux += off; !defs || j < cnt; j++) {
      const char *name;
      uint64_t anext;

      if (!budget--)
        return BAD("the %s chains are longer than their table", kind);
      if (!in_range(lo, end, aux, asz))
        return BAD("a %s's auxiliary entry runs past the end of its"
                   " segment",
                   kind);
      name = rbdcompat_elf_str(e, rd(e, aux + (defs ? 0 : 8), 4));
      if (!name)
        return BAD("a %s names a version outside the string table", kind);
      if (!defs)
        idx = (unsigned)rd(e, aux + 6, 2) & 0x7fff;
      if (check && idx > *max)
        *max = idx;
      if (!check && (!defs || j == 0))
        fn(arg, file, name, idx, defs && (rd(e, off + 2, 2) & VER_FLG_BASE));
      anext = rd(e, aux + (defs ? 4 : 12), 4);
      if (!anext)
        break;
      aux += anext;
    }
    if (!next)
      return 0;
    if (!budget--)
      return BAD("the %s chains are longer than their table", kind);
    off += next;
  }
}

void rbdcompat_elf_versions(const struct rbdcompat_elf *e,
                            rbdcompat_elf_version_fn fn, void *ctx)
{
  char why[8];
  struct ctx c = { (struct rbdcompat_elf *)e,   0, 0, why, sizeof why,
                   { { 0, 0, 0, 0, 0, 0, 0 } }, 0 };
  uint64_t i, val, tag;

  /* Parsed already: find the program headers again, walk without checks. */
  c.phoff = e->c64 ? rd(e, 32, 8) : rd(e, 28, 4);
  c.phnum = (unsigned)rd(e, e->c64 ? 56 : 44, 2);
  for (i = 0; i < e->ndyn; i++) {
    tag = rbdcompat_elf_dyn(e, i, &val);
    if (tag == DT_VERDEF && e->verdef)
      walk_versions(&c, 1, val, 0, NULL, fn, ctx);
    else if (tag == DT_VERNEED && e->verneed)
      walk_versions(&c, 0, val, 0, NULL, fn, ctx);
  }
}

/* Every entry of a relocation table: a symbol of the table, a target the
 * loader can write to. */
static int relocs(struct ctx *c, const char *what, uint64_t vaddr,
                  uint64_t size, int rela)
{
  const struct rbdcompat_elf *e = c->e;
  const uint64_t w = e->c64 ? 8 : 4, esz = w * (rela ? 3 : 2);
  char *why = c->why;
  size_t whylen = c->whylen;
  uint64_t off, i;

  if (!size)
    return 0;
  if (elf_table(c, what, vaddr, size, &off))
    return RBDCOMPAT_ELF_CORRUPT;
  for (i = 0; i + esz <= size; i += esz) {
    uint64_t where = rdw(e, off + i), info = rdw(e, off + i + w);
    uint64_t sym = e->c64 ? info >> 32 : info >> 8;

    if ((e->c64 ? info & 0xffffffffu : info & 0xff) == 0)
      continue; /* R_*_NONE: the loader does nothing with it */
    if (sym >= e->nsyms)
      return BAD("a relocation in %s names symbol %llu of %llu", what, ULL(sym),
                 ULL(e->nsyms));
    if (!mapped(c, where, w, 0))
      return BAD("a relocation in %s writes to address 0x%llx, outside the"
                 " file's segments",
                 what, ULL(where));
  }
  return 0;
}

/* Tags read from the dynamic segment: the standard ones by number, then
 * DT_GNU_HASH, DT_VERSYM, DT_VERDEF, DT_VERNEED. */
#define NTAGS (DT_NUM + 4)

static int read_tables(struct ctx *c)
{
  struct rbdcompat_elf *e = c->e;
  char *why = c->why;
  size_t whylen = c->whylen;
  uint64_t t[NTAGS] = { 0 }, has[NTAGS] = { 0 };
  uint64_t i, val, tag, nsyms = 0, n = 0;
  const uint64_t symsz = e->c64 ? 24 : 16;
  unsigned maxver = 1;
  struct seg d;
  int rc;

  for (i = 0; i < c->phnum; i++) {
    seg_at(e, c->phoff, (unsigned)i, &d);
    if (d.type == PT_DYNAMIC)
      break;
  }
  if (i == c->phnum)
    return 0; /* statically linked */
  e->has_dynamic = 1;
  if ((rc = read_dynamic(c, &d, t, NTAGS)))
    return rc;
  for (i = 0; i < e->ndyn; i++) {
    tag = rbdcompat_elf_dyn(e, i, &val);
    if (tag < DT_NUM)
      has[tag] = 1;
    has[DT_NUM] |= tag == DT_GNU_HASH;
    has[DT_NUM + 1] |= tag == DT_VERSYM;
    has[DT_NUM + 2] |= tag == DT_VERDEF;
    has[DT_NUM + 3] |= tag == DT_VERNEED;
  }
  if (!has[DT_STRTAB] || !has[DT_SYMTAB])
    return BAD("the dynamic segment names no %s",
               has[DT_STRTAB] ? "symbol table (DT_SYMTAB)"
                              : "string table (DT_STRTAB)");
  if (has[DT_SYMENT] && t[DT_SYMENT] != symsz)
    return BAD("symbol table entries of %llu bytes (DT_SYMENT), not %llu",
               ULL(t[DT_SYMENT]), ULL(symsz));
  if (elf_table(c, "string table (DT_STRTAB, DT_STRSZ)", t[DT_STRTAB],
                t[DT_STRSZ], &e->strtab))
    return RBDCOMPAT_ELF_CORRUPT;
  e->strsz = t[DT_STRSZ];
  if (!e->strsz || e->p[e->strtab + e->strsz - 1] != '\0')
    e->strtab = 0; /* no string can be read from it */
  for (i = 0; i < e->ndyn; i++) {
    tag = rbdcompat_elf_dyn(e, i, &val);
    if ((tag == DT_NEEDED || tag == DT_SONAME || tag == DT_RPATH ||
         tag == DT_RUNPATH) &&
        !rbdcompat_elf_str(e, val))
      return BAD("the dynamic segment names a library or path at offset"
                 " %llu, outside its string table of %llu bytes",
                 ULL(val), ULL(e->strsz));
  }
  /* The hash tables give the number of symbols (glibc prefers GNU's). */
  if (!has[DT_NUM] && !has[DT_HASH])
    return BAD("no symbol hash table (DT_GNU_HASH or DT_HASH): the loader"
               " cannot look up its symbols");
  if (has[DT_NUM] && (rc = gnu_hash(c, t[DT_NUM], &nsyms)))
    return rc;
  if (has[DT_HASH] && (rc = sysv_hash(c, t[DT_HASH], &n)))
    return rc;
  if (has[DT_HASH] && n > nsyms)
    nsyms = n;
  if (elf_table(c, "symbol table (DT_SYMTAB)", t[DT_SYMTAB], nsyms * symsz,
                &e->symtab))
    return RBDCOMPAT_ELF_CORRUPT;
  e->nsyms = nsyms;
  for (i = 0; i < nsyms; i++)
    if (!rbdcompat_elf_str(e, rd(e, e->symtab + i * symsz, 4)))
      return BAD("symbol %llu has its name at offset %llu, outside the"
                 " string table of %llu bytes",
                 ULL(i), ULL(rd(e, e->symtab + i * symsz, 4)), ULL(e->strsz));
  if (has[DT_NUM + 2]) {
    if ((rc = walk_versions(c, 1, t[DT_NUM + 2], 1, &maxver, NULL, NULL)))
      return rc;
    file_range(c, t[DT_NUM + 2], 1, &e->verdef, NULL);
  }
  if (has[DT_NUM + 3]) {
    if ((rc = walk_versions(c, 0, t[DT_NUM + 3], 1, &maxver, NULL, NULL)))
      return rc;
    file_range(c, t[DT_NUM + 3], 1, &e->verneed, NULL);
  }
  if (has[DT_NUM + 1]) {
    if (elf_table(c, "symbol version table (DT_VERSYM)", t[DT_NUM + 1],
                  nsyms * 2, &e->versym))
      return RBDCOMPAT_ELF_CORRUPT;
    for (i = 0; i < nsyms; i++)
      if ((rd(e, e->versym + 2 * i, 2) & 0x7fff) > maxver)
        return BAD("symbol %llu has version index %llu; the file defines"
                   " and needs versions up to %u only",
                   ULL(i), ULL(rd(e, e->versym + 2 * i, 2) & 0x7fff), maxver);
  }
  if ((has[DT_RELA] &&
       (rc = relocs(c, "DT_RELA", t[DT_RELA], t[DT_RELASZ], 1))) ||
      (has[DT_REL] && (rc = relocs(c, "DT_REL", t[DT_REL], t[DT_RELSZ], 0))) ||
      (has[DT_JMPREL] && (rc = relocs(c, "DT_JMPREL", t[DT_JMPREL],
                                      t[DT_PLTRELSZ], t[DT_PLTREL] != DT_REL))))
    return rc;
  if (has[DT_INIT] && !mapped(c, t[DT_INIT], 1, PF_X))
    return BAD("its initialiser (DT_INIT 0x%llx) is not in an executable"
               " segment",
               ULL(t[DT_INIT]));
  if (has[DT_FINI] && !mapped(c, t[DT_FINI], 1, PF_X))
    return BAD("its finaliser (DT_FINI 0x%llx) is not in an executable"
               " segment",
               ULL(t[DT_FINI]));
  if ((has[DT_INIT_ARRAY] &&
       !mapped(c, t[DT_INIT_ARRAY], t[DT_INIT_ARRAYSZ], 0)) ||
      (has[DT_FINI_ARRAY] &&
       !mapped(c, t[DT_FINI_ARRAY], t[DT_FINI_ARRAYSZ], 0)) ||
      (has[DT_PREINIT_ARRAY] &&
       !mapped(c, t[DT_PREINIT_ARRAY], t[DT_PREINIT_ARRAYSZ], 0)))
    return BAD("an initialiser or finaliser array lies outside the file's"
               " segments");
  return 0;
}

static const char *seg_name(uint32_t type)
{
  switch (type) {
  case PT_LOAD:
    return "loadable";
  case PT_DYNAMIC:
    return "dynamic";
  case PT_INTERP:
    return "interpreter";
  case PT_NOTE:
    return "note";
  case PT_TLS:
    return "TLS";
  case PT_GNU_EH_FRAME:
    return "unwind table";
  default:
    return "other";
  }
}

static int read_segments(struct ctx *c)
{
  const struct rbdcompat_elf *e = c->e;
  char *why = c->why;
  size_t whylen = c->whylen;
  unsigned i, nload = 0;
  struct seg s, loads[ELF_MAX_LOADS];

  for (i = 0; i < c->phnum; i++) {
    seg_at(e, c->phoff, i, &s);
    if (s.type == PT_NULL)
      continue;
    if (!in_range(0, e->len, s.offset, s.filesz))
      return BAD("truncated: segment %u (%s, file bytes %llu-%llu) ends"
                 " beyond the end of the file (%llu bytes)",
                 i, seg_name(s.type), ULL(s.offset), ULL(s.offset + s.filesz),
                 ULL(e->len));
    if (s.type != PT_LOAD)
      continue;
    if (nload < ELF_MAX_LOADS)
      loads[nload] = s;
    nload++;
    if (s.filesz > s.memsz)
      return BAD("loadable segment %u has more file bytes (%llu) than"
                 " memory (%llu)",
                 i, ULL(s.filesz), ULL(s.memsz));
    if (s.vaddr + s.memsz < s.vaddr)
      return BAD("loadable segment %u wraps around the address space", i);
    if (s.align > 1 &&
        ((s.align & (s.align - 1)) || (s.vaddr - s.offset) % s.align))
      return BAD("loadable segment %u is not aligned as its p_align %llu"
                 " says",
                 i, ULL(s.align));
  }
  if (!nload && (e->type == ET_EXEC || e->type == ET_DYN))
    return BAD("no loadable segment: nothing the loader could map");
  if (nload <= ELF_MAX_LOADS) {
    memcpy(c->loads, loads, nload * sizeof *loads);
    c->nloads = nload;
  }
  return 0;
}

int rbdcompat_elf_parse(struct rbdcompat_elf *e, const void *buf, size_t len,
                        char *why, size_t whylen)
{
  struct ctx c = { e, 0, 0, why, whylen, { { 0, 0, 0, 0, 0, 0, 0 } }, 0 };
  uint64_t phentsize;
  int rc;

  memset(e, 0, sizeof *e);
  e->p = buf;
  e->len = len;
  if (whylen)
    why[0] = '\0';
  if (len < EI_NIDENT || memcmp(buf, ELFMAG, SELFMAG) != 0) {
    elf_fail(why, whylen, "not an ELF file");
    return RBDCOMPAT_ELF_NOT_ELF;
  }
  if (e->p[EI_CLASS] != ELFCLASS32 && e->p[EI_CLASS] != ELFCLASS64)
    return BAD("unknown ELF class %u", e->p[EI_CLASS]);
  if (e->p[EI_DATA] != ELFDATA2LSB && e->p[EI_DATA] != ELFDATA2MSB)
    return BAD("unknown ELF byte order %u", e->p[EI_DATA]);
  if (e->p[EI_VERSION] != EV_CURRENT)
    return BAD("unknown ELF version %u", e->p[EI_VERSION]);
  e->c64 = e->p[EI_CLASS] == ELFCLASS64;
  e->be = e->p[EI_DATA] == ELFDATA2MSB;
  if (len < (e->c64 ? 64u : 52u))
    return BAD("truncated: the ELF header needs %u bytes, the file has %zu",
               e->c64 ? 64u : 52u, len);
  e->type = (unsigned short)rd(e, 16, 2);
  e->machine = (unsigned short)rd(e, 18, 2);
  c.phoff = e->c64 ? rd(e, 32, 8) : rd(e, 28, 4);
  phentsize = rd(e, e->c64 ? 54 : 42, 2);
  c.phnum = (unsigned)rd(e, e->c64 ? 56 : 44, 2);
  if (!c.phnum) {
    if (e->type == ET_EXEC || e->type == ET_DYN)
      return BAD("no program headers: nothing the loader could map");
    return 0; /* an object file, a core dump: no loader's view */
  }
  if (c.phnum == 0xffff)
    return BAD("%u or more program headers: more than the loader reads",
               c.phnum);
  if (phentsize != (e->c64 ? 56u : 32u))
    return BAD("program header entries of %llu bytes, not %u", ULL(phentsize),
               e->c64 ? 56u : 32u);
  if (!in_range(0, len, c.phoff, phentsize * c.phnum))
    return BAD("truncated: %u program headers at byte %llu do not fit in"
               " its %zu bytes",
               c.phnum, ULL(c.phoff), len);
  if ((rc = read_segments(&c)) || (rc = read_tables(&c)))
    return rc;
  return 0;
}

static const struct {
  unsigned machine;
  const char *name;
} machines[] = {
  { EM_386, "i386" },
  { EM_SPARC, "SPARC" },
  { EM_MIPS, "MIPS" },
  { EM_PPC, "PowerPC" },
  { EM_PPC64, "PowerPC64" },
  { EM_S390, "s390" },
  { EM_ARM, "ARM" },
  { EM_SPARCV9, "SPARC64" },
  { EM_IA_64, "IA-64" },
  { EM_X86_64, "x86-64" },
  { EM_AARCH64, "AArch64" },
  { 243, "RISC-V" },    /* EM_RISCV: not in every <elf.h> */
  { 258, "LoongArch" }, /* EM_LOONGARCH: likewise */
};

const char *rbdcompat_elf_machine_name(unsigned machine)
{
  size_t i;

  for (i = 0; i < sizeof machines / sizeof machines[0]; i++)
    if (machines[i].machine == machine)
      return machines[i].name;
  return NULL;
}

/* This object's own ELF header (GNU ld, gold and lld define the symbol):
 * the class, byte order and machine a library must have to be loaded
 * into this process. */
/* NOLINTNEXTLINE(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): the linker's name */
extern const unsigned char __ehdr_start[] __attribute__((visibility("hidden")));

static void machine_words(unsigned m, char *buf, size_t len)
{
  const char *name = rbdcompat_elf_machine_name(m);

  if (name)
    snprintf(buf, len, "%s", name);
  else
    snprintf(buf, len, "machine %u", m);
}

/* Is e of this process's class, byte order and machine? */
static int our_kind(const struct rbdcompat_elf *e, char *why, size_t whylen)
{
  struct rbdcompat_elf self = { .p = __ehdr_start,
                                .len = 64,
                                .be = __ehdr_start[EI_DATA] == ELFDATA2MSB };
  unsigned mine = (unsigned)rd(&self, 18, 2);
  char theirs_m[32], mine_m[32];

  if (e->machine == mine && e->p[EI_CLASS] == __ehdr_start[EI_CLASS] &&
      e->p[EI_DATA] == __ehdr_start[EI_DATA])
    return 0;
  machine_words(e->machine, theirs_m, sizeof theirs_m);
  machine_words(mine, mine_m, sizeof mine_m);
  return BAD("it is an ELF%u %s-endian %s file, this process is ELF%u %s"
             "-endian %s: another architecture",
             e->c64 ? 64u : 32u, e->be ? "big" : "little", theirs_m,
             __ehdr_start[EI_CLASS] == ELFCLASS64 ? 64u : 32u,
             self.be ? "big" : "little", mine_m);
}

static int shared_library(const struct rbdcompat_elf *e, char *why,
                          size_t whylen)
{
  if (e->type != ET_DYN)
    return BAD("ELF type %u, not a shared library", e->type);
  if (!e->has_dynamic)
    return BAD("it has no dynamic segment: not a shared library");
  return 0;
}

static int functions_are_functions(const struct rbdcompat_elf *e,
                                   const char *const *functions, char *why,
                                   size_t whylen)
{
  struct rbdcompat_elf_sym s;
  uint64_t i;
  size_t k;

  for (i = 1; functions && i < e->nsyms; i++) {
    rbdcompat_elf_sym(e, i, &s);
    if (s.shndx == SHN_UNDEF || s.type == STT_FUNC || s.type == STT_GNU_IFUNC)
      continue;
    for (k = 0; functions[k]; k++)
      if (!strcmp(s.name, functions[k]))
        return BAD("its %s is a %s, not a function", s.name,
                   s.type == STT_OBJECT ? "data object" : "non-function");
  }
  return 0;
}

int rbdcompat_elf_check_file(const char *path, const char *const *functions,
                             char *why, size_t whylen)
{
  struct rbdcompat_elf e = { 0 };
  void *map;
  off_t size;
  int fd, rc;

  /* lseek(), not fstat(): fstat64 is a glibc 2.33 symbol (glibc_compat.h). */
  fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return elf_fail(why, whylen, "%s", strerror(errno)), -1;
  size = lseek(fd, 0, SEEK_END);
  if (size <= 0) {
    elf_fail(why, whylen, "%s",
             size ? strerror(errno) : "an empty file, not an ELF library");
    close(fd);
    return -1;
  }
  map = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map == MAP_FAILED)
    return elf_fail(why, whylen, "cannot map it: %s", strerror(errno)), -1;
  rc = rbdcompat_elf_parse(&e, map, (size_t)size, why, whylen);
  /* Another architecture is the answer even if the rest does not parse
   * as ours (another class): once the ELF header could be read. */
  if (rc != RBDCOMPAT_ELF_NOT_ELF && e.machine && our_kind(&e, why, whylen))
    rc = -1;
  if (!rc)
    rc = shared_library(&e, why, whylen);
  if (!rc)
    rc = functions_are_functions(&e, functions, why, whylen);
  munmap(map, (size_t)size);
  return rc ? -1 : 0;
}
