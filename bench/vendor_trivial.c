/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The benchmarks' vendor librbd.so.1: the one function they call, doing
 * next to nothing, so that what is timed is the call itself and not the
 * work behind it. (The test suite's mock vendor records every argument in
 * another library: far too heavy to see a one-instruction difference.)
 *
 * rbd_version is also the function the shim probes to accept a file as a
 * librbd, so this one definition is all the shim needs.
 */
#include <rbd/librbd.h> /* the prototype, so that it cannot drift */

void rbd_version(int *major, int *minor, int *extra)
{
  *major = 1;
  *minor = 20;
  *extra = 0;
}
