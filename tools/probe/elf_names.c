/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Human names for what an ELF header says, for messages: "ELF64
 * little-endian x86-64 shared object". Only names; no decision is made
 * from them.
 */
#include "elf_read.h"
#include "elf_check.h"

#include <elf.h>
#include <stdio.h>

const char *elf_machine_name(unsigned machine)
{
  return rbdcompat_elf_machine_name(machine);
}

static const char *type_name(const struct elf_info *info)
{
  switch (info->type) {
  case ET_REL:
    return "relocatable object";
  case ET_EXEC:
    return "executable";
  case ET_DYN:
    return info->pie ? "position-independent executable" : "shared object";
  case ET_CORE:
    return "core dump";
  default:
    return "file of unknown type";
  }
}

void elf_describe(const struct elf_info *info, char *buf, size_t len)
{
  const char *m = elf_machine_name(info->machine);
  char num[32];

  if (!m) {
    snprintf(num, sizeof num, "machine %u", info->machine);
    m = num;
  }
  snprintf(buf, len, "ELF%u %s-endian %s %s", info->elfclass,
           info->big_endian ? "big" : "little", m, type_name(info));
}
