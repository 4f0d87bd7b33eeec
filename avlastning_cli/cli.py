"""The command line. The only module that imports typer; each command parses its options
and calls one library function. Library modules are imported inside the commands so that
`avlastning --help` starts fast (no pydantic, no questionary on that path)."""

# No `from __future__ import annotations` here: typer would then evaluate every option's
# annotation from its string when it builds the commands (about 6 ms of every start).
import contextlib
import copy
import errno
import os
import re
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, NoReturn, TextIO

import typer

from avlastning_cli.errors import Interrupted, UserError
from avlastning_cli.i18n import LANGUAGES, argv_language, ntr, resolve, set_language, tr

# Help texts are read here, at import: `tr` decides the language from the command line's
# --lang, $AVLASTNING_LANG or the locale on its first call (see avlastning_cli.i18n).
app = typer.Typer(
    name="avlastning",
    help=tr("cli.app.help"),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals could hold what someone typed
    rich_markup_mode=None,
)

ProtocolArg = Annotated[
    str | None,
    typer.Argument(
        help=tr("cli.protocol_arg.help"),
        show_default=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        help=tr("cli.lang.help"),
        show_default=False,
    ),
]


def _speak(lang: str | None) -> None:
    """Messages of this command in ``lang`` when it is given (and valid)."""
    if lang in LANGUAGES:
        set_language(lang)


def _open(ref: str | None, lang: str | None) -> Any:
    """The protocol, loaded; from here on the command speaks the protocol's language."""
    from avlastning_cli.protocol.loader import open_protocol

    protocol = open_protocol(ref, lang)[0]
    set_language(protocol.language)
    return protocol


def _echo(message: str | bytes, nl: bool = True, err: bool = False) -> None:
    """Print text that may hold what the tool did not write itself: control characters are
    shown as ^[ and friends, never sent to the terminal."""
    from avlastning_cli.textsafe import visible

    typer.echo(visible(message) if isinstance(message, str) else message, nl=nl, err=err)


def _err(message: str) -> None:
    from avlastning_cli.ui.console import safe_console

    safe_console(stderr=True, soft_wrap=True).print(message, style="red", markup=False)


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """User errors become a message and exit 1; Ctrl-C exits 130; real bugs keep a traceback."""
    try:
        yield
    except UserError as exc:
        _err(str(exc))
        raise typer.Exit(exc.exit_code) from None
    except (Interrupted, KeyboardInterrupt):
        from avlastning_cli.session import signals

        if signals.received:
            signals.restore_terminal()
        raise typer.Exit(signals.exit_code()) from None


def _fail(message: str, code: int = 1) -> NoReturn:
    _err(message)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from avlastning_cli import __version__

        typer.echo(f"avlastning {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help=tr("cli.version.help")
        ),
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Bare `avlastning` opens a calm menu; outside a terminal it prints this help."""
    # every invocation decides afresh (tests run many in one process); a subcommand's own
    # --lang is already on the command line, and its help is shown before it runs
    set_language(resolve(lang or argv_language(sys.argv[1:])))
    if ctx.invoked_subcommand is None:
        from avlastning_cli.session.tty import is_terminal

        if not is_terminal():
            typer.echo(ctx.get_help())
            return
        from avlastning_cli.session.live import menu

        with handled():
            menu()


@app.command("protocols", help=tr("cli.protocols.help"))
def protocols_cmd(
    as_json: Annotated[bool, typer.Option("--json", help=tr("cli.protocols.json"))] = False,
    lang: LangOpt = None,
) -> None:
    """List the bundled protocols (id, language, title, version)."""
    _speak(lang)
    from avlastning_cli.protocol.registry import bundled, plain_table

    items = bundled()
    if as_json:
        import json

        rows = [
            {
                "id": b.id,
                "language": b.language,
                "title": b.title,
                "version": b.version,
                "type": b.type,
            }
            for b in items
        ]
        _echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    _echo(plain_table(items), nl=False)


@app.command("validate", help=tr("cli.validate.help"))
def validate_cmd(
    files: Annotated[list[Path], typer.Argument(help=tr("cli.validate.files"))],
    strict: Annotated[bool, typer.Option("--strict", help=tr("cli.validate.strict"))] = False,
    lang: LangOpt = None,
) -> None:
    """Check protocol files. Every problem is shown as FILE:LINE:COLUMN: where: what."""
    _speak(lang)
    from avlastning_cli.protocol.loader import load_protocol, read_protocol

    filled: dict[str, str] = {}
    if strict:
        from avlastning_cli.organisation.store import load_values

        with handled():
            filled = load_values()
    failed = 0
    for path in files:
        try:
            # strict checks need the located source; otherwise bytes checked before are cached
            protocol, source = (
                read_protocol(path)
                if strict
                else (load_protocol(path, organisation=False), None)  # the file as it is
            )
        except UserError as exc:
            failed += 1
            _echo(str(exc))
            continue
        problems = []
        if source is not None:
            from avlastning_cli.protocol.strict import strict_issues

            problems = strict_issues(protocol, source, filled=filled)
        if problems:
            failed += 1
            _echo(
                ntr(
                    "cli.validate.strict_problems",
                    "cli.validate.strict_problems#plural",
                    len(problems),
                    file=path,
                )
            )
            for issue in problems:
                _echo(str(issue))
        else:
            _echo(
                tr(
                    "cli.validate.ok",
                    file=path,
                    id=protocol.id,
                    version=protocol.version,
                    language=protocol.language,
                )
            )
    if failed:
        raise typer.Exit(1)


@app.command("schema", help=tr("cli.schema.help"))
def schema_cmd() -> None:
    """Print the protocol format's JSON Schema (for editor completion)."""
    from avlastning_cli.protocol.schema import protocol_schema_text

    typer.echo(protocol_schema_text(), nl=False)


@app.command("new", help=tr("cli.new.help"))
def new_cmd(
    file: Annotated[Path, typer.Argument(help=tr("cli.new.file"))],
    from_id: Annotated[str, typer.Option("--from", help=tr("cli.new.from"))] = "avlastningssamtal",
    lang: LangOpt = None,
) -> None:
    """Copy a bundled protocol to FILE, to adapt to your organisation's routines."""
    _speak(lang)
    from avlastning_cli.protocol.copy import copy_bundled

    with handled():
        copy_bundled(from_id, lang, file)
    _echo(tr("cli.new.wrote", file=file))


@app.command("answers", help=tr("cli.answers.help"))
def answers_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help=tr("cli.answers.json"))] = False,
    rehearsal: Annotated[
        bool, typer.Option("--rehearsal", help=tr("cli.answers.rehearsal"))
    ] = False,
) -> None:
    """Print a template of every answer a session takes, with its default (for --answers)."""
    _speak(lang)
    from avlastning_cli.export.answers_template import answers_json, answers_yaml

    with handled():
        p = _open(protocol, lang)
    mode: Literal["live", "rehearsal"] = "rehearsal" if rehearsal else "live"
    _echo(answers_json(p, mode) if as_json else answers_yaml(p, mode), nl=False)


ExportFormatOpt = Annotated[
    Literal["md", "txt", "html", "pdf"] | None,
    typer.Option(
        "--format",
        "-f",
        help=tr("cli.export.format"),
        case_sensitive=False,
        show_default=False,
    ),
]
ExportOutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=tr("cli.export.output"),
        dir_okay=False,
        show_default=False,
    ),
]


def _print_or_write(data: str | bytes, output: Path | None) -> None:
    from avlastning_cli.fsutil import write_new_file

    if output is None:
        _echo(data, nl=False)
        return
    with handled():
        write_new_file(output, data)
    _echo(tr("cli.wrote", file=output))


def _warn_undrawable(doc: Any, language: str) -> None:
    """Say which characters the PDF shows as "?" (the bundled font has no glyph for them)."""
    from avlastning_cli.export.pdf import undrawable
    from avlastning_cli.ui.labels import labels

    missing = undrawable(doc)
    if missing:
        _echo(labels(language)["pdf_glyphs"].format(chars=" ".join(missing[:20])), err=True)


@app.command("checklist", help=tr("cli.checklist.help"))
def checklist_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    fmt: ExportFormatOpt = None,
    output: ExportOutputOpt = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help=tr("cli.checklist.full"),
        ),
    ] = False,
) -> None:
    """Print the checklist for the room (one sheet, both sides): steps, rules, signs, contacts."""
    _speak(lang)
    from avlastning_cli.export.checklist import checklist_model
    from avlastning_cli.export.output import pick_format
    from avlastning_cli.export.render import render

    with handled():
        chosen = pick_format(fmt, output, "checklist")
        p = _open(protocol, lang)
        doc = checklist_model(p, full=full)
        data = render(doc, chosen)
    _print_or_write(data, output)
    if chosen == "pdf":
        _warn_undrawable(doc, p.language)


@app.command("card", help=tr("cli.card.help"))
def card_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    fmt: ExportFormatOpt = None,
    output: ExportOutputOpt = None,
) -> None:
    """Print the take-home card for every participant: what to tell at home, normal reactions,
    when to seek help and whom to contact. It holds no names, dates or details of the event."""
    _speak(lang)
    from avlastning_cli.export.card import card_model
    from avlastning_cli.export.output import pick_format
    from avlastning_cli.export.render import render

    with handled():
        chosen = pick_format(fmt, output, "card")
        p = _open(protocol, lang)
        doc = card_model(p)
        data = render(doc, chosen)
    _print_or_write(data, output)
    if chosen == "pdf":
        _warn_undrawable(doc, p.language)


def setup_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help=tr("cli.anpassa.set"),
            show_default=False,
        ),
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help=tr("cli.anpassa.from"),
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help=tr("cli.anpassa.file"),
            show_default=False,
        ),
    ] = None,
    show: Annotated[bool, typer.Option("--show", help=tr("cli.anpassa.show"))] = False,
) -> None:
    """Fill in the organisation's own contacts (manager, occupational health, health centre,
    crisis support…) once; every command then prints them in place of <fyll i …>."""
    _speak(lang)
    from avlastning_cli.organisation.setup import setup
    from avlastning_cli.session.tty import is_terminal

    with handled():
        setup(
            protocol,
            lang,
            file,
            set_ or [],
            from_file,
            show_only=show,
            interactive=is_terminal(),
        )


app.command("anpassa", help=tr("cli.anpassa.help"))(setup_cmd)
app.command("setup", help=tr("cli.setup.help"))(setup_cmd)


@app.command("scrub", help=tr("cli.scrub.help"))
def scrub_cmd(
    file: Annotated[
        Path | None, typer.Argument(help=tr("cli.scrub.file"), show_default=False)
    ] = None,
    lang: LangOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help=tr("cli.scrub.json"))] = False,
) -> None:
    """Mask personal data (names, identity numbers, phones, e-mail, addresses) in a text."""
    _speak(lang)
    from avlastning_cli.fsutil import TooLarge, read_stream
    from avlastning_cli.privacy import scrub
    from avlastning_cli.protocol.registry import check_language
    from avlastning_cli.yamlsrc import MAX_BYTES, YamlProblem, decode_utf8, read_text

    with handled():
        language = check_language(lang)
        if file is None and not as_json:
            _scrub_stdin(language)  # paragraph by paragraph: any length, bounded memory
            return
        try:
            if file is None:  # bounded, and UTF-8 whatever the locale says
                stdin = getattr(sys.stdin, "buffer", sys.stdin) if sys.stdin else None
                text = decode_utf8(read_stream(stdin, MAX_BYTES), "<stdin>")
            else:
                text = read_text(file, tr("what.text_file"))
        except YamlProblem as exc:
            raise UserError(str(exc)) from None
        except TooLarge:
            raise UserError(
                tr("err.text_too_large", max=MAX_BYTES), tr("err.text_too_large_hint")
            ) from None
    result = scrub(text, language)
    if as_json:
        import json

        findings = [{"type": f.type, "start": f.start, "end": f.end} for f in result.findings]
        payload = {"text": result.text, "count": result.count, "findings": findings}
        _echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _echo(result.text, nl=not result.text.endswith("\n"))


#: Standard input is scrubbed piece by piece up to this many characters (memory stays bounded
#: whatever the length; the limit only stops an endless stream).
STREAM_MAX_CHARS = 1_000_000_000


def _scrub_stdin(language: str) -> None:
    """Scrub standard input piece by piece (see ``privacy.scrub_stream``), read as UTF-8
    whatever the locale says, so that a long text needs no more memory than a short one. A NUL
    character (binary data, /dev/zero) or more than :data:`STREAM_MAX_CHARS` stops it."""
    import io

    from avlastning_cli.privacy import scrub_stream

    if sys.stdin is None:
        raise UserError(tr("err.no_stdin_text"), tr("err.no_stdin_text_hint"))
    raw = getattr(sys.stdin, "buffer", None)
    reader: TextIO = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") if raw else sys.stdin
    seen = 0

    def read(n: int) -> str:
        nonlocal seen
        block = reader.read(n)
        seen += len(block)
        if "\x00" in block:
            raise UserError(tr("err.stdin_nul"))
        if seen > STREAM_MAX_CHARS:
            raise UserError(
                tr("err.text_too_many_chars", max=STREAM_MAX_CHARS), tr("err.text_too_large_hint")
            )
        return block

    last = ""
    try:
        for piece in scrub_stream(read, language):
            if piece.text:
                _echo(piece.text, nl=False)
                last = piece.text
    except UnicodeDecodeError as exc:
        raise UserError(
            tr("err.stdin_not_utf8", byte=f"0x{exc.object[exc.start]:02x}"),
            tr("err.save_as_utf8"),
        ) from None
    finally:
        if raw is not None and isinstance(reader, io.TextIOWrapper):
            reader.detach()  # leave the real standard input open
    if not last.endswith("\n"):
        _echo("")


AnswersOpt = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        help=tr("cli.answers_opt.help"),
        show_default=False,
    ),
]


@app.command("run", help=tr("cli.run.help"))
def run_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    answers: AnswersOpt = None,
    out: Annotated[Path | None, typer.Option("--out", help=tr("cli.run.out"))] = None,
) -> None:
    """Lead a defusing session step by step, then write the anonymised summary.
    Ctrl-C pauses it; `avlastning resume` goes on."""
    _speak(lang)
    from avlastning_cli.session.live import run_session

    with handled():
        run_session(protocol, lang, answers, out, "live")


@app.command("rehearse", help=tr("cli.rehearse.help"))
def rehearse_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    answers: AnswersOpt = None,
    out: Annotated[Path | None, typer.Option("--out", help=tr("cli.rehearse.out"))] = None,
) -> None:
    """Rehearse the protocol: tips and reasons in full, practice situations, and a timing
    report. Writes nothing unless --out is given."""
    _speak(lang)
    from avlastning_cli.session.live import run_session

    with handled():
        run_session(protocol, lang, answers, out, "rehearsal")


@app.command("resume", help=tr("cli.resume.help"))
def resume_cmd(
    discard: Annotated[bool, typer.Option("--discard", help=tr("cli.resume.discard"))] = False,
    out: Annotated[
        Path | None, typer.Option("--out", help=tr("cli.resume.out"), show_default=False)
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Go on with a paused or interrupted session, where it was."""
    _speak(lang)
    from avlastning_cli.session.live import resume_session

    with handled():
        resume_session(discard, out)


@app.command("not-held", help=tr("cli.not_held.help"))
def not_held_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            help=tr("cli.not_held.reason"),
            show_default=False,
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help=tr("cli.not_held.out"))] = Path("."),
    on: Annotated[
        datetime | None,
        typer.Option(
            "--date",
            formats=["%Y-%m-%d"],
            help=tr("cli.not_held.date"),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Record, with no personal data, that a session was considered but not held, and why."""
    _speak(lang)
    from avlastning_cli.session.live import not_held

    with handled():
        day = on.date() if on is not None else None
        if day is not None and day > date.today():
            raise UserError(tr("cli.not_held.future", day=day), tr("cli.not_held.future_hint"))
        not_held(protocol, lang, reason, out, day)


def _month_option(value: str | None) -> str | None:
    """A month YYYY-MM; a day or anything else is a usage error (exit 2) with a hint."""
    if value is None:
        return None
    from avlastning_cli.stats import parse_month

    try:
        return parse_month(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command("stats", help=tr("cli.stats.help"))
def stats_cmd(
    paths: Annotated[list[Path], typer.Argument(help=tr("cli.stats.paths"))],
    fmt: Annotated[
        Literal["table", "csv", "json"],
        typer.Option("--format", "-f", help=tr("cli.stats.format")),
    ] = "table",
    since: Annotated[
        str | None,
        typer.Option(
            "--since", callback=_month_option, help=tr("cli.stats.since"), show_default=False
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", callback=_month_option, help=tr("cli.stats.until"), show_default=False
        ),
    ] = None,
    min_group: Annotated[
        int, typer.Option("--min-group", min=3, help=tr("cli.stats.min_group"))
    ] = 3,
    rehearsals: Annotated[
        bool, typer.Option("--rehearsals", help=tr("cli.stats.rehearsals"))
    ] = False,
    protocol: Annotated[
        list[Path] | None,
        typer.Option("--protocol", help=tr("cli.stats.protocol"), show_default=False),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """What many summaries say: sessions per month and protocol, held or not and why, warning
    signs, follow-ups, steps skipped, lessons. Small groups, and the counts that would give
    them away, are hidden; no personal data."""
    _speak(lang)
    from avlastning_cli import stats

    def skipped(path: Path, why: str) -> None:
        _echo(tr("cli.stats.skipped", file=path, why=why), err=True)

    with handled():
        agg = stats.aggregate(
            paths,
            since=since,
            until=until,
            include_rehearsals=rehearsals,
            on_skip=skipped,
            protocols=protocol or [],
        )
        if agg.files_read == 0:
            raise UserError(tr("cli.stats.none_found"), tr("cli.stats.none_found_hint"))
        text = stats.RENDERERS[fmt](stats.build_report(agg, min_group))
    _echo(text, nl=not text.endswith("\n"))


# --- typer's own words (its vendored click has no gettext): "Usage:", "Options", errors ------

_CLICK_ERRORS = (
    (re.compile(r"Missing argument '(?P<name>.+)'\.(?P<rest>.*)"), "click.missing_argument"),
    (re.compile(r"Missing option '(?P<name>.+)'\.(?P<rest>.*)"), "click.missing_option"),
    (re.compile(r"Missing command\.(?P<rest>.*)"), "click.missing_command"),
    (
        re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)"),
        "click.no_such_option_hint",
    ),
    (re.compile(r"No such option: (?P<name>\S+)(?P<rest>.*)"), "click.no_such_option"),
    (re.compile(r"No such command '(?P<name>.+)'\.(?P<rest>.*)"), "click.no_such_command"),
    (
        re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.+)\)(?P<rest>.*)"),
        "click.extra_arguments",
    ),
    (re.compile(r"Invalid value for (?P<name>.+?): (?P<rest>.*)"), "click.invalid_value"),
)
#: What typer says about a value, after "Invalid value for X: ".
_CLICK_VALUES = (
    (
        re.compile(r"(?:Value error, )?(?P<value>'.*') is not one of (?P<choices>.+)\."),
        "click.not_one_of",
    ),
    (
        re.compile(
            r"(?:Value error, )?(?P<value>'.*') does not match the formats? (?P<formats>.+)\."
        ),
        "click.bad_date",
    ),
    (re.compile(r" Did you mean (?P<names>.+)\?"), "click.did_you_mean"),
    (re.compile(r"Input should be a valid integer.*"), "click.not_int"),
    (re.compile(r"Input should be greater than or equal to (?P<min>\S+)"), "click.too_small"),
)


def click_message(message: str) -> str:
    """One of typer's English usage errors in the command's language (unknown ones as they are)."""
    for pattern, key in _CLICK_ERRORS:
        found = pattern.fullmatch(message)
        if found:
            fields = {"rest": "", **found.groupdict()}
            for value_pattern, value_key in _CLICK_VALUES:
                value = value_pattern.fullmatch(fields["rest"])
                if value:
                    fields["rest"] = tr(value_key, **value.groupdict())
            return tr(key, **fields)
    return message


def _click_extras(text: str) -> str:
    """ "… [default: table; required]" → "… [standard: table; krävs]"."""
    found = re.search(r"\[([^\[\]]*)\]\s*$", text)
    if not found:
        return text
    items = []
    for item in found.group(1).split("; "):
        if item.startswith("default: "):
            item = tr("click.default", default=item[len("default: ") :])
        elif item == "required":
            item = tr("click.required")
        items.append(item)
    return f"{text[: found.start()]}[{'; '.join(items)}]{text[found.end() :]}"


def _speak_click() -> None:
    """Help and usage errors in the command's language: typer's formatter and its usage error
    are given our words. Attribute names are typer's private ones; if they move, the help
    stays correct and only those few words stay English."""
    try:
        from typer._click import core as click_core
        from typer._click import exceptions as click_exceptions
        from typer._click import formatting
        from typer._click.utils import echo
    except ImportError:  # pragma: no cover - another typer layout
        return

    class Formatter(formatting.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            args = args.replace("[OPTIONS]", tr("click.options_metavar"))
            args = args.replace("COMMAND [ARGS]...", tr("click.command_metavar"))
            super().write_usage(prog, args, prefix or tr("click.usage") + " ")

        def write_heading(self, heading: str) -> None:
            key = {"Options": "click.options", "Arguments": "click.arguments"}.get(heading)
            key = key or {"Commands": "click.commands"}.get(heading)
            super().write_heading(tr(key) if key else heading)

        def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
            help_option = "Show this message and exit."
            rows = [
                (term, tr("click.help_option") if text == help_option else _click_extras(text))
                for term, text in rows
            ]
            super().write_dl(rows, *args, **kwargs)

    def show(self: Any, file: Any = None) -> None:
        if file is None:
            file = sys.stderr
        color = None
        if self.ctx is not None:
            color = self.ctx.color
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = tr(
                    "click.try_help",
                    command=self.ctx.command_path,
                    option=self.ctx.help_option_names[0],
                )
                hint += "\n"
            echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=color)
        message = tr("click.error", message=click_message(self.format_message()))
        echo(message, file=file, color=color)

    if hasattr(click_core.Context, "formatter_class"):
        click_core.Context.formatter_class = Formatter
    if hasattr(click_exceptions.UsageError, "show"):
        click_exceptions.UsageError.show = show  # type: ignore[method-assign]


_speak_click()


def _utf8_when_redirected() -> None:
    """Output sent to a file or pipe is UTF-8 everywhere (Windows would pick its code page
    and fail on "→" or "☐"); a console keeps its own encoding, with replacement.

    Keys typed in a POSIX terminal are read as UTF-8 even under a non-UTF-8 locale
    (``LC_ALL=C PYTHONUTF8=0``, ``PYTHONIOENCODING=ascii``): the prompts decode input with
    stdin's encoding, and as ASCII "å" was lost or became bytes the state could not save."""
    stdin = sys.stdin
    with contextlib.suppress(Exception):
        if (
            os.name == "posix"
            and stdin is not None
            and stdin.isatty()
            and (stdin.encoding or "").lower().replace("-", "") != "utf8"
        ):
            stdin.reconfigure(encoding="utf-8", errors="surrogateescape")  # type: ignore[union-attr]
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        with contextlib.suppress(Exception):
            if stream.isatty():
                reconfigure(errors="replace")
            else:
                reconfigure(encoding="utf-8")


#: Errors from writing the output (a full disk, a closed pipe), not bugs in the tool.
_OUTPUT_ERRNOS = {
    errno.ENOSPC,
    errno.EPIPE,
    errno.EIO,
    errno.EFBIG,
    getattr(errno, "EDQUOT", errno.ENOSPC),
}


def _output_lost(exc: OSError) -> int:
    """Writing to stdout failed: say so in one line (a closed pipe is not worth a word), and
    point stdout at the null device so that Python's last flush does not fail again."""
    with contextlib.suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if exc.errno != errno.EPIPE:
        from avlastning_cli.protocol.registry import default_language
        from avlastning_cli.ui.labels import labels

        with contextlib.suppress(Exception):
            message = labels(default_language())["output_lost"].format(why=exc.strerror or exc)
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
    return 1


def _only_the_command_named(argv: list[str]) -> typer.Typer:
    """The app with just the command ``argv`` starts with, when it starts with one: typer
    builds every registered command's parameters at each start (about 3 ms for all of them),
    and a command's behaviour, help and errors do not depend on the others. Anything else
    (the menu, --help, a global option first, a misspelt command) gets the whole app."""
    if not argv or argv[0].startswith("-"):
        return app
    chosen = [info for info in app.registered_commands if info.name == argv[0]]
    if not chosen:
        return app
    trimmed = copy.copy(app)
    trimmed.registered_commands = chosen
    return trimmed


def main() -> None:
    """The console script."""
    from avlastning_cli.session.signals import install_handlers

    _utf8_when_redirected()
    install_handlers()
    code: int | str | None = 0
    try:
        _only_the_command_named(sys.argv[1:])()
    except KeyboardInterrupt:
        from avlastning_cli.session import signals

        code = signals.exit_code()
    except SystemExit as exc:
        code = exc.code
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        code = _output_lost(exc)
    try:  # now, so that a full disk is reported here and not as "Exception ignored" at exit
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        code = code or _output_lost(exc)
    sys.exit(code)
