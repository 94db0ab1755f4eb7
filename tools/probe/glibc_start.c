/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Let the probe start on glibc older than the one it was built with, down
 * to the glibc floor (2.17, EL7, by default), like the shim
 * (lib/glibc_compat.h): it is run on the hosts the shim is installed on.
 *
 * The program startup code of glibc >= 2.34 (Scrt1.o) calls
 * __libc_start_main@GLIBC_2.34, which older glibc does not have. The link
 * (-Wl,--wrap=__libc_start_main, for glibc floors below 2.34 on the
 * architectures below, see meson.build) sends that call here instead, and
 * this calls the version every glibc of the architecture has: its base
 * version (GLIBC_2.2.5 x86_64, 2.17 aarch64, 2.27 riscv64, 2.2 s390x).
 * Not on ppc64le, whose __libc_start_main takes other arguments (the
 * probe there needs the glibc that built it, or newer).
 *
 * That new startup code also stopped passing the function that runs the
 * program's constructors (glibc >= 2.34 finds them itself; older glibc
 * runs nothing when given none). So when none is passed, run_init() is:
 * it runs the .init section and then .init_array, as the init function of
 * the old startup code did, and every glibc accepts it. .preinit_array
 * and the destructors need nothing: the dynamic linker runs them.
 */
#include <limits.h> /* any libc header: defines __GLIBC__ on glibc */
#include <stddef.h>

#include "../../lib/glibc_compat.h" /* RBDCOMPAT_GLIBC_BASE */

#if defined(__GLIBC__) && defined(RBDCOMPAT_GLIBC_BASE) &&              \
    (defined(__x86_64__) || defined(__aarch64__) || defined(__riscv) || \
     defined(__s390x__))

typedef void (*init_fn)(int, char **, char **);
typedef int (*main_fn)(int, char **, char **);

/* Defined by the linker's default script for executables. */
extern init_fn __init_array_start[] __attribute__((visibility("hidden")));
extern init_fn __init_array_end[] __attribute__((visibility("hidden")));
/* The .init section's function (crti.o); riscv64 has none. */
extern void _init(void) __attribute__((weak));

int rbdcompat_libc_start_main_base(main_fn main, int argc, char **argv,
                                   init_fn init, void (*fini)(void),
                                   void (*rtld_fini)(void), void *stack_end);
__asm__(".symver rbdcompat_libc_start_main_base,"
        " __libc_start_main@" RBDCOMPAT_GLIBC_BASE);

int __wrap___libc_start_main(main_fn main, int argc, char **argv, init_fn init,
                             void (*fini)(void), void (*rtld_fini)(void),
                             void *stack_end);

static void run_init(int argc, char **argv, char **envp)
{
  size_t i, n;

  if (_init)
    _init();
  n = (size_t)(__init_array_end - __init_array_start);
  for (i = 0; i < n; i++)
    __init_array_start[i](argc, argv, envp);
}

int __wrap___libc_start_main(main_fn main, int argc, char **argv, init_fn init,
                             void (*fini)(void), void (*rtld_fini)(void),
                             void *stack_end)
{
  return rbdcompat_libc_start_main_base(main, argc, argv,
                                        init ? init : run_init, fini, rtld_fini,
                                        stack_end);
}

#else
/* Nothing to do elsewhere; ISO C wants something in a translation unit. */
typedef int probe_glibc_start_unused;
#endif
