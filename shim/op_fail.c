/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Failing a whole write or read operation.
 *
 * A step of an operation the shim cannot build (the vendor lacks the
 * builder, RBDCOMPAT_DISABLE names it, an emulation cannot express the
 * arguments) must not be silently left out: the operation would succeed
 * without it (a key left in place by a missing rados_write_op_omap_rm_keys).
 * Upstream fails an operation as a whole when one of its steps cannot be
 * executed, and nothing of it is applied; the shim adds a step that the OSD
 * always rejects:
 *   - a call to an object class no OSD has (-EOPNOTSUPP; -EPERM where the
 *     class load list is restricted), the status going to the step's prval;
 *   - where the vendor lacks the class call too, an assert_version(0)
 *     (the OSD answers -EINVAL to version 0).
 * The vendor's builders are called directly, never through the shim's
 * exported entry points: those may be stubs themselves (this would recurse)
 * and RBDCOMPAT_DISABLE (for calls that hang) is not about this use.
 * Every release since 12.2.0 has both builders; a vendor without either
 * cannot make operations fail, so lib/family.c then stubs the creators of
 * operations (rados_create_write_op/read_op return NULL, ENOSYS).
 */
#include "rbdcompat_internal.h"
#include "family.h"

#include <string.h>

#define NO_CLASS "rbdcompat-no-such-class"
#define NO_METHOD "step-the-vendor-lacks"

static rbdcompat_fnptr vendor_fn(const char *name)
{
  unsigned i;

  for (i = 0; i < rbdcompat_nfns; i++)
    if (!rbdcompat_fns[i].version_off &&
        !strcmp(rbdcompat_fn_name(&rbdcompat_fns[i]), name))
      return rbdcompat_vendor_sym(&rbdcompat_fns[i]);
  return NULL;
}

typedef void (*write_exec_t)(rados_write_op_t, const char *, const char *,
                             const char *, size_t, int *);
typedef void (*read_exec_t)(rados_read_op_t, const char *, const char *,
                            const char *, size_t, char **, size_t *, int *);
typedef void (*write_assert_t)(rados_write_op_t, uint64_t);
typedef void (*read_assert_t)(rados_read_op_t, uint64_t);

void rbdcompat_fail_write_op(rados_write_op_t op, int *prval)
{
  rbdcompat_fnptr f = vendor_fn("rados_write_op_exec");

  if (!op)
    return;
  if (f) {
    ((write_exec_t)f)(op, NO_CLASS, NO_METHOD, NULL, 0, prval);
    return;
  }
  f = vendor_fn("rados_write_op_assert_version");
  if (f)
    ((write_assert_t)f)(op, 0);
}

void rbdcompat_fail_read_op(rados_read_op_t op, int *prval)
{
  rbdcompat_fnptr f = vendor_fn("rados_read_op_exec");

  if (!op)
    return;
  if (f) {
    ((read_exec_t)f)(op, NO_CLASS, NO_METHOD, NULL, 0, NULL, NULL, prval);
    return;
  }
  f = vendor_fn("rados_read_op_assert_version");
  if (f)
    ((read_assert_t)f)(op, 0);
}
