"""The organisation's view: counts over many summary files, without anyone's personal data.

:class:`Aggregator` reads one summary at a time and keeps only counters keyed by ids and
months, so memory does not grow with the number of files. The one list that grows, the
lessons to take further, is capped (the most recent ``max_lessons``; the rest are counted).

Disclosure control, as statistics offices practise it, is applied when the report is built
(:func:`build_report`); ``min_group`` (N) is at least 3 and cannot be set lower:

- **Primary suppression**: a count of 1 … N-1 sessions is hidden. So is a count whose
  complement within its base is 1 … N-1 (flagged in all held sessions but one reveals that
  one as much as flagged in one).
- **Secondary suppression**: where counts add up to a shown total (held / not held, per
  month, per protocol, per reason, a step's done / skipped), either none or at least two
  are hidden, and the hidden ones hold at least N sessions together, so a hidden count
  cannot be worked out as the total minus the others.
- Primary and secondary hidden counts are shown alike (:data:`HIDDEN`): the reader cannot
  tell which one is small. Sums over a group (participants, escalations) are hidden when
  the group is. With fewer than N sessions in all, every count but that total is hidden.
- Periods are whole months (``since``/``until`` are ``YYYY-MM``), so two runs a day apart
  cannot isolate one session.
- Lessons are listed only when at least N held sessions wrote one; each is scrubbed again,
  shown without its date, in alphabetical order.
- Every id must be a plain id, and one of its protocol's ids when the protocol is known (a
  bundled one, or one given with ``--protocol FILE``); a summary with any other id is
  skipped with the reason (the id itself is not echoed).

Summaries in Swedish and English are counted together: everything is keyed by id.
"""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import io
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from avlastning_cli.errors import UserError
from avlastning_cli.i18n import language, ntr, tr
from avlastning_cli.summary.model import SCHEMA, HeldSummary, NotHeldRecord, parse_json

if TYPE_CHECKING:
    from avlastning_cli.protocol.models import Protocol

Record = HeldSummary | NotHeldRecord

STATS_SCHEMA = "avlastning.stats/1"
MIN_GROUP = 3
MAX_LESSONS = 200

Masked = int | str
K = TypeVar("K")


class NotASummary(ValueError):
    """A file that is not a summary this tool can read; the message says why."""


# --- reading ---------------------------------------------------------------------------------


def summary_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every ``*.json`` under the given folders (recursively), and the given files themselves.
    Lazy: folders are walked as they are read, never listed in full up front."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(".json") and not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def check_summary(data: Any) -> Record:
    """The summary if ``data`` (JSON text, or already parsed) is one this tool reads;
    :class:`NotASummary` saying why if not. The whole file is checked against the summary
    model (:mod:`avlastning_cli.summary.model`, the one the writer builds) before anything is
    counted."""
    raw = data if isinstance(data, str | bytes) else json.dumps(data)
    try:
        return parse_json(raw)
    except ValidationError as exc:
        raise NotASummary(_why(raw, exc)) from None


def _why(raw: str | bytes, exc: ValidationError) -> str:
    """A short reason, in the words people use for the file: not JSON, not a summary,
    another version, or the first field that does not fit."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        if isinstance(err, json.JSONDecodeError):
            return tr("stats.skip.not_json_at", line=err.lineno)
        return tr("stats.skip.not_json")
    if not isinstance(data, dict):
        return tr("stats.skip.not_object", kind=type(data).__name__)
    schema = data.get("schema")
    if schema is None:
        return tr("stats.skip.no_schema")
    if isinstance(schema, str) and schema.startswith("avlastning.summary/") and schema != SCHEMA:
        return tr("stats.skip.other_version", schema=schema, ours=SCHEMA)
    if schema != SCHEMA:
        return tr("stats.skip.other_schema")  # never repeated: it could hold anything
    first = exc.errors()[0]
    loc = first["loc"][1:] if first["loc"][:1] == (data.get("mode"),) else first["loc"]
    where = ".".join(str(part) for part in loc) or "summary"
    more = tr("stats.skip.more", n=exc.error_count() - 1) if exc.error_count() > 1 else ""
    return tr("stats.skip.field", where=where, problem=first["msg"], more=more)


#: A summary is a few kilobytes; anything far larger is not one (and is not read whole).
MAX_SUMMARY_BYTES = 1_000_000


def read_summary(path: Path) -> Record:
    from avlastning_cli.errors import UserError
    from avlastning_cli.fsutil import TooLarge, read_bounded

    try:
        raw = read_bounded(path, MAX_SUMMARY_BYTES, tr("what.summary"))
    except TooLarge:
        raise NotASummary(tr("stats.skip.too_big", max=MAX_SUMMARY_BYTES)) from None
    except UserError as exc:
        raise NotASummary(exc.message.removeprefix(f"{path}: ").rstrip(".")) from None
    return check_summary(raw)


# --- ids ------------------------------------------------------------------------------------

#: A plain id, the same rule as a protocol's ids: anything else is never printed.
ID_RE = re.compile(r"[a-z][a-z0-9_]{0,39}")


@dataclass(frozen=True)
class KnownIds:
    """The ids a bundled protocol defines (any of its languages: the ids are the same)."""

    version: str
    steps: frozenset[str]
    signs: frozenset[str]
    reasons: frozenset[str]
    categories: frozenset[str]
    source: str | None = None  # the file name of a protocol given with --protocol, else bundled


def protocol_ids(protocol: Protocol, source: str | None = None) -> KnownIds:
    """The ids a protocol defines (``source`` names it in a skip reason)."""
    from avlastning_cli.protocol import fields as f

    return KnownIds(
        version=protocol.version,
        steps=frozenset(s.id for s in protocol.sections),
        signs=frozenset(f.sign_ids(protocol)),
        reasons=frozenset(r.id for r in protocol.not_held_reasons),
        categories=frozenset(f.lesson_category_ids(protocol)),
        source=source,
    )


@cache
def bundled_ids(protocol_id: str) -> KnownIds | None:
    """The ids of the bundled protocol ``protocol_id``, or None if no bundled one is called so."""
    from avlastning_cli.protocol.loader import load_protocol
    from avlastning_cli.protocol.registry import LANGUAGES, protocols_dir

    if not ID_RE.fullmatch(protocol_id):
        return None
    for lang in LANGUAGES:
        path = protocols_dir() / f"{protocol_id}.{lang}.yaml"
        if path.is_file():
            return protocol_ids(load_protocol(path))
    return None


def local_ids(paths: Iterable[Path]) -> dict[str, KnownIds]:
    """The ids of the organisation's own protocol files (``stats --protocol FILE``), by
    protocol id; files with the same id (its sv and en) add up. A copy made with
    ``avlastning new`` keeps the bundled id, so these take the bundled one's place."""
    from avlastning_cli.protocol.loader import load_protocol

    out: dict[str, KnownIds] = {}
    for path in paths:
        p = load_protocol(path)
        ids = protocol_ids(p, source=path.name)
        if p.id in out:
            old = out[p.id]
            ids = KnownIds(
                version=old.version,
                steps=old.steps | ids.steps,
                signs=old.signs | ids.signs,
                reasons=old.reasons | ids.reasons,
                categories=old.categories | ids.categories,
                source=old.source,
            )
        out[p.id] = ids
    return out


def check_ids(s: Record, local: Mapping[str, KnownIds] | None = None) -> None:
    """:class:`NotASummary` if an id in ``s`` is not a plain id or not one of its protocol's
    ids: the protocol given in ``local`` under that id, else the bundled one (a protocol
    neither knows is held to plain ids only). The message names the key, never the id."""
    pid = s.protocol.id
    if not ID_RE.fullmatch(pid):
        raise NotASummary(tr("stats.skip.not_plain", where="protocol.id"))
    known = (local or {}).get(pid) or bundled_ids(pid)
    groups: list[tuple[str, list[str], frozenset[str] | None]]
    if isinstance(s, NotHeldRecord):
        groups = [("not_held.reason", [s.not_held.reason], known.reasons if known else None)]
    else:
        groups = [
            ("steps", [x.id for x in s.steps], known.steps if known else None),
            ("warning_signs.flagged", s.warning_signs.flagged, known.signs if known else None),
            (
                "warning_signs.escalations",
                s.warning_signs.escalations,
                known.signs if known else None,
            ),
            ("lesson_categories", s.lesson_categories, known.categories if known else None),
        ]
    for where, ids, allowed in groups:
        for i in ids:
            if not ID_RE.fullmatch(i):
                raise NotASummary(tr("stats.skip.not_plain", where=where))
            if known is not None and allowed is not None and i not in allowed:
                if known.source is None:
                    raise NotASummary(
                        tr("stats.skip.unknown_id", where=where, id=pid, version=known.version)
                    )
                raise NotASummary(
                    tr(
                        "stats.skip.unknown_id_given",
                        where=where,
                        id=pid,
                        version=known.version,
                        file=known.source,
                    )
                )


# --- counting --------------------------------------------------------------------------------


@dataclass
class Aggregator:
    """Counts summaries one at a time. Call :meth:`add_file` (or :meth:`add`) for each, then
    :func:`build_report`. ``since``/``until`` are months (``YYYY-MM``), both included."""

    since: str | None = None
    until: str | None = None
    include_rehearsals: bool = False
    max_lessons: int = MAX_LESSONS
    on_skip: Callable[[Path, str], None] | None = None
    protocols: dict[str, KnownIds] = field(default_factory=dict)  # see local_ids

    files_read: int = 0
    files_skipped: int = 0
    rehearsals_excluded: int = 0
    before_since: int = 0
    after_until: int = 0
    sessions: int = 0
    held: int = 0
    not_held: int = 0
    participants: int = 0
    sessions_with_escalation: int = 0
    escalations: int = 0
    follow_ups_set: int = 0
    per_month: Counter[str] = field(default_factory=Counter)
    per_protocol: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    signs: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    step_seen: Counter[tuple[str, str]] = field(default_factory=Counter)
    step_skipped: Counter[tuple[str, str]] = field(default_factory=Counter)
    lessons_total: int = 0
    lesson_sessions: int = 0  # held sessions that wrote at least one lesson
    # a min-heap of (date, text, language): the most recent are kept
    _lessons: list[tuple[str, str, str]] = field(default_factory=list)

    def add_file(self, path: Path) -> bool:
        """Count one file; a file that is not a summary is reported to ``on_skip`` and skipped."""
        try:
            self.add(read_summary(path))
        except NotASummary as exc:
            self.files_skipped += 1
            if self.on_skip is not None:
                self.on_skip(path, str(exc))
            return False
        self.files_read += 1
        return True

    def add(self, s: Record | dict[str, Any]) -> None:
        """Count one summary (a dict is checked first, see :func:`check_summary`; the ids
        are checked by :func:`check_ids`, which raises :class:`NotASummary`)."""
        if isinstance(s, dict):
            s = check_summary(s)
        check_ids(s, self.protocols)  # before anything is counted
        if s.mode == "rehearsal" and not self.include_rehearsals:
            self.rehearsals_excluded += 1
            return
        date = s.date.isoformat()
        month = date[:7]
        if self.since is not None and month < self.since:
            self.before_since += 1
            return
        if self.until is not None and month > self.until:
            self.after_until += 1
            return
        self.sessions += 1
        self.per_month[month] += 1
        protocol_id = s.protocol.id
        self.per_protocol[protocol_id] += 1
        if s.mode == "not_held":
            self.not_held += 1
            self.reasons[s.not_held.reason] += 1
            return
        self.held += 1
        self.participants += s.participants or 0  # None: not answered
        self.signs.update(set(s.warning_signs.flagged))
        self.categories.update(set(s.lesson_categories))
        escalations = s.warning_signs.escalations
        if escalations:
            self.sessions_with_escalation += 1
            self.escalations += len(escalations)
        if s.follow_up.date:
            self.follow_ups_set += 1
        for step in s.steps:
            key = (protocol_id, step.id)
            self.step_seen[key] += 1
            if step.status == "skipped":
                self.step_skipped[key] += 1
        lines = [line.rstrip() for line in s.lessons.splitlines() if line.strip()]
        if lines:
            self.lesson_sessions += 1
        for line in lines:
            self._lesson(date, line, s.protocol.language)

    def _lesson(self, date: str, text: str, lang: str) -> None:
        self.lessons_total += 1
        if self.max_lessons <= 0:
            return
        item = (date, text, lang)
        if len(self._lessons) < self.max_lessons:
            heapq.heappush(self._lessons, item)
        elif item > self._lessons[0]:
            heapq.heapreplace(self._lessons, item)

    def lessons(self) -> list[tuple[str, str]]:
        """The kept lessons as (text, language), in alphabetical order: never by date."""
        return sorted(((text, lang) for _, text, lang in self._lessons), key=_alphabetical)


def _alphabetical(item: tuple[str, str]) -> tuple[str, str]:
    return (item[0].casefold(), item[0])


def aggregate(
    paths: Iterable[Path],
    *,
    since: str | None = None,
    until: str | None = None,
    include_rehearsals: bool = False,
    max_lessons: int = MAX_LESSONS,
    on_skip: Callable[[Path, str], None] | None = None,
    protocols: Iterable[Path] = (),
) -> Aggregator:
    """Read every summary file under ``paths``, one at a time. ``since``/``until``: months,
    ``YYYY-MM`` (see :func:`parse_month`)."""
    paths = list(paths)
    for path in paths:
        if not path.exists():
            raise UserError(tr("stats.no_such_path", file=path))
    agg = Aggregator(
        since=parse_month(since) if since else None,
        until=parse_month(until) if until else None,
        include_rehearsals=include_rehearsals,
        max_lessons=max_lessons,
        on_skip=on_skip,
        protocols=local_ids(protocols),
    )
    for path in summary_files(paths):
        agg.add_file(path)
    return agg


MONTH_RE = re.compile(r"\d{4}-\d{2}")


def parse_month(value: str) -> str:
    """``YYYY-MM`` as given, or ValueError with a plain message. A day is refused on purpose:
    two runs a day apart could isolate one session."""
    text = value.strip()
    if MONTH_RE.fullmatch(text) and 1 <= int(text[5:]) <= 12:
        return text
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(tr("stats.bad_month")) from None
    raise ValueError(tr("stats.day_not_month", month=f"{day:%Y-%m}"))


# --- the report ------------------------------------------------------------------------------

#: How a hidden count is shown, whether it is small itself or hidden to protect a small one.
HIDDEN = ".."


@dataclass(frozen=True)
class StepRow:
    protocol: str
    step: str
    sessions: Masked
    skipped: Masked
    share_skipped: float | None  # None when the counts are hidden or there are no sessions


@dataclass(frozen=True)
class Report:
    """What is shown: every small group already hidden. Renderers only format it."""

    min_group: int
    since: str | None
    until: str | None
    include_rehearsals: bool
    files_read: int
    files_skipped: int
    rehearsals_excluded: int  # counts of files, not of sessions in the report: shown as they are
    before_since: int
    after_until: int
    sessions: int  # the population itself (also the files read minus those left out)
    held: Masked
    not_held: Masked
    per_month: dict[str, Masked]
    per_protocol: dict[str, Masked]
    reasons: dict[str, Masked]
    participants: Masked
    signs: dict[str, Masked]
    sessions_with_escalation: Masked
    escalations: Masked
    follow_ups_set: Masked
    lesson_categories: dict[str, Masked]
    steps: list[StepRow]
    lessons: list[str]
    lessons_not_listed: Masked
    lessons_withheld: bool = False


def small(count: int, min_group: int) -> bool:
    """1 … N-1 sessions: a group small enough to single someone out. Zero singles out nobody."""
    return 0 < count < min_group


def mask(count: int, min_group: int) -> Masked:
    """``count`` as it may be shown on its own: :data:`HIDDEN` for 1 … N-1."""
    return HIDDEN if small(count, min_group) else count


def hidden_cells(cells: Mapping[K, int], min_group: int, *, total_hidden: bool = False) -> set[K]:
    """Which of ``cells`` (counts that add up to a total) to hide: the small ones, and then
    the smallest others until at least two are hidden holding at least ``min_group``
    sessions together. Nothing if none is small, unless their total is hidden itself
    (``total_hidden``): then they must not add up to it either. (If that cannot be reached,
    the total is below ``min_group`` and the caller hides everything.)"""
    hidden = {k for k, v in cells.items() if small(v, min_group)}
    rest = sorted((k for k, v in cells.items() if k not in hidden and v > 0), key=cells.__getitem__)
    if not hidden and not (total_hidden and rest):
        return hidden
    while rest and (len(hidden) < 2 or sum(cells[k] for k in hidden) < min_group):
        hidden.add(rest.pop(0))
    return hidden


def build_report(agg: Aggregator, min_group: int = MIN_GROUP) -> Report:
    if min_group < MIN_GROUP:
        raise UserError(tr("stats.min_group", min=MIN_GROUP))
    everything = small(agg.sessions, min_group)  # too few sessions in all: hide everything

    def partition(counter: Mapping[K, int], total_hidden: bool = False) -> dict[K, Masked]:
        hide = hidden_cells(counter, min_group, total_hidden=total_hidden)
        return {k: HIDDEN if everything or k in hide else v for k, v in counter.items()}

    def of_held(count: int) -> Masked:
        """A count of held sessions with some property: hidden if it, or the held sessions
        without it, are 1 … N-1 (its complement is known as soon as 'held' is)."""
        if everything or small(count, min_group) or small(agg.held - count, min_group):
            return HIDDEN
        return count

    held_split = partition({"held": agg.held, "not_held": agg.not_held})
    held_hidden = everything or small(agg.held, min_group)  # too few to sum over
    with_escalation = of_held(agg.sessions_with_escalation)
    lessons, not_listed, withheld = _lessons_shown(agg, min_group, held_hidden)
    return Report(
        min_group=min_group,
        since=agg.since,
        until=agg.until,
        include_rehearsals=agg.include_rehearsals,
        files_read=agg.files_read,
        files_skipped=agg.files_skipped,
        rehearsals_excluded=agg.rehearsals_excluded,
        before_since=agg.before_since,
        after_until=agg.after_until,
        sessions=agg.sessions,
        held=held_split["held"],
        not_held=held_split["not_held"],
        per_month=dict(sorted(partition(agg.per_month).items())),
        per_protocol=dict(sorted(partition(agg.per_protocol).items())),
        # the reasons add up to "not held": if that is hidden, they must not give it away
        reasons=dict(sorted(partition(agg.reasons, held_split["not_held"] == HIDDEN).items())),
        participants=HIDDEN if held_hidden else agg.participants,
        signs={k: of_held(v) for k, v in sorted(agg.signs.items())},
        sessions_with_escalation=with_escalation,
        escalations=HIDDEN if with_escalation == HIDDEN else agg.escalations,
        follow_ups_set=of_held(agg.follow_ups_set),
        lesson_categories={k: of_held(v) for k, v in sorted(agg.categories.items())},
        steps=_step_rows(agg, min_group, everything, held_split["held"] == HIDDEN),
        lessons=lessons,
        lessons_not_listed=not_listed,
        lessons_withheld=withheld,
    )


def _step_rows(
    agg: Aggregator, min_group: int, everything: bool, held_hidden: bool
) -> list[StepRow]:
    """One row per step: the sessions that had it and how many skipped it. Done + skipped
    add up to the sessions shown, so if either is small the skipped count (and the share)
    is hidden, which hides both; if the sessions themselves are few, all three are. A
    step's sessions are often all the held sessions, so when "held" is hidden they are too
    (and the share, which would give them back)."""
    rows = []
    # by protocol, and within one in the order its steps come (as first seen in a summary)
    for key in sorted(agg.step_seen, key=lambda k: k[0]):
        seen, skipped = agg.step_seen[key], agg.step_skipped[key]
        shown_seen: Masked = HIDDEN if held_hidden else seen
        if everything or small(seen, min_group):
            rows.append(StepRow(key[0], key[1], HIDDEN, HIDDEN, None))
        elif small(skipped, min_group) or small(seen - skipped, min_group):
            rows.append(StepRow(key[0], key[1], shown_seen, HIDDEN, None))
        else:
            share = None if held_hidden else round(skipped / seen, 3)
            rows.append(StepRow(key[0], key[1], shown_seen, skipped, share))
    return rows


def _lessons_shown(agg: Aggregator, min_group: int, hide: bool) -> tuple[list[str], Masked, bool]:
    """The lessons that may be listed (scrubbed again, alphabetical, no dates), how many are
    not listed, and whether all were withheld because too few sessions wrote one."""
    if hide or small(agg.lesson_sessions, min_group):
        withheld = agg.lessons_total > 0
        return [], HIDDEN if withheld else 0, withheld
    from avlastning_cli.privacy import scrub

    kept = agg.lessons()
    scrubbed = (scrub(text, lang if lang in ("sv", "en") else "sv").text for text, lang in kept)
    shown = sorted(scrubbed, key=lambda t: (t.casefold(), t))
    return shown, agg.lessons_total - len(kept), False


def notes(report: Report) -> list[str]:
    """The plain sentences every format carries: what was counted and what was hidden."""
    n = report.min_group
    out = [
        ntr("stats.note.read", "stats.note.read#plural", report.files_read)
        + " "
        + tr("stats.note.skipped", skipped=report.files_skipped),
        tr("stats.note.hidden", hidden=HIDDEN, min=n),
        tr("stats.note.languages"),
    ]
    if not report.include_rehearsals:
        out.append(tr("stats.note.rehearsals", n=report.rehearsals_excluded))
    if report.since:
        out.append(tr("stats.note.since", since=report.since, n=report.before_since))
    if report.until:
        out.append(tr("stats.note.until", until=report.until, n=report.after_until))
    if report.lessons_withheld:
        out.append(tr("stats.note.lessons_withheld", min=n))
    elif report.lessons:
        out.append(tr("stats.note.lessons_order"))
    if report.lessons_not_listed and not report.lessons_withheld:
        out.append(
            tr("stats.note.lessons", listed=len(report.lessons), more=report.lessons_not_listed)
        )
    return out


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": STATS_SCHEMA,
        "min_group": report.min_group,
        "hidden": HIDDEN,
        "since": report.since,
        "until": report.until,
        "files": {
            "read": report.files_read,
            "skipped": report.files_skipped,
            "rehearsals_excluded": report.rehearsals_excluded,
            "before_since": report.before_since,
            "after_until": report.after_until,
        },
        "sessions": {"total": report.sessions, "held": report.held, "not_held": report.not_held},
        "per_month": report.per_month,
        "per_protocol": report.per_protocol,
        "not_held_reasons": report.reasons,
        "participants": report.participants,
        "warning_signs": {
            "flagged": report.signs,
            "sessions_with_escalation": report.sessions_with_escalation,
            "escalations": report.escalations,
        },
        "follow_ups_set": report.follow_ups_set,
        "lesson_categories": report.lesson_categories,
        "steps": [
            {
                "protocol": r.protocol,
                "step": r.step,
                "sessions": r.sessions,
                "skipped": r.skipped,
                "share_skipped": r.share_skipped,
            }
            for r in report.steps
        ],
        "lessons": report.lessons,
        "lessons_not_listed": report.lessons_not_listed,
        "notes": notes(report),
    }


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


def render_csv(report: Report) -> str:
    """One row per figure: ``section,key,value`` (hidden counts as :data:`HIDDEN`)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["section", "key", "value"])
    w.writerow(["sessions", "total", report.sessions])
    w.writerow(["sessions", "held", report.held])
    w.writerow(["sessions", "not_held", report.not_held])
    for month, n in report.per_month.items():
        w.writerow(["month", month, n])
    for pid, n in report.per_protocol.items():
        w.writerow(["protocol", pid, n])
    for reason, n in report.reasons.items():
        w.writerow(["not_held_reason", reason, n])
    w.writerow(["participants", "total", report.participants])
    for sign, n in report.signs.items():
        w.writerow(["warning_sign_flagged", sign, n])
    for category, n in report.lesson_categories.items():
        w.writerow(["lesson_category", category, n])
    w.writerow(["escalation", "sessions", report.sessions_with_escalation])
    w.writerow(["escalation", "total", report.escalations])
    w.writerow(["follow_up", "set", report.follow_ups_set])
    for r in report.steps:
        key = f"{r.protocol}/{r.step}"
        w.writerow(["step_sessions", key, r.sessions])
        w.writerow(["step_skipped", key, r.skipped])
        w.writerow(["step_share_skipped", key, "" if r.share_skipped is None else r.share_skipped])
    for lesson in report.lessons:
        w.writerow(["lesson", "", lesson])
    w.writerow(["lesson", "not_listed", report.lessons_not_listed])
    for note in notes(report):
        w.writerow(["note", "", note])
    return buf.getvalue()


@dataclass(frozen=True)
class Titles:
    """What the bundled protocols call their ids, in one language (for the table: people read
    titles; CSV and JSON keep ids). An id no bundled protocol knows is shown as it is."""

    protocols: dict[str, str]
    steps: dict[tuple[str, str], str]
    reasons: dict[str, str]
    signs: dict[str, str]
    categories: dict[str, str]

    def step(self, protocol: str, step: str) -> str:
        return (
            f"{self.protocols.get(protocol, protocol)} / {self.steps.get((protocol, step), step)}"
        )


def titles(lang: str) -> Titles:
    """The titles in ``lang``, read straight from the bundled YAML (no validation needed)."""
    import yaml

    from avlastning_cli.protocol.registry import protocols_dir

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    found = Titles({}, {}, {}, {}, {})
    for path in sorted(protocols_dir().glob(f"*.{lang}.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        pid = str(data.get("id"))
        found.protocols[pid] = " ".join(str(data.get("title", pid)).split())
        for section in data.get("sections") or []:
            found.steps[(pid, str(section.get("id")))] = str(section.get("title", ""))
            for sign in section.get("signs") or []:
                label = sign.get("title") or sign.get("text") or sign.get("id")
                found.signs.setdefault(str(sign.get("id")), " ".join(str(label).split()))
            for question in section.get("questions") or []:
                if question.get("type") != "lesson_categories":
                    continue
                for option in question.get("options") or []:
                    label = option.get("text") or option.get("id")
                    found.categories.setdefault(str(option.get("id")), " ".join(str(label).split()))
        for reason in data.get("not_held_reasons") or []:
            text = " ".join(str(reason.get("text", reason.get("id"))).split())
            found.reasons.setdefault(str(reason.get("id")), text)
    return found


def render_table(report: Report, width: int | None = None) -> str:
    """The report as plain tables (rich, no colour), for reading in a terminal, in the
    command's language, with the protocols' titles instead of their ids."""
    from rich.console import Console
    from rich.table import Table

    names = titles(language())

    def shown(value: Masked) -> str:
        return str(value)  # a hidden count is HIDDEN (".."), the same in every language

    def table(title: str, *columns: str) -> Table:
        # at least as wide as its title: rich wraps a title to the table's width
        t = Table(title=title, title_justify="left", box=None, pad_edge=False, min_width=len(title))
        for i, col in enumerate(columns):
            t.add_column(col, justify="right" if i else "left", overflow="fold")
        return t

    console = Console(
        file=io.StringIO(), width=width or 100, no_color=True, highlight=False, record=True
    )
    overview = table(tr("stats.sessions"), "", tr("stats.count"))
    overview.add_row(tr("stats.all"), str(report.sessions))
    overview.add_row(tr("stats.held"), shown(report.held))
    overview.add_row(tr("stats.not_held"), shown(report.not_held))
    overview.add_row(tr("stats.participants"), shown(report.participants))
    overview.add_row(tr("stats.follow_ups"), shown(report.follow_ups_set))
    overview.add_row(tr("stats.with_escalation"), shown(report.sessions_with_escalation))
    overview.add_row(tr("stats.escalations"), shown(report.escalations))
    renderables: list[Any] = [overview]
    for title, col, data, name in (
        ("stats.per_month", "stats.month", report.per_month, {}),
        ("stats.per_protocol", "stats.protocol", report.per_protocol, names.protocols),
        ("stats.why_not_held", "stats.reason", report.reasons, names.reasons),
        ("stats.signs", "stats.sign", report.signs, names.signs),
        ("stats.lesson_areas", "stats.area", report.lesson_categories, names.categories),
    ):
        t = table(tr(title), tr(col), tr("stats.sessions_col"))
        for k, v in data.items():
            t.add_row(name.get(k, k), shown(v))
        renderables.append(t)
    steps = table(
        tr("stats.steps_skipped"),
        tr("stats.protocol_step"),
        tr("stats.sessions_col"),
        tr("stats.skipped"),
        tr("stats.share"),
    )
    for r in report.steps:
        share = "" if r.share_skipped is None else f"{r.share_skipped:.0%}"
        steps.add_row(names.step(r.protocol, r.step), shown(r.sessions), shown(r.skipped), share)
    renderables.append(steps)
    for r in renderables:
        console.print(r)
        console.print()
    console.print(tr("stats.lessons"), markup=False)
    for lesson in report.lessons:
        console.print(f"  {lesson}", markup=False, soft_wrap=True)
    if not report.lessons:
        console.print(f"  {tr('stats.no_lessons')}", markup=False)
    console.print()
    for note in notes(report):
        console.print(note, markup=False, soft_wrap=True)
    return console.export_text()


RENDERERS: dict[str, Callable[[Report], str]] = {
    "table": render_table,
    "csv": render_csv,
    "json": render_json,
}
