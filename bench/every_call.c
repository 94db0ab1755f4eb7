/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * every_call direct LIBRBD LIBRADOS | every_call shim LIBRBDCOMPAT
 *
 * Calls every row of the function table once, then once more, with all
 * arguments zero (libffi builds each call from the row's signature), and
 * prints what that cost in time and memory as KEY=VALUE words:
 *   rows        rows called
 *   load_ns     dlopen() of the libraries (RTLD_NOW)
 *   lookup_ns   dlsym()/dlvsym() of every row's entry point (and the
 *               libffi preparation of its call, the same in both modes)
 *   pass1_ns    the first call of every row: through the shim, this is
 *               where it loads the vendor and resolves each row
 *   pass2_ns    the second call of every row: steady state
 *   rss0/pss0   kB before loading anything (VmRSS, smaps_rollup Pss)
 *   rss1/pss1   kB after loading, nothing called
 *   rss2/pss2   kB after both passes
 *
 * "direct" opens two vendor libraries itself (the baseline: what a program
 * linked to them pays); "shim" opens librbdcompat, which finds the vendor
 * on its own (RBDCOMPAT_LIBRBD / RBDCOMPAT_LIBRADOS). Zero arguments are
 * only safe against a vendor that does not look at them: the test suite's
 * full mock, which records them and returns.
 */
#include "conformance.h"

#include <dlfcn.h>
#include <ffi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_ARGS 16

static long long now_ns(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The kB figure of the line starting with key in a /proc file. */
static long proc_kb(const char *file, const char *key)
{
  char line[256];
  long kb = -1;
  size_t len = strlen(key);
  FILE *f = fopen(file, "r");

  if (!f)
    return -1;
  while (fgets(line, sizeof line, f))
    if (!strncmp(line, key, len)) {
      kb = strtol(line + len, NULL, 10);
      break;
    }
  fclose(f);
  return kb;
}

static void print_mem(int stage)
{
  printf(" rss%d=%ld pss%d=%ld", stage, proc_kb("/proc/self/status", "VmRSS:"),
         stage, proc_kb("/proc/self/smaps_rollup", "Pss:"));
}

/* A row's entry point in h. dlsym() prefers a hidden base definition, as
 * the unit tests' harness explains; any other version needs dlvsym(). */
static void *entry(void *h, const struct ffi_sig *sig)
{
  if (sig->version && strcmp(sig->version, "Base"))
    return dlvsym(h, sig->name, sig->version);
  return dlsym(h, sig->name);
}

struct call {
  ffi_cif cif;
  ffi_type *types[MAX_ARGS];
  void (*fn)(void);
};

static void call_all(struct call *calls, unsigned n)
{
  /* Zero for every argument type: the widest member covers them all. */
  static union {
    uint64_t u;
    double d;
    void *p;
  } zero[MAX_ARGS];
  void *values[MAX_ARGS];
  union {
    ffi_arg a;
    double d;
    void *p;
  } ret;
  unsigned i;

  for (i = 0; i < MAX_ARGS; i++)
    values[i] = &zero[i];
  for (i = 0; i < n; i++)
    ffi_call(&calls[i].cif, calls[i].fn, &ret, values);
}

static void *open_or_die(const char *path)
{
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);

  if (!h) {
    fprintf(stderr, "every_call: %s\n", dlerror());
    exit(2);
  }
  return h;
}

/* Fill in every row's entry point and libffi description. */
static void prepare(struct call *calls, void *rbd, void *rados)
{
  unsigned i, k;

  for (i = 0; i < conformance_nsigs; i++) {
    const struct ffi_sig *sig = &conformance_sigs[i];
    void *p = entry(strncmp(sig->name, "rbd_", 4) ? rados : rbd, sig);

    if (!p || sig->nargs > MAX_ARGS) {
      fprintf(stderr, "every_call: no %s%s%s\n", sig->name,
              sig->version ? "@" : "", sig->version ? sig->version : "");
      exit(2);
    }
    memcpy(&calls[i].fn, &p, sizeof p); /* as dlsym(3) says */
    for (k = 0; k < sig->nargs; k++)
      calls[i].types[k] = conformance_ffi_type(&sig->args[k]);
    if (ffi_prep_cif(&calls[i].cif, FFI_DEFAULT_ABI, sig->nargs,
                     conformance_ffi_type(&sig->ret), calls[i].types) != FFI_OK)
      exit(2);
  }
}

int main(int argc, char **argv)
{
  int direct = argc == 4 && !strcmp(argv[1], "direct");
  struct call *calls = calloc(conformance_nsigs, sizeof *calls);
  void *rbd, *rados;
  long long t0, t1, t2, t3;

  if (!calls || !(direct || (argc == 3 && !strcmp(argv[1], "shim")))) {
    fprintf(stderr, "usage: every_call direct LIBRBD LIBRADOS |"
                    " every_call shim LIBRBDCOMPAT\n");
    return 2;
  }
  printf("rows=%u", conformance_nsigs);
  print_mem(0);
  t0 = now_ns();
  rbd = open_or_die(argv[2]);
  rados = direct ? open_or_die(argv[3]) : rbd;
  t1 = now_ns();
  print_mem(1);
  /* The lookups are timed with the libffi preparation, which is the same
   * work in both modes (a few µs). */
  t2 = now_ns();
  prepare(calls, rbd, rados);
  t3 = now_ns();
  printf(" load_ns=%lld lookup_ns=%lld", t1 - t0, t3 - t2);
  t0 = now_ns();
  call_all(calls, conformance_nsigs);
  t1 = now_ns();
  call_all(calls, conformance_nsigs);
  t2 = now_ns();
  printf(" pass1_ns=%lld pass2_ns=%lld", t1 - t0, t2 - t1);
  print_mem(2);
  printf("\n");
  return 0;
}
