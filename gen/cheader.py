"""Split a C header into preprocessor lines, statements and annotations.

This is deliberately a small parser for the regular shape of the Ceph C
headers (and of ours): one declaration per statement, no function bodies,
no K&R prototypes. It is not a C parser; anything it does not understand
in a function declaration is reported, never guessed.
"""
import re

# "/* since 14.2.0; key: value */" directly before a declaration.
ANNOT_RE = re.compile(r'/\*\s*(since\s+[^*]*?)\s*\*/')


class Item:
    """kind is 'pp' (preprocessor line), 'stmt' (ends in ';'), 'raw'."""

    def __init__(self, kind, text, line, annot=None):
        self.kind, self.text, self.line, self.annot = kind, text, line, annot

    def __repr__(self):
        return f'Item({self.kind}, {self.text!r}, line {self.line})'


def _strip_comments(src):
    """Blank out comments (keeping newlines and annotation comments)."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == '\\' else 1
            out.append(src[i:j + 1])
            i = j + 1
        elif src.startswith('//', i):
            j = src.find('\n', i)
            j = n if j < 0 else j
            i = j
        elif src.startswith('/*', i):
            j = src.find('*/', i + 2)
            j = n if j < 0 else j + 2
            m = ANNOT_RE.fullmatch(src[i:j])
            if m:
                out.append('\x00' + m.group(1) + '\x00')
            else:
                out.append('\n' * src.count('\n', i, j) or ' ')
            i = j
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def split(src):
    """Return the header's items in order."""
    text = _strip_comments(src)
    items, pending, pline, depth, annot = [], [], 1, 0, None
    lines = text.split('\n')
    i = 0
    while i < len(lines):
        raw = lines[i]
        lineno = i + 1
        while '\x00' in raw:
            a, b, rest = raw.split('\x00', 2)
            annot = b
            raw = a + rest
        if not pending and raw.lstrip().startswith('#'):
            full = raw
            while full.endswith('\\') and i + 1 < len(lines):
                i += 1
                full = full[:-1] + ' ' + lines[i]
            items.append(Item('pp', ' '.join(full.split()), lineno))
            i += 1
            continue
        if pending and raw.lstrip().startswith('#') and depth == 0:
            items.append(Item('raw', ' '.join(' '.join(pending).split()), pline))
            pending = []
            continue
        if not pending and raw.strip() in ('extern "C" {', '}'):
            # The C++ linkage wrapper: not a statement, and its brace must
            # not count as nesting.
            items.append(Item('raw', raw.strip(), lineno))
            i += 1
            continue
        seg = raw
        while seg:
            if not pending and not seg.strip():
                break
            if not pending:
                pline = lineno
            cut = None
            for k, ch in enumerate(seg):
                if ch == '{':
                    depth += 1
                elif ch == '}':
                    depth -= 1
                elif ch == ';' and depth == 0:
                    cut = k
                    break
            if cut is None:
                pending.append(seg)
                break
            pending.append(seg[:cut + 1])
            items.append(Item('stmt', ' '.join(' '.join(pending).split()),
                              pline, annot))
            annot, pending, seg = None, [], seg[cut + 1:]
        i += 1
    if pending and ''.join(pending).strip():
        items.append(Item('raw', ' '.join(' '.join(pending).split()), pline))
    return items


FUNC_NAME_RE = re.compile(r'\b((?:rbd|rados)_\w+)\s*\($')


def _match_paren(s, start):
    depth = 0
    for k in range(start, len(s)):
        if s[k] == '(':
            depth += 1
        elif s[k] == ')':
            depth -= 1
            if depth == 0:
                return k
    raise ValueError('unbalanced parentheses: ' + s)


def split_params(params):
    """Split a parameter list at top-level commas."""
    out, depth, cur = [], 0, ''
    for ch in params:
        if ch in '([':
            depth += 1
        elif ch in ')]':
            depth -= 1
        if ch == ',' and depth == 0:
            out.append(cur.strip())
            cur = ''
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def parse_function(stmt):
    """Parse 'API ret name(params) attrs;' or return None if not a function.

    Returns dict(name, ret, params=[str], attrs, api).
    """
    s = stmt.rstrip(';').strip()
    if s.startswith('typedef') or '(' not in s:
        return None
    # The declarator is the first '(' preceded by an rbd_/rados_ name.
    for m in re.finditer(r'\(', s):
        head = s[:m.start() + 1]
        fm = FUNC_NAME_RE.search(head)
        if fm:
            break
    else:
        return None
    name = fm.group(1)
    pre = s[:fm.start()].strip()
    close = _match_paren(s, m.start())
    params = split_params(s[m.start() + 1:close])
    attrs = s[close + 1:].strip()
    api = None
    for tag in ('CEPH_RBD_API', 'CEPH_RADOS_API'):
        if pre.startswith(tag):
            api, pre = tag, pre[len(tag):].strip()
    if params == ['void']:
        params = []
    return {'name': name, 'ret': pre, 'params': params, 'attrs': attrs,
            'api': api}
