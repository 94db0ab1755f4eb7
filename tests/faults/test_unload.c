/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A plugin that links the shim, loaded and unloaded 300 times with
 * dlopen()/dlclose() (a management agent reloading its storage module).
 * This program does not link the shim: each dlclose() may unload it, and
 * the next dlopen() load it afresh. Every cycle's calls must reach the
 * vendor, and nothing may pile up: heap, file descriptors, mappings.
 *
 * The shim is linked -z nodelete: once loaded it stays, so what it keeps
 * about each vendor library is kept once, not once per cycle.
 */
#include "faults.h"
#include "mock_vendor.h"

#include <check.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define WARMUP 10
#define CYCLES 300

static size_t heap_in_use(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  struct mallinfo2 mi = mallinfo2();

  return mi.uordblks + mi.hblkhd;
#else
  return 0; /* no mallinfo2; the leak checkers (valgrind, LSan) still see */
#endif
}

static int count_mappings(void)
{
  FILE *f = fopen("/proc/self/maps", "r");
  int n = 0, c;

  if (!f)
    return -1;
  while ((c = fgetc(f)) != EOF)
    n += c == '\n';
  fclose(f);
  return n;
}

static void one_cycle(long i)
{
  const char *module = getenv("CONSUMER_MODULE");
  void *h = dlopen(module, RTLD_NOW | RTLD_LOCAL);
  int (*call)(long);

  ck_assert_msg(h != NULL, "cycle %ld: %s", i, dlerror());
  *(void **)&call = dlsym(h, "consumer_call");
  ck_assert_ptr_nonnull(call);
  mock_reset();
  ck_assert_int_ne(call(i * 2), -ENOSYS);
  ck_assert_uint_eq(mock_last.args[0], (uint64_t)(i * 2 + 1));
  ck_assert_int_eq(dlclose(h), 0);
}

START_TEST(plugin_loaded_and_unloaded_three_hundred_times)
{
  char rbd[4096], rados[4096];
  size_t heap;
  int fds, maps;
  long i;
  void *shim;

  ck_assert_msg(getenv("CONSUMER_MODULE") && getenv("MOCK_DIR"),
                "run through meson test");
  snprintf(rbd, sizeof rbd, "%s/full/librbd.so.1", getenv("MOCK_DIR"));
  snprintf(rados, sizeof rados, "%s/full/librados.so.2", getenv("MOCK_DIR"));
  setenv("RBDCOMPAT_LIBRBD", rbd, 1);
  setenv("RBDCOMPAT_LIBRADOS", rados, 1);
  for (i = 0; i < WARMUP; i++)
    one_cycle(i);
  heap = heap_in_use();
  fds = fault_count_fds();
  maps = count_mappings();
  for (; i < WARMUP + fault_rounds(CYCLES); i++)
    one_cycle(i);
  shim = dlopen("librbdcompat.so.1", RTLD_NOW | RTLD_NOLOAD);
  printf("unload: after dlclose() the shim is %s\n",
         shim ? "still loaded" : "unloaded");
  printf("unload: heap in use grew by %lld bytes over %d cycles\n",
         (long long)heap_in_use() - (long long)heap, fault_rounds(CYCLES));
  ck_assert_int_eq(fault_count_fds(), fds);
  ck_assert_int_le(count_mappings(), maps + 8);
  ck_assert_msg(heap_in_use() < heap + 64 * 1024,
                "the heap grew by %zu bytes over %d load/unload cycles",
                heap_in_use() - heap, fault_rounds(CYCLES));
}
END_TEST

int main(void)
{
  Suite *s = suite_create("unload");
  TCase *tc = tcase_create("dlclose");
  SRunner *sr;
  int failed;

  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, plugin_loaded_and_unloaded_three_hundred_times);
  suite_add_tcase(s, tc);
  sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
