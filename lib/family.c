/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The family rules, applied when a row is resolved (the families come from
 * the prototypes: gen/families.py).
 *
 *  - A family none of whose creators can be used, one of which cannot
 *    report failure (a void creator, rbd_image_options_create(); or one
 *    returning the handle, rados_create_write_op()), is dead: every
 *    function taking its handle answers its stub (the handle the caller
 *    holds is what the creator's stub left, NULL, never a garbage value
 *    handed to the vendor), and its destroy, a stub too, does nothing.
 *    Where every creator returns a status (rbd_open(), rados_create()),
 *    the caller is told -ENOSYS and the handle is NULL: the family stays.
 *  - RBDCOMPAT_DISABLE naming a destroy (rados_shutdown) would leave
 *    handles that cannot be ended (a cluster still running at exit aborts
 *    the process): the whole family is disabled instead, its creators
 *    included, with one warning saying so.
 *  - A family some void creator makes (omap iterators of read operations)
 *    stays alive when another creator exists; where a void creator is
 *    stubbed, its members go through a guard that answers the stub for the
 *    NULL handle the stub wrote.
 *  - A function of no use without others (gen/families.py REQUIRES: an
 *    image notification nobody can drain) answers its stub without them.
 *  - Operations need a way to fail as a whole (shim/op_fail.c): without
 *    one the write or read operation family is dead.
 * Only the families of a row's own library are looked at: a librbd call
 * never loads librados for this (librbd brings its own librados anyway).
 * Each family's state is computed once; racing threads compute the same.
 */
#include "family.h"

#include <stdio.h>
#include <string.h>

enum { UNKNOWN, ALIVE, DEAD, BUSY };

static atomic_uint state[32];   /* word-sized: 1-byte atomics are libatomic calls on riscv64 */
static atomic_uint warned[32];
static char reason[32][200]; /* why a family is dead; written before DEAD */

static int family_dead(unsigned f);

/* Families of the same library as row idx, taken by value. */
static unsigned same_lib(unsigned idx, unsigned bits)
{
  unsigned f, out = 0;

  for (f = 0; f < rbdcompat_nfamilies; f++)
    if ((bits >> f & 1) && rbdcompat_fns[rbdcompat_families[f].creators[0]].lib
                               == rbdcompat_fns[idx].lib)
      out |= 1u << f;
  return out;
}

static int vendor_has(const char *name)
{
  unsigned i;

  for (i = 0; i < rbdcompat_nfns; i++)
    if (!strcmp(rbdcompat_fn_name(&rbdcompat_fns[i]), name))
      return rbdcompat_vendor_sym(&rbdcompat_fns[i]) != NULL;
  return 0;
}

/* Can row idx be called to make a handle? */
static int usable(unsigned idx)
{
  const struct rbdcompat_fn *fn = &rbdcompat_fns[idx];
  unsigned uses = same_lib(idx, rbdcompat_row_families[idx].uses), f;

  if (rbdcompat_disabled(rbdcompat_fn_name(fn)))
    return 0;
  if (fn->decision != RBDCOMPAT_DECISION_EMULATED && !rbdcompat_vendor_sym(fn))
    return 0;
  for (f = 0; f < rbdcompat_nfamilies; f++)
    if ((uses >> f & 1) && family_dead(f))
      return 0;
  return 1;
}

static int compute(unsigned f, char *why, size_t len)
{
  const struct rbdcompat_family *fam = &rbdcompat_families[f];
  unsigned i;
  int silent = 0;

  for (i = 0; i < fam->ndestroys; i++) {
    const char *d = rbdcompat_fn_name(&rbdcompat_fns[fam->destroys[i]]);

    if (rbdcompat_disabled(d)) {
      snprintf(why, len, "RBDCOMPAT_DISABLE names %s, which ends %s"
               " handles", d, fam->type);
      if (!atomic_exchange(&warned[f], 1))
        rbdcompat_log(RBDCOMPAT_LOG_WARN, "RBDCOMPAT_DISABLE names %s,"
                      " which ends the %s handles %s and %u more make:"
                      " disabling all %u functions of %s instead of leaving"
                      " handles that cannot be ended", d, fam->type,
                      rbdcompat_fn_name(&rbdcompat_fns[fam->creators[0]]),
                      fam->ncreators - 1, fam->nmembers + fam->ncreators,
                      fam->type);
      return 1;
    }
  }
  if ((!strcmp(fam->type, "rados_write_op_t") &&
       !vendor_has("rados_write_op_exec") &&
       !vendor_has("rados_write_op_assert_version")) ||
      (!strcmp(fam->type, "rados_read_op_t") &&
       !vendor_has("rados_read_op_exec") &&
       !vendor_has("rados_read_op_assert_version"))) {
    snprintf(why, len, "the vendor has no way to fail a %s as a whole",
             fam->type);
    return 1;
  }
  for (i = 0; i < fam->ncreators; i++) {
    if (usable(fam->creators[i]))
      return 0;
    silent |= rbdcompat_fns[fam->creators[i]].ret != RBDCOMPAT_RET_SIGNED;
  }
  if (!silent)
    return 0; /* each creator says -ENOSYS: callers hold no handle */
  snprintf(why, len, "no %s can be made (%s%s is %s)", fam->type,
           rbdcompat_fn_name(&rbdcompat_fns[fam->creators[0]]),
           fam->ncreators > 1 ? " and every other creator" : "",
           rbdcompat_disabled(rbdcompat_fn_name(&rbdcompat_fns[fam->creators[0]])) ?
           "disabled" : "unavailable");
  return 1;
}

static int family_dead(unsigned f)
{
  unsigned char s = atomic_load(&state[f]);
  unsigned busy = UNKNOWN;

  if (s == ALIVE || s == DEAD)
    return s == DEAD;
  /* A family on the way of its own computation (no such cycle in the
   * API) counts as alive. */
  if (!atomic_compare_exchange_strong(&state[f], &busy, BUSY))
    return busy == DEAD;
  s = compute(f, reason[f], sizeof reason[f]) ? DEAD : ALIVE;
  atomic_store(&state[f], s);
  return s == DEAD;
}

int rbdcompat_family_blocked(unsigned idx, char *why, size_t len)
{
  unsigned uses = same_lib(idx, rbdcompat_row_families[idx].uses);
  unsigned makes = rbdcompat_row_families[idx].makes, f;

  for (f = 0; f < 2 && rbdcompat_row_families[idx].requires[f]; f++) {
    unsigned r = rbdcompat_row_families[idx].requires[f] - 1u;

    if (!usable(r)) {
      snprintf(why, len, "unusable without %s, which is %s",
               rbdcompat_fn_name(&rbdcompat_fns[r]),
               rbdcompat_disabled(rbdcompat_fn_name(&rbdcompat_fns[r])) ? "disabled"
                                                        : "unavailable");
      return 1;
    }
  }
  for (f = 0; f < rbdcompat_nfamilies; f++) {
    if ((uses >> f & 1) && family_dead(f)) {
      snprintf(why, len, "unusable: %s", reason[f]);
      return 1;
    }
    /* A creator of a family disabled as a whole must not make handles. */
    if ((makes >> f & 1) && family_dead(f) &&
        !strncmp(reason[f], "RBDCOMPAT_DISABLE", 17)) {
      snprintf(why, len, "disabled with its family: %s", reason[f]);
      return 1;
    }
  }
  return 0;
}

rbdcompat_fnptr rbdcompat_family_guard(unsigned idx, rbdcompat_fnptr fn)
{
  const struct rbdcompat_guard *g = &rbdcompat_guards[idx];
  unsigned uses = rbdcompat_row_families[idx].uses, f, i;

  if (!g->fn)
    return fn;
  for (f = 0; f < rbdcompat_nfamilies; f++) {
    const struct rbdcompat_family *fam = &rbdcompat_families[f];

    if (!(uses >> f & 1))
      continue;
    for (i = 0; i < fam->ncreators; i++) {
      unsigned c = fam->creators[i];

      if (rbdcompat_fns[c].ret == RBDCOMPAT_RET_VOID && !usable(c)) {
        atomic_store_explicit(g->real, fn, memory_order_release);
        return g->fn;
      }
    }
  }
  return fn;
}

int rbdcompat_family_fails_op(unsigned idx)
{
  unsigned uses = rbdcompat_row_families[idx].uses, f;

  if (!rbdcompat_has_safe_stub[idx] || rbdcompat_fns[idx].ret != RBDCOMPAT_RET_VOID)
    return 0;
  for (f = 0; f < rbdcompat_nfamilies; f++)
    if ((uses >> f & 1) && (!strcmp(rbdcompat_families[f].type,
                                    "rados_write_op_t") ||
                            !strcmp(rbdcompat_families[f].type,
                                    "rados_read_op_t")))
      return 1;
  return 0;
}
