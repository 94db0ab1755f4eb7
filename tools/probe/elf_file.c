/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading a whole file for the ELF reader. read(), not mmap(): a file that
 * shrinks while it is being looked at must give an error, not SIGBUS.
 */
#include "elf_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Far above any librbd or Go binary; stops a device or a huge file from
 * being read into memory by mistake. */
#define MAX_FILE_SIZE ((off_t)1 << 31)

static int slurp(int fd, off_t size, unsigned char **out, size_t *len,
                 char *err, size_t errlen)
{
  unsigned char *buf = malloc(size ? (size_t)size : 1);
  size_t got = 0;

  if (!buf) {
    snprintf(err, errlen, "out of memory reading %lld bytes", (long long)size);
    return -1;
  }
  while (got < (size_t)size) {
    ssize_t n = read(fd, buf + got, (size_t)size - got);

    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      snprintf(err, errlen, "cannot read: %s", strerror(errno));
      free(buf);
      return -1;
    }
    if (n == 0)
      break; /* it shrank: parse what there is */
    got += (size_t)n;
  }
  *out = buf;
  *len = got;
  return 0;
}

/* What kind of file fd is, without fstat(): stat64/fstat64 are symbols of
 * glibc 2.33, and the probe must run on glibc 2.17 (see glibc_start.c).
 * Returns its size, or -1 with err saying why it cannot be read. */
static off_t regular_size(int fd, char *err, size_t errlen)
{
  off_t end = lseek(fd, 0, SEEK_END);
  char c;
  ssize_t n;

  if (end < 0) {
    snprintf(err, errlen, "%s", errno == ESPIPE ? "not a regular file"
             : strerror(errno));
    return -1;
  }
  if (lseek(fd, 0, SEEK_SET) < 0 || (n = read(fd, &c, 1)) < 0) {
    snprintf(err, errlen, "%s", errno == EISDIR ? "is a directory"
             : strerror(errno));
    return -1;
  }
  if (end == 0) {
    /* A device that reads as data but has no size: not a file. */
    snprintf(err, errlen, "%s", n ? "not a regular file"
             : "empty file: not an ELF file");
    return -1;
  }
  if (end > MAX_FILE_SIZE) {
    snprintf(err, errlen, "too large (%lld bytes) for an executable or a"
             " library", (long long)end);
    return -1;
  }
  if (lseek(fd, 0, SEEK_SET) < 0) {
    snprintf(err, errlen, "%s", strerror(errno));
    return -1;
  }
  return end;
}

int elf_file_open(const char *path, struct elf_file *f, char *err,
                  size_t errlen)
{
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
  rc = slurp(fd, size, &f->data, &f->len, err, errlen);
  close(fd);
  if (rc)
    return -1;
  if (elf_read(f->data, f->len, &f->info, err, errlen) != ELF_OK) {
    free(f->data);
    f->data = NULL;
    return -1;
  }
  return 0;
}

void elf_file_close(struct elf_file *f)
{
  elf_info_free(&f->info);
  free(f->data);
  f->data = NULL;
}
