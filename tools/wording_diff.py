"""Every changed, added or removed string of the bundled protocols, old -> new, by YAML path.

Lists of items with ids are paired by id; lists of plain strings are aligned with difflib,
so an inserted tip shows as one addition instead of shifting every later tip.
"""

import difflib
import sys
from pathlib import Path

import yaml

SKIP = {"id", "kind", "type", "language", "contact", "section", "question", "equals"}


def norm(s):
    return " ".join(s.split())


def diff(old, new, path, out):
    if isinstance(old, dict) or isinstance(new, dict):
        old, new = old or {}, new or {}
        for k in list(old) + [k for k in new if k not in old]:
            if k in SKIP:
                continue
            diff(old.get(k), new.get(k), f"{path}.{k}" if path else k, out)
    elif isinstance(old, list) or isinstance(new, list):
        old, new = old or [], new or []
        if all(isinstance(x, dict) and "id" in x for x in old + new):
            ob = {x["id"]: x for x in old}
            nb = {x["id"]: x for x in new}
            for i in list(ob) + [i for i in nb if i not in ob]:
                diff(ob.get(i), nb.get(i), f"{path}[{i}]", out)
            return
        a = [norm(x) if isinstance(x, str) else repr(x) for x in old]
        b = [norm(x) if isinstance(x, str) else repr(x) for x in new]
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
            None, a, b, autojunk=False
        ).get_opcodes():
            if tag == "equal":
                continue
            pairs = max(i2 - i1, j2 - j1)
            for n in range(pairs):
                x = a[i1 + n] if i1 + n < i2 else None
                y = b[j1 + n] if j1 + n < j2 else None
                where = f"{path}[{(j1 + n) if y is not None else (i1 + n)}]"
                emit(x, y, where, out)
    else:
        x = norm(old) if isinstance(old, str) else (None if old is None else str(old))
        y = norm(new) if isinstance(new, str) else (None if new is None else str(new))
        if x != y:
            emit(x, y, path, out)


def emit(x, y, where, out):
    if x is None:
        out.append(f"+ `{where}`: {y}")
    elif y is None:
        out.append(f"- `{where}`: {x}")
    else:
        out.append(f"~ `{where}`:\n    - old: {x}\n    - new: {y}")


old_dir, new_dir = Path(sys.argv[1]), Path(sys.argv[2])
for new in sorted(new_dir.glob("*.yaml")):
    out: list[str] = []
    diff(
        yaml.safe_load((old_dir / new.name).read_text("utf-8")),
        yaml.safe_load(new.read_text("utf-8")),
        "",
        out,
    )
    print(f"\n### {new.name} ({len(out)} changes)\n")
    print("\n".join(out))
