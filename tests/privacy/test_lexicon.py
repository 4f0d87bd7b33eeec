"""The word lists keep the shape the scrubber's look-ups rely on."""

from __future__ import annotations

from avlastning_cli.privacy import lexicon


def test_common_words_are_lower_case_and_come_back_from_a_capital() -> None:
    """capitalised_common() looks a capitalised word up by its lower case, which finds every
    common word only while each is lower case and lowers back from its capitalised form."""
    odd = [w for w in lexicon.common_words() if w != w.lower() or w.capitalize().lower() != w]
    assert odd == []


def test_capitalised_common_words_but_not_names() -> None:
    assert lexicon.capitalised_common("Patienten")
    assert lexicon.capitalised_common("Det")
    assert not lexicon.capitalised_common("det")  # not capitalised
    assert not lexicon.capitalised_common("PATIENTEN")
    assert not lexicon.capitalised_common("Anna")  # a name
    assert not lexicon.capitalised_common("Xyzzyq")  # no word
