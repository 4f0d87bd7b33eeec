"""The organisation's view: counts over many summary files, without anyone's personal data.

:class:`Aggregator` reads one summary at a time and keeps only counters keyed by ids and
months, so memory does not grow with the number of files. The one list that grows, the
lessons to take further, is capped (the most recent ``max_lessons``; the rest are counted).

Small groups are masked when the report is built (:func:`build_report`): every count that
describes a subgroup of sessions — per month, per protocol, held / not held, per reason, per
warning sign, sessions with an escalation, follow-ups set, per step — is shown as ``"< N"``
when it is 1 … N-1 (N = ``min_group``, default 3). Zero is shown as 0: it singles nobody out.
Sums over a group (participants, escalations) are masked when the group they sum over is.
The total number of sessions is the population itself and is always shown.

Summaries in Swedish and English are counted together: everything is keyed by id.
"""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import io
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from avlastning_cli.errors import UserError
from avlastning_cli.i18n import language, ntr, tr
from avlastning_cli.summary.model import SCHEMA, HeldSummary, NotHeldRecord, parse_json

Record = HeldSummary | NotHeldRecord

STATS_SCHEMA = "avlastning.stats/1"
MIN_GROUP = 3
MAX_LESSONS = 200

Masked = int | str


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
        return tr("stats.skip.other_schema", schema=repr(schema))
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


# --- counting --------------------------------------------------------------------------------


@dataclass
class Aggregator:
    """Counts summaries one at a time. Call :meth:`add_file` (or :meth:`add`) for each, then
    :func:`build_report`."""

    since: str | None = None
    include_rehearsals: bool = False
    max_lessons: int = MAX_LESSONS
    on_skip: Callable[[Path, str], None] | None = None

    files_read: int = 0
    files_skipped: int = 0
    rehearsals_excluded: int = 0
    before_since: int = 0
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
    step_seen: Counter[tuple[str, str]] = field(default_factory=Counter)
    step_skipped: Counter[tuple[str, str]] = field(default_factory=Counter)
    lessons_total: int = 0
    _lessons: list[tuple[str, str]] = field(default_factory=list)  # a min-heap of (date, text)

    def add_file(self, path: Path) -> bool:
        """Count one file; a file that is not a summary is reported to ``on_skip`` and skipped."""
        try:
            summary = read_summary(path)
        except NotASummary as exc:
            self.files_skipped += 1
            if self.on_skip is not None:
                self.on_skip(path, str(exc))
            return False
        self.files_read += 1
        self.add(summary)
        return True

    def add(self, s: Record | dict[str, Any]) -> None:
        """Count one summary (a dict is checked first, see :func:`check_summary`)."""
        if isinstance(s, dict):
            s = check_summary(s)
        if s.mode == "rehearsal" and not self.include_rehearsals:
            self.rehearsals_excluded += 1
            return
        date = s.date.isoformat()
        if self.since is not None and date < self.since:
            self.before_since += 1
            return
        self.sessions += 1
        self.per_month[date[:7]] += 1
        protocol_id = s.protocol.id
        self.per_protocol[protocol_id] += 1
        if s.mode == "not_held":
            self.not_held += 1
            self.reasons[s.not_held.reason] += 1
            return
        self.held += 1
        self.participants += s.participants or 0  # None: not answered
        self.signs.update(set(s.warning_signs.flagged))
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
        for line in s.lessons.splitlines():
            if line.strip():
                self._lesson(date, line.rstrip())

    def _lesson(self, date: str, text: str) -> None:
        self.lessons_total += 1
        if self.max_lessons <= 0:
            return
        if len(self._lessons) < self.max_lessons:
            heapq.heappush(self._lessons, (date, text))
        elif (date, text) > self._lessons[0]:
            heapq.heapreplace(self._lessons, (date, text))

    def lessons(self) -> list[str]:
        """The kept lessons, most recent first (ties in a stable order)."""
        return [text for _, text in sorted(self._lessons, reverse=True)]


def aggregate(
    paths: Iterable[Path],
    *,
    since: dt.date | None = None,
    include_rehearsals: bool = False,
    max_lessons: int = MAX_LESSONS,
    on_skip: Callable[[Path, str], None] | None = None,
) -> Aggregator:
    """Read every summary file under ``paths``, one at a time."""
    paths = list(paths)
    for path in paths:
        if not path.exists():
            raise UserError(tr("stats.no_such_path", file=path))
    agg = Aggregator(
        since=since.isoformat() if since else None,
        include_rehearsals=include_rehearsals,
        max_lessons=max_lessons,
        on_skip=on_skip,
    )
    for path in summary_files(paths):
        agg.add_file(path)
    return agg


# --- the report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepRow:
    protocol: str
    step: str
    sessions: Masked
    skipped: Masked
    share_skipped: float | None  # None when either count is masked or there are no sessions


@dataclass(frozen=True)
class Report:
    """What is shown: every small group already masked. Renderers only format it."""

    min_group: int
    since: str | None
    include_rehearsals: bool
    files_read: int
    files_skipped: int
    rehearsals_excluded: int
    before_since: int
    sessions: int
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
    steps: list[StepRow]
    lessons: list[str]
    lessons_not_listed: int


def mask(count: int, min_group: int) -> Masked:
    """``count`` as it may be shown: ``"< N"`` for 1 … N-1, otherwise the number."""
    return f"< {min_group}" if 0 < count < min_group else count


def _sum_over(total: int, group: int, min_group: int) -> Masked:
    return total if mask(group, min_group) == group else f"< {min_group} sessions"


def build_report(agg: Aggregator, min_group: int = MIN_GROUP) -> Report:
    if min_group < 1:
        raise UserError(tr("stats.min_group"))

    def m(count: int) -> Masked:
        return mask(count, min_group)

    def counts(counter: Counter[str]) -> dict[str, Masked]:
        return {k: m(v) for k, v in sorted(counter.items())}

    steps = []
    # by protocol, and within one in the order its steps come (as first seen in a summary)
    for key in sorted(agg.step_seen, key=lambda k: k[0]):
        seen, skipped = agg.step_seen[key], agg.step_skipped[key]
        shown_seen, shown_skipped = m(seen), m(skipped)
        share = (
            round(skipped / seen, 3)
            if seen and shown_seen == seen and shown_skipped == skipped
            else None
        )
        steps.append(StepRow(key[0], key[1], shown_seen, shown_skipped, share))
    lessons = agg.lessons()
    return Report(
        min_group=min_group,
        since=agg.since,
        include_rehearsals=agg.include_rehearsals,
        files_read=agg.files_read,
        files_skipped=agg.files_skipped,
        rehearsals_excluded=agg.rehearsals_excluded,
        before_since=agg.before_since,
        sessions=agg.sessions,
        held=m(agg.held),
        not_held=m(agg.not_held),
        per_month=counts(agg.per_month),
        per_protocol=counts(agg.per_protocol),
        reasons=counts(agg.reasons),
        participants=_sum_over(agg.participants, agg.held, min_group),
        signs=counts(agg.signs),
        sessions_with_escalation=m(agg.sessions_with_escalation),
        escalations=_sum_over(agg.escalations, agg.sessions_with_escalation, min_group),
        follow_ups_set=m(agg.follow_ups_set),
        steps=steps,
        lessons=lessons,
        lessons_not_listed=agg.lessons_total - len(lessons),
    )


def notes(report: Report) -> list[str]:
    """The plain sentences every format carries: what was counted and what was masked."""
    out = [
        ntr("stats.note.read", "stats.note.read#plural", report.files_read)
        + " "
        + tr("stats.note.skipped", skipped=report.files_skipped),
        tr("stats.note.masked", min=report.min_group),
        tr("stats.note.languages"),
    ]
    if not report.include_rehearsals:
        out.append(tr("stats.note.rehearsals", n=report.rehearsals_excluded))
    if report.since:
        out.append(tr("stats.note.since", since=report.since, n=report.before_since))
    if report.lessons_not_listed:
        out.append(
            tr("stats.note.lessons", listed=len(report.lessons), more=report.lessons_not_listed)
        )
    return out


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": STATS_SCHEMA,
        "min_group": report.min_group,
        "since": report.since,
        "files": {
            "read": report.files_read,
            "skipped": report.files_skipped,
            "rehearsals_excluded": report.rehearsals_excluded,
            "before_since": report.before_since,
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
    """One row per figure: ``section,key,value`` (masked values as ``< N``)."""
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

    def step(self, protocol: str, step: str) -> str:
        return (
            f"{self.protocols.get(protocol, protocol)} / {self.steps.get((protocol, step), step)}"
        )


def titles(lang: str) -> Titles:
    """The titles in ``lang``, read straight from the bundled YAML (no validation needed)."""
    import yaml

    from avlastning_cli.protocol.registry import protocols_dir

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    found = Titles({}, {}, {}, {})
    for path in sorted(protocols_dir().glob(f"*.{lang}.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        pid = str(data.get("id"))
        found.protocols[pid] = " ".join(str(data.get("title", pid)).split())
        for section in data.get("sections") or []:
            found.steps[(pid, str(section.get("id")))] = str(section.get("title", ""))
            for sign in section.get("signs") or []:
                label = sign.get("title") or sign.get("text") or sign.get("id")
                found.signs.setdefault(str(sign.get("id")), " ".join(str(label).split()))
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
        if isinstance(value, str) and value.endswith(" sessions"):  # see _sum_over
            return tr("stats.fewer_sessions", n=value.removeprefix("< ").split()[0])
        return str(value)

    def table(title: str, *columns: str) -> Table:
        t = Table(title=title, title_justify="left", box=None, pad_edge=False)
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


def parse_since(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(
            tr("stats.bad_since", value=repr(value)), tr("stats.bad_since_hint")
        ) from None
