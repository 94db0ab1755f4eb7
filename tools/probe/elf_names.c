/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Human names for what an ELF header says, for messages: "ELF64
 * little-endian x86-64 shared object". Only names; no decision is made
 * from them.
 */
#include "elf_read.h"

#include <elf.h>
#include <stdio.h>

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
  { 243, "RISC-V" },     /* EM_RISCV: not in every <elf.h> */
  { 258, "LoongArch" },  /* EM_LOONGARCH: likewise */
};

const char *elf_machine_name(unsigned machine)
{
  size_t i;

  for (i = 0; i < sizeof machines / sizeof machines[0]; i++)
    if (machines[i].machine == machine)
      return machines[i].name;
  return NULL;
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
