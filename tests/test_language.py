"""One language at a time: help, messages and errors in Swedish or English, never mixed.

The sentences of each language come from the catalogue itself (tests/language.py); every
command run anywhere in the suite is checked too (tests/conftest.py). Here: the help of every
command in both languages (one fresh process a language: help is built at import), the
message paths in both languages, how the language is chosen, and that every key the code
asks for exists.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from avlastning_cli import i18n
from avlastning_cli.cli import app
from tests.conftest import PROTOCOLS, REPO
from tests.language import foreign, sentences_only_in

runner = CliRunner()
COMMANDS = [info.name or "" for info in app.registered_commands]
#: Words that only English text has; a Swedish message with one of them was never translated.
ENGLISH = re.compile(r"\b(the|is|are|not|and|with|file|found|missing|cannot|could|must)\b", re.I)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("AVLASTNING_LANG", "LANGUAGE")}
    env.update({"PYTHONPATH": str(REPO), "LANG": "C.UTF-8", "COLUMNS": "100"}, **extra)
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    return env


def _help(args: list[str], **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "avlastning_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(**env),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _first_words(key: str, lang: str) -> str:
    text = " ".join(i18n.tr(key, lang).split())
    return text.split(". ")[0][:40]


#: Prints the help of the app and of every command, as JSON, from one fresh process (help is
#: built at import, in the language the environment says).
_ALL_HELP = """
import json, sys
from typer.testing import CliRunner
from avlastning_cli.cli import app
runner = CliRunner()
names = [info.name for info in app.registered_commands]
out = {name: runner.invoke(app, [name, "--help"], prog_name="avlastning").output for name in names}
out[""] = runner.invoke(app, ["--help"], prog_name="avlastning").output
sys.stdout.write(json.dumps(out))
"""


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_help_of_every_command_speaks_one_language(lang: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _ALL_HELP],
        capture_output=True,
        encoding="utf-8",
        env=_env(AVLASTNING_LANG=lang),
        timeout=60,
        check=True,
    )
    helps: dict[str, str] = json.loads(done.stdout)
    top = helps.pop("")
    assert _first_words("cli.app.help", lang) in " ".join(top.split())
    assert _first_words("click.help_option", lang) in top
    assert foreign(top, lang) == []
    assert sorted(helps) == sorted(COMMANDS)
    for name, text in helps.items():
        key = f"cli.{name.replace('-', '_')}.help"
        assert i18n.has(key, lang), f"`{name}` has no help in the catalogue ({key})"
        assert _first_words(key, lang) in " ".join(text.split()), (name, text)
        assert _first_words("click.usage", lang) in text
        assert foreign(text, lang) == [], (name, foreign(text, lang))


def test_a_commands_own_lang_option_sets_the_language_of_its_help() -> None:
    for lang in i18n.LANGUAGES:
        text = _help(
            ["card", "--lang", lang, "--help"], AVLASTNING_LANG="sv" if lang == "en" else "en"
        )
        assert _first_words("cli.card.help", lang) in " ".join(text.split())


@pytest.mark.parametrize(
    ("env", "args", "lang"),
    [
        ({}, [], "sv"),
        ({"AVLASTNING_LANG": "en"}, [], "en"),
        ({"LANG": "en_GB.UTF-8"}, [], "en"),
        ({"LANG": "sv_SE.UTF-8"}, [], "sv"),
        ({"LANG": "en_GB.UTF-8", "AVLASTNING_LANG": "sv"}, [], "sv"),
        ({"AVLASTNING_LANG": "en"}, ["--lang", "sv"], "sv"),
        ({}, ["-l", "en"], "en"),
    ],
    ids=["default", "env", "locale", "sv-locale", "env-over-locale", "flag-over-env", "short"],
)
def test_how_the_language_is_chosen(env: dict[str, str], args: list[str], lang: str) -> None:
    text = _help([*args, "--help"], **env)
    assert _first_words("cli.app.help", lang) in " ".join(text.split())
    assert foreign(text, lang) == []


def test_resolve_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("AVLASTNING_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert i18n.resolve() == "sv"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.resolve() == "en"
    monkeypatch.setenv("LC_ALL", "sv_SE.UTF-8")  # LC_ALL overrides LANG
    assert i18n.resolve() == "sv"
    monkeypatch.setenv("AVLASTNING_LANG", "en")
    assert i18n.resolve() == "en"
    assert i18n.resolve("sv") == "sv"
    assert i18n.resolve("fr") == "en"  # an unknown --lang is reported by the command itself
    assert i18n.argv_language(["run", "--lang=en"]) == "en"
    assert i18n.argv_language(["run", "-l", "sv", "--help"]) == "sv"
    assert i18n.argv_language(["run", "--", "--lang", "en"]) is None


# --- the message paths, in both languages -------------------------------------------------


def _broken(tmp_path: Path) -> dict[str, Path]:
    sv = (PROTOCOLS / "avlastningssamtal.sv.yaml").read_text(encoding="utf-8")
    files = {
        "typo": sv.replace("duration_minutes: 30", "duraton_minutes: 30"),
        "syntax": sv.replace('title: "Avlastningssamtal"', 'title: "Avlastningssamtal'),
        "types": sv.replace("duration_minutes: 30", "duration_minutes: x").replace(
            "review_by: 2027-11-01", "review_by: snart"
        ),
        "refs": sv.replace("contact: emergency", "contact: emergancy").replace(
            "  - id: introductions\n", "  - id: purpose\n"
        ),
        "list": "- a\n- b\n",
        "empty": "",
        "answers": "participant: 3\nsecond_leader: kanske\n",
    }
    out = {}
    for name, text in files.items():
        out[name] = tmp_path / f"{name}.yaml"
        out[name].write_text(text, encoding="utf-8")
    return out


PATHS: dict[str, list[str]] = {
    "validate-typo": ["validate", "{typo}"],
    "validate-syntax": ["validate", "{syntax}"],
    "validate-types": ["validate", "{types}"],
    "validate-refs": ["validate", "{refs}"],
    "validate-list": ["validate", "{list}"],
    "validate-empty": ["validate", "{empty}"],
    "validate-missing": ["validate", "{tmp}/nope.yaml"],
    "validate-strict": ["validate", "--strict", str(PROTOCOLS / "avlastningssamtal.sv.yaml")],
    "unknown-protocol": ["checklist", "avlastningsamtal"],
    "unknown-language": ["checklist", "--lang", "fr"],
    "pdf-without-o": ["card", "-f", "pdf"],
    "unknown-suffix": ["card", "-o", "{tmp}/kort.doc"],
    "unknown-format": ["card", "-f", "doc"],
    "exists": ["new", "{typo}"],
    "new": ["new", "{tmp}/ny.yaml"],
    "written": ["checklist", "-o", "{tmp}/lista.md"],
    "not-held-reason": ["not-held", "--reason", "held_latr", "--out", "{tmp}"],
    "not-held-future": ["not-held", "--reason", "other", "--date", "2999-01-01"],
    "not-held-bad-date": ["not-held", "--date", "2020-13-01"],
    "not-held-no-terminal": ["not-held", "--out", "{tmp}"],
    "not-held": ["not-held", "--reason", "other", "--out", "{tmp}"],
    "stats-none": ["stats", "{tmp}"],
    "stats-missing": ["stats", "{tmp}/nowhere"],
    "stats-since": ["stats", "--since", "igår", "{tmp}"],
    "stats-format": ["stats", "--format", "xml", "{tmp}"],
    "stats-min-group": ["stats", "--min-group", "0", "{tmp}"],
    "answers-bad": ["run", "--answers", "{answers}", "--out", "{tmp}"],
    "answers-missing": ["run", "--answers", "{tmp}/inga.yaml"],
    "no-terminal": ["run"],
    "run": ["run", "--answers", "{empty}", "--out", "{tmp}"],
    "rehearse": ["rehearse", "--answers", "{empty}"],
    "resume-nothing": ["resume"],
    "resume-discard": ["resume", "--discard"],
    "scrub-missing": ["scrub", "{tmp}/inget.txt"],
    "missing-argument": ["stats"],
    "no-such-option": ["run", "--bogus"],
    "no-such-command": ["bogus"],
    "misspelt-command": ["chekclist"],
}


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("name", list(PATHS))
def test_message_paths_speak_one_language(tmp_path: Path, name: str, lang: str) -> None:
    files = _broken(tmp_path)
    args = [a.format(tmp=tmp_path, **files) for a in PATHS[name]]
    result = runner.invoke(app, args, env={"AVLASTNING_LANG": lang, "AVLASTNING_ASSUME_TTY": "0"})
    assert "Traceback" not in result.output
    output = result.output.replace(str(tmp_path), "DIR").replace(str(PROTOCOLS), "DIR")
    assert output.strip(), name
    assert foreign(output, lang) == []
    if lang == "sv":
        output = output.replace("not-held", "")  # the command's own name
        lines = [line for line in output.splitlines() if ENGLISH.search(line)]
        assert lines == [], f"English words in a Swedish message: {lines}"


# --- the catalogue covers what the code asks for ------------------------------------------


def _asked_for() -> list[tuple[str, str, bool]]:
    """(where, key, is_prefix) for every key the package asks the catalogue for: tr()/ntr()
    with a literal (an f-string gives a prefix), and labels looked up as L["key"]."""
    found = []
    for path in sorted((REPO / "avlastning_cli").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.relative_to(REPO)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("tr", "ntr"):
                for arg in node.args[: 2 if node.func.id == "ntr" else 1]:  # type: ignore[attr-defined]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.append((where, arg.value, False))
                    elif isinstance(arg, ast.JoinedStr) and arg.values:
                        head = arg.values[0]
                        if isinstance(head, ast.Constant):
                            found.append((where, str(head.value), True))
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.slice, ast.Constant)
                and isinstance(node.slice.value, str)
                and (
                    getattr(node.value, "id", None) == "L"
                    or getattr(node.value, "attr", None) == "L"
                )
            ):
                found.append((where, f"ui.{node.slice.value}", False))
    return found


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    asked = _asked_for()
    assert len(asked) > 200  # the scan sees the code
    for lang in i18n.LANGUAGES:
        keys = [k for k in i18n.catalogue(lang)._catalog if isinstance(k, str)]  # type: ignore[attr-defined]
        plural = {k[0] for k in i18n.catalogue(lang)._catalog if isinstance(k, tuple)}  # type: ignore[attr-defined]
        missing = [
            (where, key)
            for where, key, prefix in asked
            if not (
                any(k.startswith(key) for k in keys)
                if prefix
                else key in keys or key in plural or key.removesuffix("#plural") in plural
            )
        ]
        assert missing == [], f"keys missing from the {lang} catalogue: {missing}"


def test_each_language_has_its_own_sentences() -> None:
    """The check above can fail: each language has plenty the other never says."""
    assert len(sentences_only_in("sv")) > 200 and len(sentences_only_in("en")) > 200
    assert foreign("Inget inbyggt protokoll heter 'x', och det finns ingen sådan fil.", "en") != []


#: Errors whose message the user reads; their text must come from the catalogue.
USER_ERRORS = {"UserError", "NotFoundError", "PrivacyError", "NoTerminalError", "ExportUsageError"}


def _words(node: ast.expr) -> bool:
    """A literal (or f-string) with at least two words of letters: a sentence in code."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    else:
        return False
    if text.startswith("avlastning "):  # a command to type, the same in every language
        return False
    return len(re.findall(r"[A-Za-zÅÄÖåäö]{2,}", text)) >= 2


def test_no_message_is_written_in_code() -> None:
    """User errors and located issues take their words from the catalogue, never a literal."""
    found = []
    for path in sorted((REPO / "avlastning_cli").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            args = node.args
            if name in USER_ERRORS:
                texts = args[:2]
            elif name == "issue":  # source.issue(path, message)
                texts = args[1:2]
            elif name == "Issue":  # Issue(location, path, message)
                texts = args[2:3]
            else:
                continue
            found += [f"{path.relative_to(REPO)}:{node.lineno}" for a in texts if _words(a)]
    assert found == [], f"messages written in code instead of the catalogue: {found}"
