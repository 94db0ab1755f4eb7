/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Every row of the function table, called through the shim with a distinct
 * sentinel in each argument (libffi builds each call from the row's
 * signature), must reach the mock vendor's function of the same row with
 * exactly those values, and its return value must come back unchanged.
 */
#include "conformance.h"
#include "harness.h"
#include "mock_vendor.h"

#include <ffi.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The sentinel of argument i of row idx, as the mock records it. */
static uint64_t sentinel(const struct ffi_arg_desc *d, unsigned idx, unsigned i)
{
  if (d->tclass == TC_POINTER)
    return UINT64_C(0x00007f0000000000) | ((uint64_t)idx << 12) |
           ((uint64_t)i << 4) | 0x8;
  if (d->tclass == TC_BOOL)
    return 1;
  switch (d->size) {
  case 1:
    return (uint64_t)(0x40 + i);
  case 2:
    return (uint64_t)(0x4000 + idx * 8 + i);
  case 4:
    return (uint64_t)(0x10000000u | (idx << 8) | i);
  default:
    return UINT64_C(0x1100000000000000) | ((uint64_t)idx << 16) |
           ((uint64_t)i << 8) | 0x11;
  }
}

START_TEST(every_function_forwards_its_arguments_and_result)
{
  unsigned k, covered = 0;

  use_vendor("full", "full");
  for (k = 0; k < conformance_nsigs; k++) {
    const struct ffi_sig *sig = &conformance_sigs[k];
    ffi_type *types[MOCK_MAX_ARGS];
    void *values[MOCK_MAX_ARGS];
    union {
      uint8_t u8;
      uint16_t u16;
      uint32_t u32;
      uint64_t u64;
      float f;
      double d;
      void *p;
    } storage[MOCK_MAX_ARGS];
    uint64_t expect[MOCK_MAX_ARGS];
    union {
      ffi_arg a;
      uint64_t u64;
      void *p;
      double d;
    } ret;
    ffi_cif cif;
    void *fn = shim_entry(sig->name, sig->version);
    unsigned i;

    ck_assert_uint_le(sig->nargs, MOCK_MAX_ARGS);
    for (i = 0; i < sig->nargs; i++) {
      const struct ffi_arg_desc *d = &sig->args[i];
      uint64_t v = sentinel(d, sig->idx, i);

      types[i] = conformance_ffi_type(d);
      if (d->tclass == TC_REAL && d->size == 4) {
        storage[i].f = (float)sig->idx + 0.25f * (float)(i + 1);
        expect[i] = mock_bits_float(storage[i].f);
      } else if (d->tclass == TC_REAL) {
        storage[i].d = (double)sig->idx + 0.25 * (i + 1);
        expect[i] = mock_bits_double(storage[i].d);
      } else if (d->tclass == TC_POINTER) {
        storage[i].p = (void *)(uintptr_t)v;
        expect[i] = v;
      } else {
        switch (d->size) {
        case 1:
          storage[i].u8 = (uint8_t)v;
          break;
        case 2:
          storage[i].u16 = (uint16_t)v;
          break;
        case 4:
          storage[i].u32 = (uint32_t)v;
          break;
        default:
          storage[i].u64 = v;
          break;
        }
        expect[i] = v;
      }
      values[i] = &storage[i];
    }
    ck_assert_int_eq(ffi_prep_cif(&cif, FFI_DEFAULT_ABI, sig->nargs,
                                  conformance_ffi_type(&sig->ret), types),
                     FFI_OK);
    mock_reset();
    memset(&ret, 0, sizeof ret);
    ffi_call(&cif, FFI_FN(fn), &ret, values);

    ck_assert_msg(mock_calls[sig->idx] == 1,
                  "%s%s%s: the mock's function of this row was called %lu"
                  " times (last call reached row %u)",
                  sig->name, sig->version ? "@" : "",
                  sig->version ? sig->version : "", mock_calls[sig->idx],
                  mock_last.idx);
    ck_assert_uint_eq(mock_last.nargs, sig->nargs);
    for (i = 0; i < sig->nargs; i++)
      ck_assert_msg(mock_last.args[i] == expect[i],
                    "%s: argument %u arrived as 0x%llx, sent 0x%llx", sig->name,
                    i, (unsigned long long)mock_last.args[i],
                    (unsigned long long)expect[i]);
    if (sig->ret.valid) {
      uint64_t want = mock_ret_value(sig->idx), got = ret.u64;

      if (sig->ret.tclass != TC_POINTER && sig->ret.size < 8) {
        uint64_t mask = (UINT64_C(1) << (8 * sig->ret.size)) - 1;
        want &= mask;
        got &= mask;
      }
      ck_assert_msg(got == want, "%s: returned 0x%llx, the mock gave 0x%llx",
                    sig->name, (unsigned long long)got,
                    (unsigned long long)want);
    }
    covered++;
  }
  printf("conformance: %u of %u table rows called through the shim with"
         " sentinel arguments; all arrived and returned unchanged\n",
         covered, conformance_nsigs);
  ck_assert_uint_eq(covered, conformance_nsigs);
}
END_TEST

int main(void)
{
  Suite *s = suite_create("conformance");
  TCase *tc = tcase_create("ffi");

  tcase_add_test(tc, every_function_forwards_its_arguments_and_result);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
