#!/usr/bin/python3
"""How the shim answers what Debian's consumers need and a vendor lacks.

  consumers.py TABLE_JSON VENDOR_LIBDIR [CONSUMER...]

TABLE_JSON: the function table with its decisions, as meson generates it
(gen/functable.py --emit json, tests/emulation/meson.build).

For each consumer (an ELF file): its undefined rbd_*/rados_* dynamic
symbols, those that VENDOR_LIBDIR's librbd.so.1/librados.so.2 do not
define, and for those the shim's decision from the function table
(emulated, stubbed, forwarded only) -- counted and listed."""
import glob
import json
import os
import subprocess
import sys

DEFAULT_CONSUMERS = [
    ("python3-rbd", "/usr/lib/python3/dist-packages/rbd.cpython-*.so"),
    ("python3-rados", "/usr/lib/python3/dist-packages/rados.cpython-*.so"),
    ("qemu block-rbd", "/usr/lib/x86_64-linux-gnu/qemu/block-rbd.so"),
    ("fio", "/usr/bin/fio"),
]


def dynsyms(path, defined):
    flag = "--defined-only" if defined else "--undefined-only"
    text = subprocess.run(["nm", "-D", flag, path], check=True,
                          capture_output=True, text=True).stdout
    names = set()
    for line in text.splitlines():
        name = line.split()[-1].split("@")[0]
        if name.startswith(("rbd_", "rados_")):
            names.add(name)
    return names


def main():
    table, vendor = sys.argv[1], sys.argv[2]
    with open(table) as f:
        rows = json.load(f)
    decision = {}
    for r in rows:
        decision.setdefault(r["name"], r["decision"])
    have = set()
    for lib in ("librbd.so.1", "librados.so.2"):
        have |= dynsyms(os.path.join(vendor, lib), True)
    consumers = [(os.path.basename(p), p) for p in sys.argv[3:]] or [
        (label, m) for label, pat in DEFAULT_CONSUMERS
        for m in sorted(glob.glob(pat))[:1]]
    total = {}
    for label, path in consumers:
        need = dynsyms(path, False)
        lacking = sorted(need - have)
        by = {}
        for n in lacking:
            by.setdefault(decision.get(n, "NOT IN TABLE"), []).append(n)
        for k, v in by.items():
            total[k] = total.get(k, set()) | set(v)
        print("%s: needs %d, the vendor lacks %d: %s" % (
            label, len(need), len(lacking),
            ", ".join("%d %s" % (len(v), k) for k, v in sorted(by.items()))
            or "-"))
        for k, v in sorted(by.items()):
            print("  %s: %s" % (k, " ".join(v)))
    print("all consumers: " + (", ".join(
        "%d %s" % (len(v), k) for k, v in sorted(total.items())) or "-"))
    return 1 if "NOT IN TABLE" in total else 0


if __name__ == "__main__":
    sys.exit(main())
