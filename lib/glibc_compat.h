/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Keep a glibc build loadable on the oldest glibc of its floor
 * (meson -Dglibc_floor, default 2.17: EL7), whatever glibc builds it.
 *
 * glibc 2.34 moved dlopen() and friends from libdl into libc under new
 * symbol versions (GLIBC_2.34). Below a 2.34 floor the shim binds the
 * original versions instead: new glibc keeps them as compat symbols in
 * libc, old glibc has them in libdl.so.2, which the shim then links (see
 * meson.build). With a floor of 2.34 or newer (RBDCOMPAT_GLIBC_DL_IN_LIBC)
 * the default GLIBC_2.34 versions in libc.so.6 are bound and no libdl.so.2
 * is needed.
 *
 * The original version of a symbol is the newer of the release that added
 * it and the architecture's base version, the first glibc that supported
 * the architecture at all: 2.2.5 on x86_64, 2.2 on s390x, 2.17 on aarch64
 * and ppc64le, 2.27 on riscv64. An architecture not listed here binds the
 * default versions (its build loads on the glibc that built it or newer).
 */
#ifndef RBDCOMPAT_GLIBC_COMPAT_H
#define RBDCOMPAT_GLIBC_COMPAT_H

#include <features.h>

#if defined(__GLIBC__)
#if defined(__x86_64__) && !defined(__ILP32__)
#define RBDCOMPAT_GLIBC_BASE "GLIBC_2.2.5"
#define RBDCOMPAT_GLIBC_2_3_2 "GLIBC_2.3.2"
#define RBDCOMPAT_GLIBC_2_3_3 "GLIBC_2.3.3"
#elif defined(__s390x__)
#define RBDCOMPAT_GLIBC_BASE "GLIBC_2.2"
#define RBDCOMPAT_GLIBC_2_3_2 "GLIBC_2.3.2"
#define RBDCOMPAT_GLIBC_2_3_3 "GLIBC_2.3.3"
#elif defined(__aarch64__) && !defined(__ILP32__)
#define RBDCOMPAT_GLIBC_BASE "GLIBC_2.17"
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#define RBDCOMPAT_GLIBC_BASE "GLIBC_2.17"
#elif defined(__riscv) && __riscv_xlen == 64
#define RBDCOMPAT_GLIBC_BASE "GLIBC_2.27"
#endif
#if defined(RBDCOMPAT_GLIBC_BASE) && !defined(RBDCOMPAT_GLIBC_2_3_2)
#define RBDCOMPAT_GLIBC_2_3_2 RBDCOMPAT_GLIBC_BASE
#define RBDCOMPAT_GLIBC_2_3_3 RBDCOMPAT_GLIBC_BASE
#endif
#endif

#if defined(RBDCOMPAT_GLIBC_BASE) && !defined(RBDCOMPAT_GLIBC_DL_IN_LIBC) && \
    !defined(RBDCOMPAT_NO_GLIBC_COMPAT)
__asm__(".symver dlopen, dlopen@" RBDCOMPAT_GLIBC_BASE);
__asm__(".symver dlsym, dlsym@" RBDCOMPAT_GLIBC_BASE);
__asm__(".symver dlvsym, dlvsym@" RBDCOMPAT_GLIBC_BASE);
__asm__(".symver dlerror, dlerror@" RBDCOMPAT_GLIBC_BASE);
__asm__(".symver dladdr, dladdr@" RBDCOMPAT_GLIBC_BASE);
__asm__(".symver dlclose, dlclose@" RBDCOMPAT_GLIBC_BASE);
__asm__(".symver dlinfo, dlinfo@" RBDCOMPAT_GLIBC_2_3_3);
#endif

/* memcpy at x86_64's base version, not GLIBC_2.14 (the one that stopped
 * working as memmove): a symbol version less for the dynamic linker to
 * check in every process that loads the shim (README, Benchmarks). */
#if defined(__GLIBC__) && defined(__x86_64__) && !defined(__ILP32__) && \
    !defined(RBDCOMPAT_NO_GLIBC_COMPAT)
__asm__(".symver memcpy, memcpy@GLIBC_2.2.5");
#endif

#endif
