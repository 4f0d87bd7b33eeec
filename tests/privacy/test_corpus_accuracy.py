"""The scrubber meets its accuracy targets on the seeded corpus (timing is not asserted here)."""

from __future__ import annotations

import pytest

from avlastning_cli.privacy import lexicon

from .corpus import Report, clean_sentences, evaluate, generate, heldout_names, standard_corpus


@pytest.fixture(scope="module")
def report() -> Report:
    sentences, clean = standard_corpus()
    return evaluate(sentences, clean)


def test_corpus_is_large_enough() -> None:
    assert len(generate("sv", 2000)) == 2000
    assert len(generate("en", 1000)) == 1000
    assert len(clean_sentences("sv")) + len(clean_sentences("en")) >= 300
    assert len(heldout_names()) >= 300


def test_corpus_spans_point_at_the_data() -> None:
    for s in generate("sv", 200) + generate("en", 100):
        for it in s.items:
            piece = s.text[it.start : it.end]
            assert piece and piece == piece.strip(), (s.text, it)


def test_heldout_names_are_not_in_the_shipped_lists() -> None:
    shipped = lexicon.first_names() | lexicon.surnames()
    assert not set(heldout_names()) & shipped


def test_corpus_is_deterministic() -> None:
    assert [s.text for s in generate("sv", 50)] == [s.text for s in generate("sv", 50)]


@pytest.mark.parametrize("typ", ["id_number", "phone", "email"])
def test_recall_is_total_for_numbers_and_email(report: Report, typ: str) -> None:
    assert report.recall[typ] == 1.0, report.misses[typ][:10]


def test_recall_known_names(report: Report) -> None:
    assert report.recall["name_known"] >= 0.97, report.misses["name_known"][:20]


def test_recall_heldout_names(report: Report) -> None:
    assert report.recall["name_heldout"] >= 0.90, report.misses["name_heldout"][:20]


def test_precision_overall(report: Report) -> None:
    assert report.precision["overall"] >= 0.95


def test_few_clean_sentences_change(report: Report) -> None:
    assert report.clean_changed <= 0.03, report.clean_changed_examples


def test_emergency_numbers_never_masked(report: Report) -> None:
    assert report.safe_numbers_masked == []
