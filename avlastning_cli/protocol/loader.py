"""Load a protocol file: safe YAML, pydantic validation, cross-checks, located errors."""

from __future__ import annotations

import contextlib
import difflib
import os
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from avlastning_cli.errors import Issue, ProtocolError
from avlastning_cli.protocol import models as m

if TYPE_CHECKING:  # yamlsrc imports PyYAML, which a cached protocol does not need
    from avlastning_cli.yamlsrc import PathT, Source

HINT = "Fix the lines above and run `avlastning validate FILE` again."


def load_protocol(path: Path, *, organisation: bool = True) -> m.Protocol:
    """Read and validate a protocol file, or raise :class:`ProtocolError` with every problem.

    A file whose exact bytes validated before is rebuilt from the cache (see
    :mod:`avlastning_cli.protocol.cache`); any other is read and validated in full.
    With ``organisation`` (the default), the organisation's own contacts, saved with
    ``avlastning anpassa``, are then put in the protocol's ``<fyll i: …>`` places (after the
    cache, so a changed organisation file shows at once).
    """
    protocol = _load_cached(path)
    if not organisation:
        return protocol
    from avlastning_cli.organisation.slots import fill
    from avlastning_cli.organisation.store import load_values

    return fill(protocol, load_values())


def _load_cached(path: Path) -> m.Protocol:
    from avlastning_cli.protocol import cache

    raw = _read_bytes(path)
    if raw is not None:
        cached = cache.get(raw)
        if cached is not None:
            return cached
    protocol, _ = read_protocol(path, raw)
    if raw is not None:
        cache.put(raw, protocol)
    return protocol


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes (bounded, never waiting on a pipe), or None when it is too big: the
    full read then says so in its own words."""
    from avlastning_cli.fsutil import TooLarge, read_bounded
    from avlastning_cli.yamlsrc import MAX_BYTES

    try:
        return read_bounded(path, MAX_BYTES, "protocol")
    except TooLarge:
        return None


def open_protocol(ref: str | None, lang: str | None = None) -> tuple[m.Protocol, Path]:
    """A bundled id (in ``lang``) or a file path, loaded and validated; with its path."""
    from avlastning_cli.protocol.registry import resolve

    path = resolve(ref, lang)
    return load_protocol(path), path


def read_protocol(path: Path, raw: bytes | None = None) -> tuple[m.Protocol, Source]:
    """Read and validate in full (no cache), also returning the located source (for strict
    checks). ``raw`` is the file's bytes when the caller has read them already."""
    from avlastning_cli.yamlsrc import YamlProblem, decode_utf8, load, read_text

    try:
        text = read_text(path, "protocol") if raw is None else decode_utf8(raw, str(path))
        source = load(text, str(path))
    except YamlProblem as exc:
        raise ProtocolError(str(path), exc.issues, HINT) from None
    return validate_source(source), source


@contextlib.contextmanager
def _no_pydantic_plugins() -> Iterator[None]:
    """Pydantic plugins (telemetry such as logfire among them) see every value validated; a
    protocol is no business of theirs, and finding them scans every installed package."""
    previous = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "1"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["PYDANTIC_DISABLE_PLUGINS"]
        else:
            os.environ["PYDANTIC_DISABLE_PLUGINS"] = previous


def validate_source(source: Source) -> m.Protocol:
    if not isinstance(source.data, dict):
        raise ProtocolError(
            source.file,
            [source.issue((), "a protocol is a mapping of keys (id, title, sections, …).")],
            HINT,
        )
    try:
        with _no_pydantic_plugins():
            protocol = m.Protocol.model_validate(source.data)
    except ValidationError as exc:
        raise ProtocolError(source.file, translate(exc, source, m.Protocol), HINT) from None
    issues = list(cross_check(protocol, source))
    if issues:
        raise ProtocolError(source.file, issues, HINT)
    return protocol


# --- pydantic errors in plain words -------------------------------------------------------


def translate(exc: ValidationError, source: Source, root: type[BaseModel]) -> list[Issue]:
    """Turn pydantic's errors into located issues in plain words, sorted by position."""
    errors = exc.errors(include_url=False)
    paths = [data_path(err["loc"], source.data) for err in errors]
    # a misspelt key also makes the real key "missing": report the typo only
    typos = {
        (path[:-1], close)
        for err, path in zip(errors, paths, strict=True)
        if err["type"] == "extra_forbidden"
        for close in _closest(str(path[-1]), _allowed(root, err["loc"]))
    }
    issues: list[Issue] = []
    seen: set[tuple[PathT, str]] = set()
    for err, path in zip(errors, paths, strict=True):
        if err["type"] == "missing" and (path[:-1], str(path[-1])) in typos:
            continue
        if err["type"] == "union_tag_invalid":
            tag = str((err.get("ctx") or {}).get("discriminator", "")).strip("'")
            path = (*path, tag) if tag else path
        message = plain_message(err, root)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        issues.append(source.issue(path, message, key=err["type"] == "extra_forbidden"))
    return sorted(issues, key=lambda i: (i.location.line or 0, i.location.column or 0))


def _allowed(root: type[BaseModel], loc: Iterable[Any]) -> list[str]:
    owner = model_at(root, tuple(loc)[:-1])
    return sorted(owner.model_fields) if owner else []


def _closest(word: str, choices: Iterable[str]) -> list[str]:
    return difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)


def data_path(loc: Iterable[Any], data: Any) -> PathT:
    """Pydantic's loc includes union tags; keep only the steps that exist in the data."""
    path: list[str | int] = []
    current = data
    for step in loc:
        if isinstance(current, dict):
            if step in current:
                current = current[step]
                path.append(step)
            elif step in (current.get("kind"), current.get("type")):
                continue  # a discriminated union's tag, not a key
            elif isinstance(step, str):
                # a missing or unknown key: name it; its location falls back to the parent
                path.append(step)
                current = None
        elif isinstance(current, list) and isinstance(step, int) and step < len(current):
            current = current[step]
            path.append(step)
    return tuple(path)


def model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last step of ``loc`` (to list its allowed keys)."""
    current: Any = root
    for step in loc:
        current = _step(current, step)
        if current is None:
            return None
    return _as_model(current)


def _unwrap(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _as_model(tp: Any) -> type[BaseModel] | None:
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    return None


def _union_members(tp: Any) -> list[Any]:
    tp = _unwrap(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [_unwrap(a) for a in typing.get_args(tp)]
    return [tp]


def _step(tp: Any, step: Any) -> Any:
    tp = _unwrap(tp)
    model = _as_model(tp)
    if model is not None:
        field = model.model_fields.get(step) if isinstance(step, str) else None
        return field.annotation if field else None
    origin = typing.get_origin(tp)
    if origin is list and isinstance(step, int):
        return typing.get_args(tp)[0]
    members = [a for a in _union_members(tp) if a is not type(None)]
    if len(members) > 1 and isinstance(step, str):
        for member in members:
            if isinstance(member, type) and issubclass(member, BaseModel):
                for name in ("kind", "type"):
                    f = member.model_fields.get(name)
                    if f is not None and step in typing.get_args(f.annotation):
                        return member
        return None
    if len(members) == 1 and members[0] is not tp:
        return _step(members[0], step)
    return None


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = _closest(word, choices)
    return f" (did you mean '{close[0]}'?)" if close else ""


def plain_message(err: Any, root: type[BaseModel]) -> str:
    kind = err["type"]
    loc = tuple(err["loc"])
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _allowed(root, loc)
        hint = _suggest(str(loc[-1]), allowed)
        listed = f" Allowed here: {', '.join(allowed)}." if allowed and not hint else ""
        return f"unknown key '{loc[-1]}'{hint}.{listed}"
    if kind == "missing":
        return f"the required key '{loc[-1]}' is missing; add it."
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tag = ctx.get("discriminator", "'kind'").strip("'")
        expected = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        if kind == "union_tag_not_found":
            return f"the key '{tag}' is missing; use one of: {', '.join(expected)}."
        got = str(ctx.get("tag", value))
        return f"unknown {tag} '{got}'{_suggest(got, expected)}; use one of: {', '.join(expected)}."
    if kind == "literal_error":
        return (
            f"'{value}' is not allowed here; use {ctx.get('expected', 'one of the listed values')}."
        )
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "version":
            return f"'{value}' is not a version: write it in quotes like \"1.0\"."
        return (
            f"'{value}' is not a valid id: use lower-case letters, digits and _ "
            "(starting with a letter)."
        )
    if kind == "string_type":
        if isinstance(value, int | float) and loc and loc[-1] == "version":
            return f'write the version in quotes, like "{value}"; it must be text.'
        return f"expected text, got {_describe(value)}; put it in quotes if it is meant as text."
    if kind in ("too_short", "too_long"):
        return err["msg"].replace("List", "the list").replace("Value", "the value") + "."
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"expected a date like 2027-11-01, got {_describe(value)}."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, got {_describe(value)}."
    if kind in ("bool_parsing", "bool_type"):
        return f"expected yes or no (true/false), got {_describe(value)}."
    if kind in ("list_type",):
        return f"expected a list (lines starting with '- '), got {_describe(value)}."
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys, got {_describe(value)}."
    message = str(err["msg"])
    return message[0].lower() + message[1:] + "."


def _describe(value: Any) -> str:
    from avlastning_cli.textsafe import describe

    return describe(value)


# --- checks across the whole protocol -----------------------------------------------------


def cross_check(p: m.Protocol, source: Source) -> Iterator[Issue]:
    """Unique ids, references that resolve, required kinds, conditions on earlier questions."""
    yield from _unique(
        source, [(("contacts", i, "id"), c.id) for i, c in enumerate(p.contacts)], "contact"
    )
    yield from _unique(
        source, [(("sections", i, "id"), s.id) for i, s in enumerate(p.sections)], "section"
    )
    answerable: list[tuple[PathT, str]] = []
    for i, s in enumerate(p.sections):
        answerable += [(("sections", i, "checks", j, "id"), c.id) for j, c in enumerate(s.checks)]
        answerable += [
            (("sections", i, "questions", j, "id"), q.id) for j, q in enumerate(s.questions)
        ]
    answerable += [(("self_rating", j, "id"), q.id) for j, q in enumerate(p.self_rating)]
    yield from _unique(source, answerable, "check or question")
    yield from _reserved(source, p)
    signs = [
        (("sections", i, "signs", j, "id"), sign.id)
        for i, s in enumerate(p.sections)
        if isinstance(s, m.WarningSignsSection)
        for j, sign in enumerate(s.signs)
    ]
    yield from _unique(source, signs, "warning sign")
    yield from _unique(
        source, [(("scenarios", i, "id"), s.id) for i, s in enumerate(p.scenarios)], "scenario"
    )
    yield from _unique(
        source,
        [(("not_held_reasons", i, "id"), r.id) for i, r in enumerate(p.not_held_reasons)],
        "reason",
    )

    contact_ids = [c.id for c in p.contacts]
    section_ids = [s.id for s in p.sections]

    def ref(path: PathT, value: str, known: list[str], what: str) -> Iterator[Issue]:
        if value not in known:
            yield source.issue(
                path,
                f"no {what} has the id '{value}'{_suggest(value, known)}; "
                f"known: {', '.join(known) or 'none'}.",
            )

    questions: dict[str, m.AnyQuestion] = {}
    for i, s in enumerate(p.sections):
        base: PathT = ("sections", i)
        if isinstance(s, m.WarningSignsSection):
            for j, sign in enumerate(s.signs):
                if sign.contact:
                    yield from ref(
                        (*base, "signs", j, "contact"), sign.contact, contact_ids, "contact"
                    )
        if isinstance(s, m.NextStepsSection):
            for j, cid in enumerate(s.contacts):
                yield from ref((*base, "contacts", j), cid, contact_ids, "contact")
        for j, q in enumerate(s.questions):
            yield from _question(source, (*base, "questions", j), q, questions)
            questions[q.id] = q
    for j, q in enumerate(p.self_rating):
        yield from _question(source, ("self_rating", j), q, questions)
        if isinstance(q, m.LessonCategoriesQuestion):
            yield source.issue(
                ("self_rating", j, "type"),
                "lesson_categories belongs in a section (the lessons of the session), "
                "not in self_rating.",
            )
        questions[q.id] = q
    for i, sc in enumerate(p.scenarios):
        yield from ref(("scenarios", i, "section"), sc.section, section_ids, "section")
        if not any(c.recommended for c in sc.choices):
            yield source.issue(
                ("scenarios", i, "choices"), "mark at least one choice as recommended: true."
            )
        yield from _unique(
            source,
            [(("scenarios", i, "choices", j, "id"), c.id) for j, c in enumerate(sc.choices)],
            "choice",
        )
    if p.card:
        for j, cid in enumerate(p.card.contacts):
            yield from ref(("card", "contacts", j), cid, contact_ids, "contact")
        if not p.card.may_tell and not p.sections_of("tell_at_home"):
            yield source.issue(
                ("card",), "add may_tell: the protocol has no tell_at_home section to take it from."
            )

    kinds = {s.kind for s in p.sections}
    missing = [k for k in m.REQUIRED_KINDS[p.type] if k not in kinds]
    if missing:
        yield source.issue(
            ("sections",),
            f"a protocol of type '{p.type}' needs a section of each kind "
            f"{', '.join(m.REQUIRED_KINDS[p.type])}; missing: {', '.join(missing)}.",
        )


def _reserved(source: Source, p: m.Protocol) -> Iterator[Issue]:
    """Ids the tool uses for its own answer keys (``SECTION.status``, ``scenario.ID``…)."""
    from avlastning_cli.protocol import fields as f

    for i, s in enumerate(p.sections):
        if s.id in f.RESERVED_SECTION_IDS:
            yield source.issue(
                ("sections", i, "id"),
                f"'{s.id}' is reserved for the tool's own answers; choose another section id "
                f"(reserved: {', '.join(sorted(f.RESERVED_SECTION_IDS))}).",
            )
        items = [("checks", j, c.id) for j, c in enumerate(s.checks)]
        items += [("questions", j, q.id) for j, q in enumerate(s.questions)]
        for kind, j, item in items:
            if item in f.RESERVED_ITEM_IDS:
                yield source.issue(
                    ("sections", i, kind, j, "id"),
                    f"'{item}' is reserved for the step's own answers; choose another id "
                    f"(reserved: {', '.join(sorted(f.RESERVED_ITEM_IDS))}).",
                )


def _unique(source: Source, items: Sequence[tuple[PathT, str]], what: str) -> Iterator[Issue]:
    first: dict[str, PathT] = {}
    for path, value in items:
        if value in first:
            line = source.location(first[value]).line
            yield source.issue(
                path,
                f"the {what} id '{value}' is used twice (first at line {line}); make it unique.",
            )
        else:
            first[value] = path


def _question(
    source: Source, path: PathT, q: m.AnyQuestion, earlier: dict[str, m.AnyQuestion]
) -> Iterator[Issue]:
    if isinstance(q, m.NumberQuestion):
        if q.min > q.max:
            yield source.issue((*path, "min"), f"min ({q.min}) is larger than max ({q.max}).")
        elif not q.min <= q.default <= q.max:
            yield source.issue(
                (*path, "default"), f"the default {q.default} is outside {q.min}–{q.max}."
            )
    if isinstance(q, m.ChoiceQuestion | m.LessonCategoriesQuestion):
        ids = [o.id for o in q.options]
        yield from _unique(
            source, [((*path, "options", j, "id"), o) for j, o in enumerate(ids)], "option"
        )
        if isinstance(q, m.ChoiceQuestion) and q.default is not None and q.default not in ids:
            yield source.issue(
                (*path, "default"),
                f"'{q.default}' is not one of the options{_suggest(q.default, ids)}: "
                f"{', '.join(ids)}.",
            )
    cond = q.show_if
    if cond is None:
        return
    target = earlier.get(cond.question)
    if target is None:
        yield source.issue(
            (*path, "show_if", "question"),
            f"'{cond.question}' is not an earlier question{_suggest(cond.question, earlier)}; "
            "a condition can only refer to a question asked before this one.",
        )
        return
    value = cond.equals
    ok = {
        "yes_no": isinstance(value, bool),
        "number": isinstance(value, int) and not isinstance(value, bool),
        "choice": isinstance(value, str)
        and value in [o.id for o in getattr(target, "options", [])],
        "text": False,
        "lesson_categories": False,
    }[target.type]
    if not ok:
        expected = {
            "yes_no": "true or false",
            "number": "a whole number",
            "choice": "one of its option ids: "
            + ", ".join(o.id for o in getattr(target, "options", [])),
            "text": "nothing: a condition cannot depend on free text",
            "lesson_categories": "nothing: a condition cannot depend on a list of areas",
        }[target.type]
        yield source.issue(
            (*path, "show_if", "equals"),
            f"'{cond.question}' is a {target.type} question, so equals must be {expected}.",
        )
