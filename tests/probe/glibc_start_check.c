/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tools/probe/glibc_start.c runs the program's constructors itself when
 * the startup code passes none: this program, linked the way the probe is,
 * checks that its .preinit_array entry (run by the dynamic linker) and its
 * constructor each ran once, in that order, the first with main's
 * arguments. Exit 0 when they did.
 */
#include <stdio.h>
#include <string.h>

static int order[4], n, pre_argc;

static void pre(int argc, char **argv, char **envp)
{
  (void)argv;
  (void)envp;
  pre_argc = argc;
  if (n < 4)
    order[n++] = 1;
}

__attribute__((section(".preinit_array"),
               used)) static void (*const pre_entry)(int, char **,
                                                     char **) = pre;

__attribute__((constructor)) static void ctor(void)
{
  if (n < 4)
    order[n++] = 2;
}

int main(int argc, char **argv)
{
  (void)argv;
  if (n != 2 || order[0] != 1 || order[1] != 2 || pre_argc != argc) {
    printf("FAIL: ran %d initialisers (preinit argc %d, main argc %d)\n", n,
           pre_argc, argc);
    return 1;
  }
  printf("ok: .preinit_array, then the constructor\n");
  return 0;
}
