"""The one catalogue: complete in both languages, compiled, and the only place for UI words."""

from __future__ import annotations

import pytest

from avlastning_cli.ui import labels
from tools import catalogue


def test_every_entry_has_both_languages_with_the_same_fields() -> None:
    assert catalogue.problems() == []


@pytest.mark.parametrize("lang", catalogue.LANGUAGES)
def test_the_committed_mo_is_the_compiled_po(lang: str) -> None:
    assert not catalogue.stale(lang), "run: python tools/catalogue.py compile"


def test_a_missing_translation_is_found(tmp_path, monkeypatch) -> None:
    po = catalogue.po_path("en").read_text(encoding="utf-8")
    target = tmp_path / "en" / "LC_MESSAGES" / "avlastning.po"
    target.parent.mkdir(parents=True)
    target.write_text(
        po.replace('msgid "ui.go_on"\nmsgstr "Go on"', 'msgid "ui.go_on"\nmsgstr ""'),
        encoding="utf-8",
    )
    sv = catalogue.po_path("sv")
    monkeypatch.setattr(catalogue, "po_path", lambda lang: target if lang == "en" else sv)
    assert catalogue.problems() == ["ui.go_on: no en text"]


def test_no_words_wait_outside_the_catalogue() -> None:
    assert not labels.SV and not labels.EN, (
        "words were added to ui/labels.py: run `python tools/catalogue.py absorb`, "
        "then empty SV and EN there"
    )
