/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * call_loop N: times the first call of rbd_version() in a fresh process,
 * then N more calls, and prints
 *   version=MAJOR.MINOR.EXTRA first_ns=T per_call_ns=T
 *
 * The same source is linked several ways (bench/meson.build): straight to
 * the benchmark vendor, to an auxiliary filter of it, to librbdcompat, to
 * the system librbd. Only the binding of rbd_version differs, so the
 * difference of the figures is what the binding costs.
 *
 * rbd_version() is called because it is harmless against any librbd, the
 * real one included (no cluster, no handle), and the version it reports
 * tells which library answered: the shim's emulation says 0.0.0.
 */
#include <rbd/librbd.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long now_ns(void)
{
  struct timespec ts;

  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The measured loop, a function of its own and never inlined: callgrind
 * counts exactly its instructions (--toggle-collect=bench_loop). */
__attribute__((noinline)) void bench_loop(unsigned long n);

void bench_loop(unsigned long n)
{
  int major, minor, extra;
  unsigned long i;

  for (i = 0; i < n; i++)
    rbd_version(&major, &minor, &extra);
}

int main(int argc, char **argv)
{
  unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 0;
  int major = -1, minor = -1, extra = -1;
  long long t0, t1, t2, t3;

  /* Bind clock_gettime before timing anything with it. */
  (void)now_ns();
  t0 = now_ns();
  rbd_version(&major, &minor, &extra);
  t1 = now_ns();
  /* The second call is the first one through the stored slot; keep it out
   * of the loop so that the loop sees only steady state. */
  bench_loop(1);
  t2 = now_ns();
  bench_loop(n);
  t3 = now_ns();
  printf("version=%d.%d.%d first_ns=%lld per_call_ns=%.4f\n", major, minor,
         extra, t1 - t0, n ? (double)(t3 - t2) / (double)n : 0.0);
  return 0;
}
