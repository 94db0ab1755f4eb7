/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "harness.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rbd/librbd.h>

/* Tests that reach the shim only through dlsym() still link it, as a
 * consumer would: this reference keeps it a DT_NEEDED under --as-needed. */
void (*volatile harness_anchor)(int *, int *, int *) = rbd_version;

static char capture_buf[1 << 16];
static int saved_fd = -1;
static FILE *capture_file;

const char *mock_path(const char *variant, const char *file)
{
  static char paths[4][4096];
  static int next;
  const char *dir = getenv("MOCK_DIR");
  char *p = paths[next++ % 4];

  ck_assert_msg(dir != NULL, "MOCK_DIR is not set (run through meson test)");
  snprintf(p, sizeof paths[0], "%s/%s/%s", dir, variant, file);
  return p;
}

void use_vendor(const char *rbd_variant, const char *rados_variant)
{
  if (rbd_variant)
    setenv("RBDCOMPAT_LIBRBD", mock_path(rbd_variant, "librbd.so.1"), 1);
  if (rados_variant)
    setenv("RBDCOMPAT_LIBRADOS", mock_path(rados_variant, "librados.so.2"), 1);
}

void capture_start(void)
{
  fflush(stderr);
  capture_file = tmpfile();
  ck_assert(capture_file != NULL);
  saved_fd = dup(STDERR_FILENO);
  dup2(fileno(capture_file), STDERR_FILENO);
}

const char *capture_stop(void)
{
  size_t n;

  fflush(stderr);
  dup2(saved_fd, STDERR_FILENO);
  close(saved_fd);
  rewind(capture_file);
  n = fread(capture_buf, 1, sizeof capture_buf - 1, capture_file);
  capture_buf[n] = '\0';
  fclose(capture_file);
  /* Show it in the test log too. */
  fputs(capture_buf, stderr);
  return capture_buf;
}

int count_lines(const char *text, const char *needle)
{
  int n = 0;
  const char *line = text;

  while (line && *line) {
    const char *end = strchr(line, '\n');
    size_t len = end ? (size_t)(end - line) : strlen(line);
    char buf[2048];

    if (len >= sizeof buf)
      len = sizeof buf - 1;
    memcpy(buf, line, len);
    buf[len] = '\0';
    if (strstr(buf, needle))
      n++;
    line = end ? end + 1 : NULL;
  }
  return n;
}

void *shim_handle(void)
{
  void *h = dlopen("librbdcompat.so.1", RTLD_NOW | RTLD_NOLOAD);

  ck_assert_msg(h != NULL, "librbdcompat.so.1 is not loaded: %s", dlerror());
  return h;
}

void *shim_entry(const char *name, const char *version)
{
  void *h = shim_handle();
  void *p;

  if (!version)
    p = dlsym(h, name);
  else if (!strcmp(version, "Base"))
    /* dlsym() prefers the hidden base definition where there is one. */
    p = dlsym(h, name);
  else
    p = dlvsym(h, name, version);
  ck_assert_msg(p != NULL, "the shim does not export %s%s%s", name,
                version ? "@" : "", version ? version : "");
  return p;
}

int run_suite(Suite *s)
{
  SRunner *sr = srunner_create(s);
  int failed;

  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
