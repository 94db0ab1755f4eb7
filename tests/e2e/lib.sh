# shellcheck shell=bash
# Helpers of the end-to-end runner (sourced by run.sh): result lines and
# counting, bounded commands, and the checks of the shim's stderr.

E2E_PASSED=0
E2E_FAILED=0
E2E_SKIPPED=0
E2E_NCHECK=0
# Every external command of a check is bounded by this many seconds.
E2E_STEP_TIMEOUT=${E2E_STEP_TIMEOUT:-180}

pass() { echo "PASS: $*"; E2E_PASSED=$((E2E_PASSED + 1)); }
fail() { echo "FAIL: $*"; E2E_FAILED=$((E2E_FAILED + 1)); }
skip() { echo "SKIP: $*"; E2E_SKIPPED=$((E2E_SKIPPED + 1)); }
note() { echo "NOTE: $*"; }

# t CMD...: CMD bounded in time (a hung client must not hang the run).
t() { timeout -k 10 "$E2E_STEP_TIMEOUT" "$@"; }

# check DESC FUNC [ARGS...]
# Runs FUNC in a subshell under errexit, in a scratch directory of its own
# ($CW, also the current directory) that keeps its output (log). FUNC may
# write a one-line summary to "$SUMMARY"; it is appended to the PASS line.
# On failure the tail of the log is shown.
check() {
    local desc=$1 cw log summary t0 secs rc
    shift
    E2E_NCHECK=$((E2E_NCHECK + 1))
    cw=$E2E_WORK/checks/$(printf '%02d' "$E2E_NCHECK")
    mkdir -p "$cw"
    log=$cw/log
    summary=$cw/summary
    : >"$summary"
    t0=$SECONDS
    # errexit inside: any failing command fails the check. (Not as an `if`
    # condition: there bash would ignore errexit in the whole subshell.)
    (
        set -e
        cd "$cw"
        SUMMARY=$summary CW=$cw "$@"
    ) >"$log" 2>&1
    rc=$?
    secs=$((SECONDS - t0))
    if ((rc == 0)); then
        if [[ -s $summary ]]; then
            pass "$desc: $(head -n 1 "$summary") (${secs}s)"
        else
            pass "$desc (${secs}s)"
        fi
    else
        fail "$desc (log $log)"
        tail -n 25 "$log" | sed 's/^/    | /'
    fi
}

# summary TEXT: the detail a passing check reports.
summary() { echo "$*" >"${SUMMARY:?summary outside a check}"; }

# expect_fail_with PATTERN CMD...: CMD must fail and its output match the
# extended regex PATTERN (the failure the shim exists for). Prints the
# matching line, which becomes the summary.
expect_fail_with() {
    local pattern=$1 out rc=0
    shift
    out=$(t "$@" 2>&1) || rc=$?
    echo "$out"
    if ((rc == 0)); then
        echo "expected a failure, but it succeeded"
        return 1
    fi
    if ! grep -Eq -- "$pattern" <<<"$out"; then
        echo "failed (status $rc), but not with /$pattern/"
        return 1
    fi
    summary "$(grep -Eo -m 1 -- "$pattern" <<<"$out")"
}

# The names in the shim's "NAME is missing from ..." warnings of LOG.
warned_names() {
    sed -nE 's/^rbdcompat: ([A-Za-z0-9_]+)(@[A-Za-z0-9_.]+)? is (missing from|unavailable|disabled).*/\1/p' "$1"
}

# shim_log LOG VENDOR_LIBRBD VENDOR_LIBRADOS [REQUIRED...]
# Checks what the shim said on stderr (run with RBDCOMPAT_LOG=debug):
#  - it loaded VENDOR_LIBRBD (the calls went through the shim to it);
#  - no vendor library failed to load;
#  - every REQUIRED function was warned about, and no function twice;
#  - every function it called missing is really absent from the vendor
#    library (VENDOR_LIBRBD for rbd_*, VENDOR_LIBRADOS for rados_*).
shim_log() {
    local log=$1 rbd=$2 rados=$3 name lib n bad=0
    shift 3
    if ! grep -qxF "rbdcompat: loaded $rbd" "$log"; then
        echo "shim_log: the shim did not load $rbd; it said:"
        grep '^rbdcompat: \(loaded\|cannot\|refusing\)' "$log" || echo "  (nothing)"
        return 1
    fi
    if grep -E '^rbdcompat: (cannot load|refusing)' "$log"; then
        echo "shim_log: a vendor library could not be loaded"
        return 1
    fi
    for name in "$@"; do
        n=$(warned_names "$log" | grep -cxF "$name" || true)
        if ((n != 1)); then
            echo "shim_log: $n warnings for $name, want exactly 1"
            bad=1
        fi
    done
    for name in $(warned_names "$log" | sort | uniq -d); do
        echo "shim_log: more than one warning for $name"
        bad=1
    done
    for name in $(warned_names "$log" | sort -u); do
        case $name in rados_*) lib=$rados ;; *) lib=$rbd ;; esac
        if nm -D --defined-only "$lib" | awk '{print $NF}' | grep -qxE "$name(@.*)?"; then
            echo "shim_log: $name was called missing, but $lib defines it"
            bad=1
        fi
    done
    ((bad == 0)) || return 1
    grep -E '^rbdcompat: [A-Za-z0-9_@.]+ is ' "$log" | sed 's/^/  warned: /' || true
}

# answers_match OUT LOG: each "newer: FN: ANSWER" line a program printed
# agrees with what the shim's warning for FN says it does (an emulation
# answers, a stub gives ENOSYS or, for void functions, does nothing).
answers_match() {
    local out=$1 log=$2 fn answer warning bad=0
    while read -r fn answer; do
        fn=${fn%:}
        warning=$(grep -E "^rbdcompat: $fn(@[A-Za-z0-9_.]+)? is " "$log" | head -n 1)
        case $answer in
        -ENOSYS | ENOSYS) [[ $warning == *"returns -ENOSYS"* ]] ;;
        answered) [[ $warning == *"emulated"* ]] ;;
        returned) [[ $warning == *"does nothing"* || $warning == *"emulated"* ]] ;;
        *) false ;;
        esac || {
            echo "answers_match: $fn answered '$answer' but the shim said: ${warning:-nothing}"
            bad=1
        }
    done < <(sed -n 's/^newer: //p' "$out")
    ((bad == 0))
}

# needed_libs FILE: its DT_NEEDED entries, one a line.
needed_libs() {
    readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

# rbd_cli ARGS...: the system's rbd CLI (Pacific, C++ API, no shim) for
# setting up and for independent checks of what the shim's users wrote.
rbd_cli() { t /usr/bin/rbd -c "$CEPH_CONF" "$@"; }

# run_client NAME CMD...: runs CMD with RBDCOMPAT_LOG=debug, bounded in
# time; its stdout goes to NAME.out and its stderr to NAME.err, and both
# are copied into the check's log, without the shim's per-function debug lines.
run_client() {
    local name=$1 rc=0
    shift
    RBDCOMPAT_LOG=debug t "$@" >"$name.out" 2>"$name.err" || rc=$?
    echo "== $name: $* (status $rc)"
    cat "$name.out"
    grep -v '^rbdcompat: [A-Za-z0-9_@.]* -> ' "$name.err" | tail -n 60 || true
    return "$rc"
}

# verified NAME LAST VERSION VENDOR_RBD VENDOR_RADOS [REQUIRED...]
# The run_client NAME printed its LAST line (all steps passed) and the
# librbd VERSION that answered; the shim's stderr passes shim_log and
# answers_match. Writes the check's summary.
verified() {
    local name=$1 last=$2 version=$3 rbd=$4 rados=$5 warned
    shift 5
    grep -qxF "$last" "$name.out" || { echo "no '$last' line"; return 1; }
    grep -qE "librbd version ${version//./\\.}([^0-9.]|$)" "$name.out" ||
        { echo "the librbd that answered is not $version"; return 1; }
    shim_log "$name.err" "$rbd" "$rados" "$@"
    answers_match "$name.out" "$name.err"
    warned=$(warned_names "$name.err" | sort -u | paste -sd' ' -)
    summary "$(grep -c '^ok:' "$name.out") steps, librbd $version = $(short "$rbd")${warned:+; warned once: $warned}"
}

# short PATH: its last three components, for result lines.
short() { echo "${1#"${1%/*/*/*}"/}"; }
