#!/usr/bin/env bash
# The whole test suite. Installs what it needs (scripts/install-deps.sh),
# builds in build-test/, and runs:
#   - meson test: suite 'unit' (Check unit tests, libffi conformance over
#     every function, header comparisons, exports, installed pkg-config
#     consumer, fault tests, hot-path instruction ceiling, probe tool) and
#     suite 'cluster' (a real single-node Ceph cluster on 127.0.0.1: the
#     end-to-end consumers and the emulation comparisons; skipped with a
#     reason when the Ceph daemons are missing);
#   - the cross builds: unit suites under qemu-user (scripts/cross.sh);
#   - the sanitizer, valgrind, clang and musl variants (scripts/variants.sh);
#   - the Debian and RPM packages (scripts/package-check.sh).
# Ends with one line "test.sh: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")" || exit 1

scripts/install-deps.sh || exit 1
passed=0 failed=0 skipped=0

# Adds the results of one meson build dir's last test run.
count() {
  local log=$1/meson-logs/testlog.json p f s
  [[ -f $log ]] || return 0
  read -r p f s < <(/usr/bin/python3 -c '
import json, sys
p = f = s = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"): p += 1
    elif r == "SKIP": s += 1
    else: f += 1
print(p, f, s)' "$log")
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

step() {
  echo "== $*"
  "$@" || { echo "== FAILED: $*"; step_failed=1; }
}

step_failed=0
if [[ -f build-test/build.ninja ]]; then
  step meson setup --reconfigure build-test
else
  step meson setup build-test
fi
step ninja -C build-test
step meson test -C build-test --print-errorlogs --num-processes 2
count build-test

# Cross builds (scripts/cross.sh): the unit suites of aarch64, s390x and
# ppc64el under qemu-user (each test counts), riscv64 built and checked.
rm -rf build-cross-*/meson-logs/testlog.json
step scripts/cross.sh aarch64 s390x ppc64el riscv64
for dir in build-cross-*/; do
  count "${dir%/}"
done

# The variants run the unit suite again in build-variant-*/ (each test
# counts); the packages are one check.
rm -rf build-variant-*/meson-logs/testlog.json
# The probe suite runs in the main build only: under sanitizers its own
# start-up shim (tools/probe/glibc_start.c) and subprocess checks do not hold.
step env VARIANTS_TEST_ARGS="--no-suite probe" scripts/variants.sh all
for dir in build-variant-*/; do
  count "${dir%/}"
done
if scripts/package-check.sh all; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi
[[ $step_failed -eq 0 ]] || failed=$((failed + 1))

echo "test.sh: $passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
