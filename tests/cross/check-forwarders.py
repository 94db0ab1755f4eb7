#!/usr/bin/env python3
"""Check the instructions of every exported forwarder of a built library.

With assembly forwarders (gen/forwarders.py) every exported function must
be exactly its architecture's sequence (after a landing pad, endbr64 or
bti c, in a build with branch protection): a load of its slot through one
scratch register that no calling convention uses for arguments and an
indirect branch through it, no stack access. With typed C forwarders there
is no fixed sequence: the instruction counts are reported (minimum, median,
maximum, how many touch the stack) and nothing fails.

  check-forwarders.py [--objdump OBJDUMP] --arch CPU_FAMILY
      --forwarders asm|typed|auto LIB

Prints one summary line; exit 1 on a forwarder that differs.
"""
import argparse
import re
import subprocess
import sys

# Per meson cpu_family: the mnemonics in order, a pattern every operand
# string must match (the scratch register), and what a stack access looks
# like in objdump's syntax.
EXPECTED = {
    'x86_64': ([['jmp']], r'^\*0x[0-9a-f]+\(%rip\)', r'%[re]?sp|%rbp|push|pop'),
    'aarch64': ([['adrp', 'ldr', 'br'], ['ldr', 'br']], r'^x16\b',
                r'\bsp\b|x29|\bstp\b|\bldp\b'),
    'riscv64': ([['auipc', 'ld', 'jr']], r'^t1\b', r'\bsp\b|\bs0\b'),
    's390x': ([['larl', 'lg', 'br']], r'^%r1\b', r'%r15|%r11|stmg|lmg'),
}


# Branch-protection landing pads a build may put first (gen/forwarders.py).
LANDING_PADS = {'endbr64', 'bti'}


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True,
                          text=True).stdout


def forwarders(lib):
    """Address -> (size, names) of the defined dynamic functions."""
    out = run(['readelf', '-W', '--dyn-syms', lib])
    funcs = {}
    for line in out.splitlines():
        # The name and section index are the last two fields (ppc64 puts
        # "[<localentry>: 8]" before them).
        f = line.split()
        if len(f) >= 8 and f[3] == 'FUNC' and f[-2] != 'UND' and \
                re.match(r'^(rbd|rados)_', f[-1]):
            addr, size = int(f[1], 16), int(f[2], 0)
            funcs.setdefault(addr, [size, []])[1].append(f[-1])
    return funcs


def instructions(objdump, lib):
    """Address -> (mnemonic, operands) of .text."""
    insns = {}
    out = run([objdump, '-d', '--no-show-raw-insn', '-j', '.text', lib])
    for line in out.splitlines():
        m = re.match(r'^\s*([0-9a-f]+):\s+(\S+)\s*(.*)$', line)
        if m:
            # Drop objdump's comments (x86 "# addr", aarch64 "// #imm",
            # "<symbol>"), keep immediates ("[x16, #144]").
            ops = re.sub(r'\s*(<[^>]*>|//.*|\s#\s.*)$', '', m.group(3))
            ops = re.sub(r'\s*<[^>]*>', '', ops).strip()
            insns[int(m.group(1), 16)] = (m.group(2), ops)
    return insns


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--objdump', default='objdump')
    ap.add_argument('--arch', required=True)
    ap.add_argument('--forwarders', default='auto')
    ap.add_argument('lib')
    a = ap.parse_args()
    funcs = forwarders(a.lib)
    insns = instructions(a.objdump, a.lib)
    if not funcs:
        sys.exit('check-forwarders: no exported rbd_/rados_ functions in %s'
                 % a.lib)
    seqs = {}
    for addr, (size, names) in sorted(funcs.items()):
        seqs[names[0]] = [insns[x] for x in sorted(insns)
                          if addr <= x < addr + size]
    # ppc64's stack pointer is r1.
    stack_re = EXPECTED.get(a.arch, (None, None, r'\(r1\)|\bsp\b'))[2]
    counts = sorted(len(s) for s in seqs.values())
    touch = sum(any(re.search(stack_re, m + ' ' + o) for m, o in s)
                for s in seqs.values())
    if a.forwarders == 'typed' or a.arch not in EXPECTED:
        print('check-forwarders: %s typed C forwarders: %d functions,'
              ' %d-%d instructions (median %d), %d touch the stack' % (
                  a.arch, len(seqs), counts[0], counts[-1],
                  counts[len(counts) // 2], touch))
        return 0
    shapes, reg, _ = EXPECTED[a.arch]
    bad = []
    for name, s in sorted(seqs.items()):
        body = s[1:] if s and s[0][0] in LANDING_PADS else s
        mnems = [m for m, _ in body]
        if mnems not in shapes or \
                not all(re.search(reg, o) for _, o in body) or \
                any(re.search(stack_re, m + ' ' + o) for m, o in s):
            bad.append('%s: %s' % (name, '; '.join(
                '%s %s' % mo for mo in s)))
    shape = ' ; '.join('%s %s' % mo for mo in seqs[sorted(seqs)[0]])
    if bad:
        print('check-forwarders: %s: %d of %d forwarders differ from %s:'
              % (a.arch, len(bad), len(seqs),
                 ' or '.join('; '.join(x) for x in shapes)))
        for b in bad[:20]:
            print('  ' + b)
        return 1
    print('check-forwarders: %s: all %d forwarders are %d instructions'
          ' (e.g. %s), no stack access' % (a.arch, len(seqs), counts[0],
                                            shape))
    return 0


if __name__ == '__main__':
    sys.exit(main())
