/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * minicheck: the part of the Check unit-test API that librbdcompat's tests
 * use, for building them with musl-gcc (Debian has no musl build of Check).
 * Same semantics where it matters to the tests: every test (every
 * iteration of a loop test) runs in a forked child in its own process
 * group, so each starts from a fresh process image with nothing resolved;
 * a child that fails an assertion, exits non-zero, is killed by a signal
 * or outlives its timeout (CK_DEFAULT_TIMEOUT, tcase_set_timeout,
 * CK_TIMEOUT_MULTIPLIER) is a failed test; CK_FORK=no runs tests in the
 * runner itself. Messages go to the runner's own copy of stderr, so a
 * test that redirects stderr does not swallow its failure.
 * Two additions, for what differs on musl (run.sh says why, per test):
 * MINICHECK_SKIP=name,... does not run those tests; MINICHECK_XFAIL=
 * name,... runs them and expects them to fail (known bugs): a failure is
 * shown and not counted, a pass counts as a failure (the bug is fixed:
 * take the name off the list).
 * Used by tests/platform/musl/run.sh only; the glibc builds use Check.
 */
#ifndef MINICHECK_CHECK_H
#define MINICHECK_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum print_output { CK_SILENT, CK_MINIMAL, CK_NORMAL, CK_VERBOSE, CK_ENV };

typedef struct Suite Suite;
typedef struct TCase TCase;
typedef struct SRunner SRunner;
typedef void (*SFun)(void);

struct mc_test {
  const char *name;
  void (*fn)(int);
};

#define START_TEST(name)                                        \
  static void name##_fn(int _i);                                \
  static const struct mc_test name##_mc = { #name, name##_fn }; \
  static const struct mc_test *const name = &name##_mc;         \
  static void name##_fn(int _i __attribute__((unused)))
#define END_TEST

Suite *suite_create(const char *name);
TCase *tcase_create(const char *name);
void suite_add_tcase(Suite *s, TCase *tc);
void tcase_set_timeout(TCase *tc, double seconds);
void tcase_add_checked_fixture(TCase *tc, SFun setup, SFun teardown);
void tcase_add_unchecked_fixture(TCase *tc, SFun setup, SFun teardown);
void mc_add_test(TCase *tc, const struct mc_test *t, int start, int end);
#define tcase_add_test(tc, t) mc_add_test((tc), (t), 0, 1)
#define tcase_add_loop_test(tc, t, s, e) mc_add_test((tc), (t), (s), (e))

SRunner *srunner_create(Suite *s);
void srunner_add_suite(SRunner *sr, Suite *s);
void srunner_run_all(SRunner *sr, enum print_output print_mode);
int srunner_ntests_failed(SRunner *sr);
int srunner_ntests_run(SRunner *sr);
void srunner_free(SRunner *sr);

/* A failed assertion: report and end the test (never returns). */
void mc_fail(const char *file, int line, const char *expr, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 4, 5)));

#define ck_assert_msg(expr, ...) \
  ((expr) ? (void)0 : mc_fail(__FILE__, __LINE__, #expr, __VA_ARGS__))
#define ck_assert(expr) \
  ((expr) ? (void)0 : mc_fail(__FILE__, __LINE__, #expr, "%s", ""))
#define ck_abort_msg(...) mc_fail(__FILE__, __LINE__, "ck_abort", __VA_ARGS__)
#define ck_abort() mc_fail(__FILE__, __LINE__, "ck_abort", "%s", "")

#define mc_cmp(T, F, X, OP, Y)                             \
  do {                                                     \
    T mc_x_ = (T)(X);                                      \
    T mc_y_ = (T)(Y);                                      \
    if (!(mc_x_ OP mc_y_))                                 \
      mc_fail(__FILE__, __LINE__, #X " " #OP " " #Y,       \
              #X " == " F ", " #Y " == " F, mc_x_, mc_y_); \
  } while (0)

#define ck_assert_int_eq(X, Y) mc_cmp(intmax_t, "%jd", X, ==, Y)
#define ck_assert_int_ne(X, Y) mc_cmp(intmax_t, "%jd", X, !=, Y)
#define ck_assert_int_lt(X, Y) mc_cmp(intmax_t, "%jd", X, <, Y)
#define ck_assert_int_le(X, Y) mc_cmp(intmax_t, "%jd", X, <=, Y)
#define ck_assert_int_gt(X, Y) mc_cmp(intmax_t, "%jd", X, >, Y)
#define ck_assert_int_ge(X, Y) mc_cmp(intmax_t, "%jd", X, >=, Y)
#define ck_assert_uint_eq(X, Y) mc_cmp(uintmax_t, "%ju", X, ==, Y)
#define ck_assert_uint_ne(X, Y) mc_cmp(uintmax_t, "%ju", X, !=, Y)
#define ck_assert_uint_lt(X, Y) mc_cmp(uintmax_t, "%ju", X, <, Y)
#define ck_assert_uint_le(X, Y) mc_cmp(uintmax_t, "%ju", X, <=, Y)
#define ck_assert_uint_gt(X, Y) mc_cmp(uintmax_t, "%ju", X, >, Y)
#define ck_assert_uint_ge(X, Y) mc_cmp(uintmax_t, "%ju", X, >=, Y)
#define ck_assert_ptr_eq(X, Y) mc_cmp(const void *, "%p", X, ==, Y)
#define ck_assert_ptr_ne(X, Y) mc_cmp(const void *, "%p", X, !=, Y)
#define ck_assert_ptr_null(X) ck_assert_ptr_eq(X, NULL)
#define ck_assert_ptr_nonnull(X) ck_assert_ptr_ne(X, NULL)

#define mc_str(X, OP, Y)                                                   \
  do {                                                                     \
    const char *mc_x_ = (X), *mc_y_ = (Y);                                 \
    if (!mc_x_ || !mc_y_ || !(strcmp(mc_x_, mc_y_) OP 0))                  \
      mc_fail(__FILE__, __LINE__, #X " " #OP " " #Y,                       \
              #X " == \"%s\", " #Y " == \"%s\"", mc_x_ ? mc_x_ : "(null)", \
              mc_y_ ? mc_y_ : "(null)");                                   \
  } while (0)
#define ck_assert_str_eq(X, Y) mc_str(X, ==, Y)
#define ck_assert_str_ne(X, Y) mc_str(X, !=, Y)

#endif
