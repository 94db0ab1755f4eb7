/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Resolution of one row of the function table, on its first call.
 *
 * The generated resolver of each row calls rbdcompat_resolve() with the
 * row's stub and emulation and stores the answer in the row's slot; later
 * calls jump straight through the slot. Resolution picks, in order: the vendor's own definition (unless
 * RBDCOMPAT_DISABLE names the function), the row's emulation,  its stub
 * (the one that sets its outputs). The family rules (lib/family.c) can
 * make a row the vendor has answer its stub: a handle nobody can make.
 */
#include "rbdcompat_internal.h"
#include "family.h"

#include <stdatomic.h>
#include <stdio.h>

/* One flag per row, so that "missing" is said once per function even when
 * threads race on its first call. Sized for the table with a margin; the
 * build checks the table fits (static assert in the generated table).
 * Word-sized: a 1-byte atomic exchange is a libatomic call on riscv64. */
static atomic_uint warned[RBDCOMPAT_MAX_FNS];

const char *rbdcompat_stub_answer(const struct rbdcompat_fn *fn)
{
  switch (fn->ret) {
  case RBDCOMPAT_RET_SIGNED:
    return "returns -ENOSYS";
  case RBDCOMPAT_RET_UNSIGNED:
    return "returns 0 with errno ENOSYS";
  case RBDCOMPAT_RET_POINTER:
    return "returns NULL with errno ENOSYS";
  default:
    if (rbdcompat_family_fails_op((unsigned)(fn - rbdcompat_fns)))
      return "makes the whole operation fail when it is operated";
    return "does nothing";
  }
}

rbdcompat_fnptr rbdcompat_resolve(unsigned idx, rbdcompat_fnptr stub,
                                  rbdcompat_fnptr emulation)
{
  const struct rbdcompat_fn *fn = &rbdcompat_fns[idx];
  const char *version = rbdcompat_fn_version(fn);
  int disabled = rbdcompat_disabled(rbdcompat_fn_name(fn));
  const struct rbdcompat_vendor *v = rbdcompat_vendor(fn->lib);
  char name[128], why[600], answer[300];
  int blocked = !disabled && rbdcompat_family_blocked(idx, why, sizeof why);
  rbdcompat_fnptr f = disabled || blocked ? NULL : rbdcompat_vendor_sym(fn);

  snprintf(name, sizeof name, "%s%s%s", rbdcompat_fn_name(fn),
           version ? "@" : "", version ? version : "");
  if (f) {
    rbdcompat_log(RBDCOMPAT_LOG_DEBUG, "%s -> %s", name, v->path);
    return rbdcompat_family_guard(idx, f);
  }
  if (blocked)
    ; /* why says which handle cannot be made */
  else if (disabled)
    snprintf(why, sizeof why, "disabled by RBDCOMPAT_DISABLE");
  else if (!v->handle)
    snprintf(why, sizeof why, "unavailable (no vendor library: see above)");
  else
    snprintf(why, sizeof why, "missing from %s", v->path);
  if (emulation && !blocked) {
    f = emulation;
    snprintf(answer, sizeof answer, "emulated: %s", rbdcompat_fn_why(fn));
  } else {
    f = stub; /* the one that sets outputs, where there is one */
    snprintf(answer, sizeof answer, "%s", rbdcompat_stub_answer(fn));
  }
  if (!atomic_exchange(&warned[idx], 1))
    rbdcompat_log(RBDCOMPAT_LOG_WARN, "%s is %s; %s", name, why, answer);
  return f;
}
