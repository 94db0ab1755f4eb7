/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ELF reading for rbdcompat-probe (see elf_read.h): what the dynamic
 * loader reads, through the shim's own checked reader (lib/elf_check.c),
 * so that the probe and the library judge a file the same way. This file
 * only gathers the reader's answers into the lists the reports use.
 */
#include "elf_read.h"
#include "elf_check.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gather {
  struct elf_info *out;
  size_t cap;
  struct vmap {
    unsigned idx;
    const char *version, *file;
  } * map;
  size_t nmap;
  int nomem;
};

static void count_version(void *ctx, const char *file, const char *name,
                          unsigned index, int base)
{
  (void)file;
  (void)name;
  (void)index;
  (void)base;
  ((struct gather *)ctx)->cap++;
}

static void one_version(void *ctx, const char *file, const char *name,
                        unsigned index, int base)
{
  struct gather *g = ctx;
  struct elf_info *o = g->out;

  if (g->nomem || g->nmap >= g->cap)
    return;
  if (!file) {
    if (!base) /* the base entry is the file's own name, not a version */
      o->verdef[o->nverdef++] = name;
    return;
  }
  g->map[g->nmap].idx = index;
  g->map[g->nmap].version = name;
  g->map[g->nmap++].file = file;
  o->verneed[o->nverneed].file = file;
  o->verneed[o->nverneed++].version = name;
}

int elf_read(const void *buf, size_t len, struct elf_info *out, char *err,
             size_t errlen)
{
  struct rbdcompat_elf e = { 0 };
  struct gather g = { out, 0, NULL, 0, 0 };
  uint64_t i, val;
  int rc;

  memset(out, 0, sizeof *out);
  rc = rbdcompat_elf_parse(&e, buf, len, err, errlen);
  out->elfclass = e.c64 ? 64 : 32;
  out->big_endian = e.be;
  out->type = e.type;
  out->machine = e.machine;
  if (rc == RBDCOMPAT_ELF_NOT_ELF)
    return ELF_NOT_ELF;
  if (rc)
    return ELF_CORRUPT;
  out->has_dynamic = e.has_dynamic;
  out->bind_now = e.bind_now;
  out->pie = e.pie;
  rbdcompat_elf_versions(&e, count_version, &g);
  g.cap++;
  out->needed = calloc(e.ndyn + 1, sizeof *out->needed);
  out->undef = calloc(e.nsyms + 1, sizeof *out->undef);
  out->verneed = calloc(g.cap, sizeof *out->verneed);
  out->verdef = calloc(g.cap, sizeof *out->verdef);
  g.map = calloc(g.cap, sizeof *g.map);
  if (!out->needed || !out->undef || !out->verneed || !out->verdef || !g.map) {
    free(g.map);
    elf_info_free(out);
    if (errlen)
      snprintf(err, errlen, "out of memory");
    return ELF_NO_MEMORY;
  }
  for (i = 0; i < e.ndyn; i++) {
    uint64_t tag = rbdcompat_elf_dyn(&e, i, &val);

    if (tag == DT_NEEDED)
      out->needed[out->nneeded++] = rbdcompat_elf_str(&e, val);
    else if (tag == DT_SONAME)
      out->soname = rbdcompat_elf_str(&e, val);
  }
  rbdcompat_elf_versions(&e, one_version, &g);
  for (i = 1; i < e.nsyms; i++) { /* entry 0 is the null symbol */
    struct rbdcompat_elf_sym s;
    struct elf_symref *ref;
    size_t k;

    rbdcompat_elf_sym(&e, i, &s);
    if (s.bind == STB_LOCAL || s.type == STT_SECTION || s.type == STT_FILE)
      continue;
    if (s.shndx != SHN_UNDEF) {
      out->ndefined++;
      continue;
    }
    if (!*s.name)
      continue;
    ref = &out->undef[out->nundef++];
    ref->name = s.name;
    ref->weak = s.bind == STB_WEAK;
    for (k = 0; s.version > 1 && k < g.nmap; k++) {
      if (g.map[k].idx == s.version) {
        ref->version = g.map[k].version;
        ref->file = g.map[k].file;
        break;
      }
    }
  }
  free(g.map);
  return ELF_OK;
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
