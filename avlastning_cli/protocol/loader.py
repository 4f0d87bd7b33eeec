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
from avlastning_cli.i18n import tr
from avlastning_cli.protocol import models as m

if TYPE_CHECKING:  # yamlsrc imports PyYAML, which a cached protocol does not need
    from avlastning_cli.yamlsrc import PathT, Source


def _hint() -> str:
    return tr("val.protocol_hint")


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
        text = read_text(path, tr("what.protocol")) if raw is None else decode_utf8(raw, str(path))
        source = load(text, str(path))
    except YamlProblem as exc:
        raise ProtocolError(str(path), exc.issues, _hint()) from None
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
            [source.issue((), tr("val.protocol_not_mapping"))],
            _hint(),
        )
    try:
        with _no_pydantic_plugins():
            protocol = m.Protocol.model_validate(source.data)
    except ValidationError as exc:
        raise ProtocolError(source.file, translate(exc, source, m.Protocol), _hint()) from None
    issues = list(cross_check(protocol, source))
    if issues:
        raise ProtocolError(source.file, issues, _hint())
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
    return tr("val.did_you_mean", name=close[0]) if close else ""


def plain_message(err: Any, root: type[BaseModel]) -> str:
    kind = err["type"]
    loc = tuple(err["loc"])
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _allowed(root, loc)
        hint = _suggest(str(loc[-1]), allowed)
        listed = tr("val.allowed_here", keys=", ".join(allowed)) if allowed and not hint else ""
        return tr("val.unknown_key", key=loc[-1], hint=hint, listed=listed)
    if kind == "missing":
        return tr("val.missing_key", key=loc[-1])
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tag = ctx.get("discriminator", "'kind'").strip("'")
        expected = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        if kind == "union_tag_not_found":
            return tr("val.missing_tag", key=tag, expected=", ".join(expected))
        got = str(ctx.get("tag", value))
        return tr(
            "val.unknown_tag",
            key=tag,
            value=got,
            hint=_suggest(got, expected),
            expected=", ".join(expected),
        )
    if kind == "literal_error":
        choices = str(ctx.get("expected", "")).replace(" or ", tr("val.or"))
        return tr("val.not_allowed", value=value, expected=choices or tr("val.listed_values"))
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "version":
            return tr("val.not_a_version", value=value)
        return tr("val.not_an_id", value=value)
    if kind == "string_type":
        if isinstance(value, int | float) and loc and loc[-1] == "version":
            return tr("val.version_as_text", value=value)
        return tr("val.expected_text", got=_describe(value))
    if kind in ("too_short", "too_long"):
        if kind == "too_short":
            return tr("val.too_short", min=ctx.get("min_length"), actual=ctx.get("actual_length"))
        return tr("val.too_long", max=ctx.get("max_length"), actual=ctx.get("actual_length"))
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return tr("val.expected_date", got=_describe(value))
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return tr("val.expected_int", got=_describe(value))
    if kind in ("bool_parsing", "bool_type"):
        return tr("val.expected_bool", got=_describe(value))
    if kind in ("list_type",):
        return tr("val.expected_list", got=_describe(value))
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return tr("val.expected_mapping", got=_describe(value))
    message = str(err["msg"])
    return message[0].lower() + message[1:] + "."


def _describe(value: Any) -> str:
    from avlastning_cli.textsafe import describe

    return describe(value)


# --- checks across the whole protocol -----------------------------------------------------


def cross_check(p: m.Protocol, source: Source) -> Iterator[Issue]:
    """Unique ids, references that resolve, required kinds, conditions on earlier questions."""
    yield from _unique(
        source,
        [(("contacts", i, "id"), c.id) for i, c in enumerate(p.contacts)],
        tr("val.what.contact"),
    )
    yield from _unique(
        source,
        [(("sections", i, "id"), s.id) for i, s in enumerate(p.sections)],
        tr("val.what.section"),
    )
    answerable: list[tuple[PathT, str]] = []
    for i, s in enumerate(p.sections):
        answerable += [(("sections", i, "checks", j, "id"), c.id) for j, c in enumerate(s.checks)]
        answerable += [
            (("sections", i, "questions", j, "id"), q.id) for j, q in enumerate(s.questions)
        ]
    answerable += [(("self_rating", j, "id"), q.id) for j, q in enumerate(p.self_rating)]
    yield from _unique(source, answerable, tr("val.what.check_or_question"))
    yield from _reserved(source, p)
    signs = [
        (("sections", i, "signs", j, "id"), sign.id)
        for i, s in enumerate(p.sections)
        if isinstance(s, m.WarningSignsSection)
        for j, sign in enumerate(s.signs)
    ]
    yield from _unique(source, signs, tr("val.what.warning_sign"))
    yield from _unique(
        source,
        [(("scenarios", i, "id"), s.id) for i, s in enumerate(p.scenarios)],
        tr("val.what.scenario"),
    )
    yield from _unique(
        source,
        [(("not_held_reasons", i, "id"), r.id) for i, r in enumerate(p.not_held_reasons)],
        tr("val.what.reason"),
    )

    contact_ids = [c.id for c in p.contacts]
    section_ids = [s.id for s in p.sections]

    def ref(path: PathT, value: str, known: list[str], what: str) -> Iterator[Issue]:
        if value not in known:
            yield source.issue(
                path,
                tr(
                    f"val.no_such.{what}",
                    value=value,
                    hint=_suggest(value, known),
                    known=", ".join(known) or tr("val.none"),
                ),
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
                tr("val.lesson_areas_in_self_rating"),
            )
        questions[q.id] = q
    for i, sc in enumerate(p.scenarios):
        yield from ref(("scenarios", i, "section"), sc.section, section_ids, "section")
        if not any(c.recommended for c in sc.choices):
            yield source.issue(("scenarios", i, "choices"), tr("val.no_recommended"))
        yield from _unique(
            source,
            [(("scenarios", i, "choices", j, "id"), c.id) for j, c in enumerate(sc.choices)],
            tr("val.what.choice"),
        )
    if p.card:
        for j, cid in enumerate(p.card.contacts):
            yield from ref(("card", "contacts", j), cid, contact_ids, "contact")
        if not p.card.may_tell and not p.sections_of("tell_at_home"):
            yield source.issue(("card",), tr("val.card_may_tell"))

    kinds = {s.kind for s in p.sections}
    missing = [k for k in m.REQUIRED_KINDS[p.type] if k not in kinds]
    if missing:
        yield source.issue(
            ("sections",),
            tr(
                "val.missing_kinds",
                type=p.type,
                kinds=", ".join(m.REQUIRED_KINDS[p.type]),
                missing=", ".join(missing),
            ),
        )


def _reserved(source: Source, p: m.Protocol) -> Iterator[Issue]:
    """Ids the tool uses for its own answer keys (``SECTION.status``, ``scenario.ID``…)."""
    from avlastning_cli.protocol import fields as f

    for i, s in enumerate(p.sections):
        if s.id in f.RESERVED_SECTION_IDS:
            yield source.issue(
                ("sections", i, "id"),
                tr(
                    "val.reserved_section",
                    id=s.id,
                    reserved=", ".join(sorted(f.RESERVED_SECTION_IDS)),
                ),
            )
        items = [("checks", j, c.id) for j, c in enumerate(s.checks)]
        items += [("questions", j, q.id) for j, q in enumerate(s.questions)]
        for kind, j, item in items:
            if item in f.RESERVED_ITEM_IDS:
                yield source.issue(
                    ("sections", i, kind, j, "id"),
                    tr(
                        "val.reserved_item",
                        id=item,
                        reserved=", ".join(sorted(f.RESERVED_ITEM_IDS)),
                    ),
                )


def _unique(source: Source, items: Sequence[tuple[PathT, str]], what: str) -> Iterator[Issue]:
    first: dict[str, PathT] = {}
    for path, value in items:
        if value in first:
            line = source.location(first[value]).line
            yield source.issue(
                path,
                tr("val.duplicate_id", what=what, value=value, line=line),
            )
        else:
            first[value] = path


def _question(
    source: Source, path: PathT, q: m.AnyQuestion, earlier: dict[str, m.AnyQuestion]
) -> Iterator[Issue]:
    if isinstance(q, m.NumberQuestion):
        if q.min > q.max:
            yield source.issue((*path, "min"), tr("val.min_above_max", min=q.min, max=q.max))
        elif not q.min <= q.default <= q.max:
            yield source.issue(
                (*path, "default"),
                tr("val.default_outside", default=q.default, min=q.min, max=q.max),
            )
    if isinstance(q, m.ChoiceQuestion | m.LessonCategoriesQuestion):
        ids = [o.id for o in q.options]
        yield from _unique(
            source,
            [((*path, "options", j, "id"), o) for j, o in enumerate(ids)],
            tr("val.what.option"),
        )
        if isinstance(q, m.ChoiceQuestion) and q.default is not None and q.default not in ids:
            yield source.issue(
                (*path, "default"),
                tr(
                    "val.default_not_option",
                    default=q.default,
                    hint=_suggest(q.default, ids),
                    ids=", ".join(ids),
                ),
            )
    cond = q.show_if
    if cond is None:
        return
    target = earlier.get(cond.question)
    if target is None:
        yield source.issue(
            (*path, "show_if", "question"),
            tr(
                "val.not_earlier",
                question=cond.question,
                hint=_suggest(cond.question, earlier),
            ),
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
        expected = tr(
            f"val.equals.{target.type}",
            ids=", ".join(o.id for o in getattr(target, "options", [])),
        )
        yield source.issue(
            (*path, "show_if", "equals"),
            tr("val.equals", question=cond.question, type=target.type, expected=expected),
        )
