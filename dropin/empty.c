/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Deliberately empty: the glue libraries and the -vendor stubs define
 * nothing. What the glue is made of is its dynamic section: its SONAME
 * (librbd.so.1 or librados.so.2), DT_NEEDED [librbdcompat.so.1,
 * librbd-vendor.so.1] (or librados-vendor.so.2), and a RUNPATH naming the
 * vendor directory. See dropin/meson.build.
 */
typedef int rbdcompat_glue_is_empty;
