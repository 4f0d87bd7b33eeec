"""Keep the gettext catalogue (sv and en) in shape: compile, check, add, absorb.

    python tools/catalogue.py compile        # .po -> .mo (commit both)
    python tools/catalogue.py check          # what the tests check: every entry in both, .mo fresh
    python tools/catalogue.py add FILE.py    # add/update entries from a dict literal (see below)
    python tools/catalogue.py absorb         # move words added to ui/labels.py's SV/EN into the .po

An ``add`` file holds one dict literal: ``{"key": ("svenska", "English"), ...}``; a plural entry
is ``("key", "key_plural"): (("sv en", "sv flera"), ("en one", "en many"))``.
Needs Babel (in the test extra); the tool itself never imports it at run time.
"""

from __future__ import annotations

import ast
import io
import sys
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "avlastning_cli" / "locale"
LANGUAGES = ("sv", "en")
DOMAIN = "avlastning"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="avlastning", fuzzy=False)
    with path.open("rb") as fp:
        return read_po(fp, locale=lang, domain=DOMAIN)


HEADER = """\
# The tool's own words in {name} (help, messages, errors, prompts, export headings).
# Message ids are stable keys; every entry needs a text in sv and en (tests/test_catalogue.py).
# After editing: python tools/catalogue.py compile
#"""


def write(lang: str, catalog: Catalog) -> None:
    catalog.header_comment = HEADER.format(name={"sv": "Swedish", "en": "English"}[lang])
    catalog.project = "avlastning"
    catalog.version = ""
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "avlastning developers"
    catalog.language_team = {"sv": "Swedish", "en": "English"}[lang]
    buf = io.BytesIO()
    write_po(buf, catalog, width=96, sort_output=False, omit_header=False)
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def compiled(lang: str) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, read(lang), use_fuzzy=False)
    return buf.getvalue()


def stale(lang: str) -> bool:
    """Whether the committed .mo says something other than its .po (compared by content, so a
    different Babel version writing a different header does not count)."""
    import gettext

    with mo_path(lang).open("rb") as fp:
        loaded = gettext.GNUTranslations(fp)._catalog  # type: ignore[attr-defined]
    want: dict[Any, str] = {}
    for m in read(lang):
        if not m.id:
            continue
        if isinstance(m.id, str):
            want[m.id] = m.string
        else:
            want |= {(m.id[0], i): s for i, s in enumerate(m.string)}
    return {k: v for k, v in loaded.items() if k != ""} != want


def compile_all() -> None:
    for lang in LANGUAGES:
        mo_path(lang).write_bytes(compiled(lang))


def messages(lang: str) -> dict[str, Any]:
    """``{msgid: msgstr}`` of ``lang`` (plural entries keyed by their singular id, a tuple)."""
    return {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in read(lang) if m.id}


def add(entries: dict[Any, Any]) -> None:
    for i, lang in enumerate(LANGUAGES):
        catalog = read(lang)
        for key, texts in entries.items():
            existing = catalog.get(key if isinstance(key, str) else key[0])
            if existing is not None:
                existing.id, existing.string = key, texts[i]
            else:
                catalog.add(key, texts[i])
        write(lang, catalog)
    compile_all()


def problems() -> list[str]:
    """Entries missing or empty in a language, or whose {fields} differ between languages."""
    import string

    found: list[str] = []
    by_lang = {lang: messages(lang) for lang in LANGUAGES}
    keys = set().union(*by_lang.values())
    for key in sorted(keys):
        forms = []
        for lang in LANGUAGES:
            text = by_lang[lang].get(key)
            texts = list(text) if isinstance(text, tuple) else [text]
            if any(not t for t in texts):
                found.append(f"{key}: no {lang} text")
            forms.append({f for t in texts if t for _, f, _, _ in string.Formatter().parse(t) if f})
        if forms[0] != forms[1]:
            found.append(f"{key}: fields differ between sv {forms[0]} and en {forms[1]}")
    return found


def absorb() -> None:
    """Words other branches put in ``ui/labels.py`` (``SV``/``EN``) become ``ui.KEY`` entries."""
    sys.path.insert(0, str(ROOT))
    from avlastning_cli.ui.labels import EN, SV

    entries = {f"ui.{k}": (SV[k], EN.get(k, "")) for k in SV}
    entries |= {f"ui.{k}": (SV.get(k, ""), EN[k]) for k in EN if k not in SV}
    add(entries)
    print(f"{len(entries)} entries absorbed; now empty SV and EN in avlastning_cli/ui/labels.py.")


def main(argv: list[str]) -> int:
    verb = argv[0] if argv else "check"
    if verb == "compile":
        compile_all()
    elif verb == "add":
        add(ast.literal_eval(Path(argv[1]).read_text(encoding="utf-8")))
    elif verb == "absorb":
        absorb()
    elif verb == "check":
        stale_mo = [lang for lang in LANGUAGES if stale(lang)]
        found = problems() + [
            f"{lang}: the .mo differs from the .po (compile it)" for lang in stale_mo
        ]
        print("\n".join(found) or "ok")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
