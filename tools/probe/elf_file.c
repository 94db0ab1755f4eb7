/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Opening an ELF file for the reader. The file is mapped, not read: only
 * the pages the reader looks at (headers, dynamic segment, symbol and
 * version tables) are ever read, whatever the file's size. What the report
 * keeps (names) is copied out and the file unmapped before returning, and
 * a file that shrinks while it is being read gives an error instead of
 * SIGBUS (a handler catches it for the duration).
 */
#include "elf_file.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* What kind of file fd is, without fstat(): stat64/fstat64 are symbols of
 * glibc 2.33, and the probe must run on glibc 2.17 (see glibc_start.c).
 * Returns its size, or -1 with err saying why it cannot be read. */
static off_t regular_size(int fd, char *err, size_t errlen)
{
  off_t end = lseek(fd, 0, SEEK_END);
  char c;
  ssize_t n;

  if (end < 0) {
    snprintf(err, errlen, "%s",
             errno == ESPIPE ? "not a regular file" : strerror(errno));
    return -1;
  }
  if (lseek(fd, 0, SEEK_SET) < 0 || (n = read(fd, &c, 1)) < 0) {
    snprintf(err, errlen, "%s",
             errno == EISDIR ? "is a directory" : strerror(errno));
    return -1;
  }
  if (end == 0) {
    /* A device that reads as data but has no size: not a file. */
    snprintf(err, errlen, "%s",
             n ? "not a regular file" : "empty file: not an ELF file");
    return -1;
  }
  return end;
}

static sigjmp_buf shrunk;

static void on_sigbus(int sig)
{
  (void)sig;
  siglongjmp(shrunk, 1);
}

/* Length of the string s, or 0 for NULL (with room for its NUL). */
static size_t room(const char *s)
{
  return s ? strlen(s) + 1 : 0;
}

static const char *keep(char **arena, const char *s)
{
  char *d = *arena;

  if (!s)
    return NULL;
  memcpy(d, s, strlen(s) + 1);
  *arena += strlen(s) + 1;
  return d;
}

/* Copy every string f->info points to into f->data, so that the file
 * can be unmapped. */
static int copy_strings(struct elf_file *f)
{
  struct elf_info *in = &f->info;
  size_t need = room(in->soname), i;
  char *a;

  for (i = 0; i < in->nneeded; i++)
    need += room(in->needed[i]);
  for (i = 0; i < in->nundef; i++)
    need += room(in->undef[i].name) + room(in->undef[i].version) +
            room(in->undef[i].file);
  for (i = 0; i < in->nverneed; i++)
    need += room(in->verneed[i].file) + room(in->verneed[i].version);
  for (i = 0; i < in->nverdef; i++)
    need += room(in->verdef[i]);
  f->data = malloc(need ? need : 1);
  if (!f->data)
    return -1;
  a = (char *)f->data;
  in->soname = keep(&a, in->soname);
  for (i = 0; i < in->nneeded; i++)
    in->needed[i] = keep(&a, in->needed[i]);
  for (i = 0; i < in->nundef; i++) {
    in->undef[i].name = keep(&a, in->undef[i].name);
    in->undef[i].version = keep(&a, in->undef[i].version);
    in->undef[i].file = keep(&a, in->undef[i].file);
  }
  for (i = 0; i < in->nverneed; i++) {
    in->verneed[i].file = keep(&a, in->verneed[i].file);
    in->verneed[i].version = keep(&a, in->verneed[i].version);
  }
  for (i = 0; i < in->nverdef; i++)
    in->verdef[i] = keep(&a, in->verdef[i]);
  return 0;
}

int elf_file_open(const char *path, struct elf_file *f, char *err,
                  size_t errlen)
{
  struct sigaction sa, old;
  void *map;
  off_t size;
  int fd, rc;

  memset(f, 0, sizeof *f);
  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    snprintf(err, errlen, "%s", strerror(errno));
    return -1;
  }
  size = regular_size(fd, err, errlen);
  if (size < 0) {
    close(fd);
    return -1;
  }
  if ((uint64_t)size > SIZE_MAX) {
    snprintf(err, errlen, "too large (%lld bytes) to map", (long long)size);
    close(fd);
    return -1;
  }
  map = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map == MAP_FAILED) {
    snprintf(err, errlen, "cannot map it: %s", strerror(errno));
    return -1;
  }
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigbus;
  sigaction(SIGBUS, &sa, &old);
  if (sigsetjmp(shrunk, 1)) {
    snprintf(err, errlen, "it shrank while it was being read");
    elf_info_free(&f->info);
    rc = -1;
  } else {
    rc = elf_read(map, (size_t)size, &f->info, err, errlen) == ELF_OK ? 0 : -1;
    if (!rc && copy_strings(f)) {
      snprintf(err, errlen, "out of memory");
      elf_info_free(&f->info);
      rc = -1;
    }
  }
  sigaction(SIGBUS, &old, NULL);
  munmap(map, (size_t)size);
  f->len = (size_t)size;
  return rc;
}

void elf_file_close(struct elf_file *f)
{
  elf_info_free(&f->info);
  free(f->data);
  f->data = NULL;
}
