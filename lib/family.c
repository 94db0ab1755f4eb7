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
 * Each family's state is published once; racing threads compute the same
 * answer, each for itself, and one publishes it.
 */
#include "family.h"

#include <stdio.h>
#include <string.h>

enum { UNKNOWN, ALIVE, DEAD, BUSY };

/* Per family: its state (BUSY while one thread publishes it), whether its
 * widening was warned about, and why it is dead (written before DEAD is
 * published, read after it is seen). */
/* Word-sized: 1-byte atomics are libatomic calls on riscv64. */
static atomic_uint state[32];
static atomic_uint warned[32];
static char reason[32][200];

/* The families form a DAG (rados_t -> ioctx -> image, ...); the depth
 * bound is only a guard against a cycle a future header might add. */
#define MAX_DEPTH 8

static int family_dead(unsigned f, unsigned depth, char *why, size_t len);

/* Families of the same library as row idx, taken by value. */
static unsigned same_lib(unsigned idx, unsigned bits)
{
  unsigned f, out = 0;

  for (f = 0; f < rbdcompat_nfamilies; f++)
    if ((bits >> f & 1) &&
        rbdcompat_fns[rbdcompat_families[f].creators[0]].lib ==
            rbdcompat_fns[idx].lib)
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
/* NOLINTNEXTLINE(misc-no-recursion): bounded by MAX_DEPTH */
static int usable(unsigned idx, unsigned depth)
{
  const struct rbdcompat_fn *fn = &rbdcompat_fns[idx];
  unsigned uses = same_lib(idx, rbdcompat_row_families[idx].uses), f;

  if (rbdcompat_disabled(rbdcompat_fn_name(fn)))
    return 0;
  if (fn->decision != RBDCOMPAT_DECISION_EMULATED && !rbdcompat_vendor_sym(fn))
    return 0;
  for (f = 0; f < rbdcompat_nfamilies; f++)
    if ((uses >> f & 1) && family_dead(f, depth + 1, NULL, 0))
      return 0;
  return 1;
}

/* NOLINTNEXTLINE(misc-no-recursion): bounded by MAX_DEPTH */
static int compute(unsigned f, unsigned depth, char *why, size_t len)
{
  const struct rbdcompat_family *fam = &rbdcompat_families[f];
  unsigned i;
  int silent = 0;

  for (i = 0; i < fam->ndestroys; i++) {
    const char *d = rbdcompat_fn_name(&rbdcompat_fns[fam->destroys[i]]);

    if (rbdcompat_disabled(d)) {
      snprintf(why, len,
               "RBDCOMPAT_DISABLE names %s, which ends %s"
               " handles",
               d, fam->type);
      if (!atomic_exchange(&warned[f], 1))
        rbdcompat_log(RBDCOMPAT_LOG_WARN,
                      "RBDCOMPAT_DISABLE names %s,"
                      " which ends the %s handles %s and %u more make:"
                      " disabling all %u functions of %s instead of leaving"
                      " handles that cannot be ended",
                      d, fam->type,
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
    if (usable(fam->creators[i], depth))
      return 0;
    silent |= rbdcompat_fns[fam->creators[i]].ret != RBDCOMPAT_RET_SIGNED;
  }
  if (!silent)
    return 0; /* each creator says -ENOSYS: callers hold no handle */
  snprintf(why, len, "no %s can be made (%s%s is %s)", fam->type,
           rbdcompat_fn_name(&rbdcompat_fns[fam->creators[0]]),
           fam->ncreators > 1 ? " and every other creator" : "",
           rbdcompat_disabled(
               rbdcompat_fn_name(&rbdcompat_fns[fam->creators[0]]))
               ? "disabled"
               : "unavailable");
  return 1;
}

/* NOLINTNEXTLINE(misc-no-recursion): bounded by MAX_DEPTH */
static int family_dead(unsigned f, unsigned depth, char *why, size_t len)
{
  unsigned s = atomic_load_explicit(&state[f], memory_order_acquire);
  unsigned expected = UNKNOWN;
  char local[sizeof reason[0]];
  int dead;

  if (s == ALIVE)
    return 0;
  if (s == DEAD) {
    if (why)
      snprintf(why, len, "%s", reason[f]);
    return 1;
  }
  if (depth > MAX_DEPTH)
    return 0;
  /* Unknown, or another thread publishing it: work it out (the answer is
   * the same for every thread); the first to claim the slot publishes. */
  local[0] = '\0';
  dead = compute(f, depth, local, sizeof local);
  if (atomic_compare_exchange_strong(&state[f], &expected, BUSY)) {
    if (dead)
      memcpy(reason[f], local, sizeof local);
    atomic_store_explicit(&state[f], dead ? DEAD : ALIVE, memory_order_release);
  }
  if (why)
    snprintf(why, len, "%s", local);
  return dead;
}

int rbdcompat_family_blocked(unsigned idx, char *why, size_t len)
{
  unsigned uses = same_lib(idx, rbdcompat_row_families[idx].uses);
  unsigned makes = rbdcompat_row_families[idx].makes, f;

  for (f = 0; f < 2 && rbdcompat_row_families[idx].requires[f]; f++) {
    unsigned r = rbdcompat_row_families[idx].requires[f] - 1u;

    if (!usable(r, 0)) {
      snprintf(why, len, "unusable without %s, which is %s",
               rbdcompat_fn_name(&rbdcompat_fns[r]),
               rbdcompat_disabled(rbdcompat_fn_name(&rbdcompat_fns[r]))
                   ? "disabled"
                   : "unavailable");
      return 1;
    }
  }
  for (f = 0; f < rbdcompat_nfamilies; f++) {
    char r[sizeof reason[0]];

    if ((uses >> f & 1) && family_dead(f, 0, r, sizeof r)) {
      snprintf(why, len, "unusable: %s", r);
      return 1;
    }
    /* A creator of a family disabled as a whole must not make handles. */
    if ((makes >> f & 1) && family_dead(f, 0, r, sizeof r) &&
        !strncmp(r, "RBDCOMPAT_DISABLE", 17)) {
      snprintf(why, len, "disabled with its family: %s", r);
      return 1;
    }
  }
  return 0;
}

rbdcompat_fnptr rbdcompat_family_guard(unsigned idx, rbdcompat_fnptr fn)
{
  const struct rbdcompat_guard *g = NULL;
  unsigned uses = rbdcompat_row_families[idx].uses, f, i;

  for (i = 0; i < rbdcompat_nguards; i++)
    if (rbdcompat_guards[i].idx == idx)
      g = &rbdcompat_guards[i];
  if (!g)
    return fn;
  for (f = 0; f < rbdcompat_nfamilies; f++) {
    const struct rbdcompat_family *fam = &rbdcompat_families[f];

    if (!(uses >> f & 1))
      continue;
    for (i = 0; i < fam->ncreators; i++) {
      unsigned c = fam->creators[i];

      if (rbdcompat_fns[c].ret == RBDCOMPAT_RET_VOID && !usable(c, 0)) {
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

  if (!rbdcompat_has_safe_stub[idx] ||
      rbdcompat_fns[idx].ret != RBDCOMPAT_RET_VOID)
    return 0;
  for (f = 0; f < rbdcompat_nfamilies; f++)
    if ((uses >> f & 1) &&
        (!strcmp(rbdcompat_families[f].type, "rados_write_op_t") ||
         !strcmp(rbdcompat_families[f].type, "rados_read_op_t")))
      return 1;
  return 0;
}
