"""The protocol cache: a file that validated before loads from it, equal in every field to a
full validation; an edited, broken or damaged one never comes from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from avlastning_cli.cli import app
from avlastning_cli.errors import ProtocolError
from avlastning_cli.protocol import cache, loader
from tests.conftest import PROTOCOLS

runner = CliRunner()
BUNDLED = sorted(PROTOCOLS.glob("*.yaml"))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("AVLASTNING_CACHE_DIR", str(folder))
    return folder


def same(a: Any, b: Any, where: str = "protocol") -> None:
    """Equal values of the same types, and the same fields marked as set, all the way down."""
    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set, where
        for name in type(a).model_fields:
            same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


def no_full_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("read and validated in full, not taken from the cache")

    monkeypatch.setattr(loader, "read_protocol", refuse)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_a_cached_protocol_equals_a_full_validation(
    path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full, _ = loader.read_protocol(path)
    same(loader.load_protocol(path), full)  # validated, then stored
    assert len(list(cache_dir.iterdir())) == 1
    no_full_read(monkeypatch)
    same(loader.load_protocol(path), full)  # from the cache


def test_an_edited_file_is_validated_again(tmp_path: Path, cache_dir: Path) -> None:
    path = tmp_path / "mitt.yaml"
    text = (PROTOCOLS / "avlastningssamtal.sv.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert loader.load_protocol(path).title == "Avlastningssamtal"
    path.write_text(text.replace('title: "Avlastningssamtal"', 'title: "Vårt samtal"', 1), "utf-8")
    assert loader.load_protocol(path).title == "Vårt samtal"
    path.write_text(text.replace("duration_minutes: 30", "duration_minutes: 3"), "utf-8")
    with pytest.raises(ProtocolError, match=r"mitt\.yaml:\d+:\d+: duration_minutes"):
        loader.load_protocol(path)


def test_a_broken_file_is_never_cached_and_keeps_its_location(
    tmp_path: Path, cache_dir: Path
) -> None:
    path = tmp_path / "trasig.yaml"
    text = (PROTOCOLS / "avlastningssamtal.sv.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("duration_minutes: 30", "duraton_minutes: 30"), "utf-8")
    for _ in range(2):
        with pytest.raises(ProtocolError, match=r"trasig\.yaml:\d+:1: duraton_minutes"):
            loader.load_protocol(path)
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_a_damaged_cache_entry_falls_back_to_the_file(cache_dir: Path) -> None:
    path = PROTOCOLS / "stodsamtal.en.yaml"
    full = loader.load_protocol(path)
    (entry,) = cache_dir.iterdir()
    for damage in ('{"id": "stodsamtal"', '{"sections": 3}', "[]", ""):
        entry.write_text(damage, encoding="utf-8")
        same(loader.load_protocol(path), full)


def test_a_change_to_the_validating_code_misses(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = PROTOCOLS / "stodsamtal.sv.yaml"
    loader.load_protocol(path)
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: b"another version")
    no_full_read(monkeypatch)
    with pytest.raises(AssertionError, match="not taken from the cache"):
        loader.load_protocol(path)


@pytest.mark.parametrize("setting", ["off", "file"])
def test_no_cache_or_an_unusable_one_still_loads(
    setting: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("AVLASTNING_CACHE_DIR", "off" if setting == "off" else str(blocker))
    path = PROTOCOLS / "avlastningssamtal.en.yaml"
    for _ in range(2):
        assert loader.load_protocol(path).id == "avlastningssamtal"
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_validate_reports_a_cached_file_as_ok(tmp_path: Path, cache_dir: Path) -> None:
    path = tmp_path / "mitt.yaml"
    path.write_bytes((PROTOCOLS / "avlastningssamtal.sv.yaml").read_bytes())
    for _ in range(2):
        result = runner.invoke(app, ["validate", str(path)])
        assert result.exit_code == 0, result.output
        assert "ok (avlastningssamtal 1.0, sv)" in result.output
    assert len(list(cache_dir.iterdir())) == 1
