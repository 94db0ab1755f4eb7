/* SPDX-License-Identifier: LGPL-2.1-or-later */

#include "emu_state.h"

#include <rbd/librbd.h>
#include <string.h>

__attribute__((visibility("default"))) struct emu_state emu;
__attribute__((visibility("default"))) struct emu_exec emu_exec;

__attribute__((visibility("default"))) void
emu_add_snap(uint64_t id, const char *name, int ns)
{
  struct emu_snap *s = &emu.snaps[emu.nsnaps++];

  s->id = id;
  strncpy(s->name, name, sizeof s->name - 1);
  s->ns = ns;
}

__attribute__((visibility("default"))) void emu_reset(void)
{
  memset(&emu, 0, sizeof emu);
  memset(&emu_exec, 0, sizeof emu_exec);
  emu_add_snap(3, "old", RBD_SNAP_NAMESPACE_TYPE_USER);
  emu_add_snap(5, "shared", RBD_SNAP_NAMESPACE_TYPE_TRASH);
  emu_add_snap(8, "shared", RBD_SNAP_NAMESPACE_TYPE_USER);
  emu_add_snap(11, ".group.1_2_3", RBD_SNAP_NAMESPACE_TYPE_GROUP);
  emu_add_snap(12, "mirror-only", RBD_SNAP_NAMESPACE_TYPE_MIRROR);
}

__attribute__((visibility("default"))) void emu_record(const char *fn)
{
  strncpy(emu.fn, fn, sizeof emu.fn - 1);
  memset(emu.has_str, 0, sizeof emu.has_str);
  memset(emu.str, 0, sizeof emu.str);
  memset(emu.u, 0, sizeof emu.u);
  memset(emu.p, 0, sizeof emu.p);
  emu.calls++;
}

__attribute__((visibility("default"))) void emu_strn(int i, const char *s,
                                                     size_t n)
{
  if (!s)
    return;
  emu.has_str[i] = 1;
  if (n > EMU_STR_LEN - 1)
    n = EMU_STR_LEN - 1;
  memcpy(emu.str[i], s, n);
  emu.str[i][n] = '\0';
}

__attribute__((visibility("default"))) void emu_str(int i, const char *s)
{
  if (s)
    emu_strn(i, s, strlen(s));
}
