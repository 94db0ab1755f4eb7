# shellcheck shell=bash
# What the shim does not cover, said on every run (no result counted).

rbd_cli_note() {
    local n
    n=$(nm -D --undefined-only /usr/bin/rbd 2>/dev/null | grep -c ' _ZN6librbd' || true)
    note "the rbd CLI (/usr/bin/rbd) calls librbd's C++ API ($n symbols of namespace librbd), which librbdcompat does not export: it is not a consumer of the shim (the checks use it only to set up and to cross-check data)"
}
rbd_cli_note
