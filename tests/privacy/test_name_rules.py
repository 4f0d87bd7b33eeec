"""Each rule of ``names.find_names`` on its own: the verdict it gives one word of a sentence."""

from __future__ import annotations

import pytest

from avlastning_cli.privacy import names


def verdict(rule: names.Rule, text: str, word: str) -> bool | None:
    t = names.Tokens(text)
    t.prepare()
    return rule(t, t.words.index(word))


@pytest.mark.parametrize(
    ("rule", "text", "word", "expected"),
    [
        (names.rule_placeholder, "Det var [NAMN] som ringde.", "NAMN", False),
        (names.rule_placeholder, "Det var Anna som ringde.", "Anna", None),
        (names.rule_all_caps, "Det var OMAR som ringde.", "OMAR", True),
        (names.rule_all_caps, "Vi ringde IVA direkt.", "IVA", False),
        (names.rule_all_caps, "Det var Omar.", "Omar", None),
        (names.rule_lower_after_context, "Kollegan fatima grät.", "fatima", True),
        (names.rule_lower_after_context, "Kollegan var ledsen.", "var", False),
        (names.rule_after_context, "Kollegan Vilja grät.", "Vilja", True),
        (names.rule_after_context, "Sedan grät Vilja.", "Vilja", None),
        (names.rule_ordinary_start, "Patienten sov.", "Patienten", False),
        (names.rule_ordinary_start, "Sedan kom Patienten.", "Patienten", None),
        (names.rule_blocked, "Vi åkte till Sahlgrenska sjukhuset.", "Sahlgrenska", False),
        (names.rule_blocked, "Vi åkte med Anna.", "Anna", None),
        (names.rule_known_name, "Vi pratade med Ebba.", "Ebba", True),
        (names.rule_known_name, "Vi pratade med Qwzx.", "Qwzx", None),
        (names.rule_known_word_name, "Sedan kom Bo in.", "Bo", True),
        (names.rule_known_word_name, "Bo hemma i morgon.", "Bo", False),
        (names.rule_unknown_word, "Vi pratade med Tesfalem.", "Tesfalem", True),
        (names.rule_unknown_word, "Tesfalem ringde.", "Tesfalem", True),
        (names.rule_unknown_word, "Qx ringde.", "Qx", False),
    ],
)
def test_rule_alone(rule: names.Rule, text: str, word: str, expected: bool | None) -> None:
    assert verdict(rule, text, word) is expected


def test_the_first_rule_with_an_opinion_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    t = names.Tokens("Vi pratade med Ebba.")
    t.prepare()
    assert names.decide(t, 3) is True
    rules = (("no opinion", lambda t, i: None), ("no", lambda t, i: False), *names.RULES)
    monkeypatch.setattr(names, "RULES", rules)
    assert names.decide(t, 3) is False
