"""The command line. The only module that imports typer; each command parses its options
and calls one library function. Library modules are imported inside the commands so that
`avlastning --help` starts fast (no pydantic, no questionary on that path)."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, NoReturn, TextIO

import typer

from avlastning_cli.errors import Interrupted, UserError

app = typer.Typer(
    name="avlastning",
    help=(
        "Leder dig som teamledare genom ett avlastningssamtal efter en allvarlig händelse på "
        "jobbet, och skriver en avidentifierad sammanfattning. Skriv bara `avlastning` för en "
        "meny.\n\n"
        "Leads you, the team leader, through an avlastningssamtal (defusing) after a serious "
        "incident at work, and writes an anonymised summary. Run it with no command to get a "
        "menu."
    ),
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
        help="A bundled protocol id (see `avlastning protocols`) or a path to a YAML file. "
        "Default: avlastningssamtal.",
        show_default=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        help="Language of a bundled protocol: sv or en (default sv, or $AVLASTNING_LANG).",
        show_default=False,
    ),
]


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
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Bare `avlastning` opens a calm menu; outside a terminal it prints this help."""
    if ctx.invoked_subcommand is None:
        from avlastning_cli.session.tty import is_terminal

        if not is_terminal():
            typer.echo(ctx.get_help())
            return
        from avlastning_cli.session.live import menu

        with handled():
            menu()


@app.command("protocols")
def protocols_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """List the bundled protocols (id, language, title, version)."""
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


@app.command("validate")
def validate_cmd(
    files: Annotated[list[Path], typer.Argument(help="Protocol YAML files to check.")],
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Also fail on placeholders left to fill in (<fyll i …>; those filled in with "
            "`avlastning anpassa` are fine) and a passed review date.",
        ),
    ] = False,
) -> None:
    """Check protocol files. Every problem is shown as FILE:LINE:COLUMN: where: what."""
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
            _echo(f"{path}: {len(problems)} problem(s) in strict mode")
            for issue in problems:
                _echo(str(issue))
        else:
            _echo(f"{path}: ok ({protocol.id} {protocol.version}, {protocol.language})")
    if failed:
        raise typer.Exit(1)


@app.command("schema")
def schema_cmd() -> None:
    """Print the protocol format's JSON Schema (for editor completion)."""
    from avlastning_cli.protocol.schema import protocol_schema_text

    typer.echo(protocol_schema_text(), nl=False)


@app.command("new")
def new_cmd(
    file: Annotated[Path, typer.Argument(help="Where to write your copy (it must not exist).")],
    from_id: Annotated[
        str, typer.Option("--from", help="The bundled protocol to copy.")
    ] = "avlastningssamtal",
    lang: LangOpt = None,
) -> None:
    """Copy a bundled protocol to FILE, to adapt to your organisation's routines."""
    from avlastning_cli.protocol.copy import copy_bundled

    with handled():
        copy_bundled(from_id, lang, file)
    _echo(
        f"Wrote {file}. Fill in the <fyll i …> places (or leave them to `avlastning anpassa`), "
        f"then: avlastning validate {file}"
    )


@app.command("answers")
def answers_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of YAML.")] = False,
    rehearsal: Annotated[
        bool, typer.Option("--rehearsal", help="Include the rehearsal's scenarios and self-rating.")
    ] = False,
) -> None:
    """Print a template of every answer a session takes, with its default (for --answers)."""
    from avlastning_cli.export.answers_template import answers_json, answers_yaml
    from avlastning_cli.protocol.loader import open_protocol

    with handled():
        p, _ = open_protocol(protocol, lang)
    mode: Literal["live", "rehearsal"] = "rehearsal" if rehearsal else "live"
    _echo(answers_json(p, mode) if as_json else answers_yaml(p, mode), nl=False)


ExportFormatOpt = Annotated[
    Literal["md", "txt", "html", "pdf"] | None,
    typer.Option(
        "--format",
        "-f",
        help="md or txt (printed here unless -o is given), html or pdf (need -o). "
        "Default: from the -o file's ending, else md.",
        case_sensitive=False,
        show_default=False,
    ),
]
ExportOutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="The file to write. An existing file is never overwritten.",
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
    _echo(f"Wrote {output}.")


def _warn_undrawable(doc: Any, language: str) -> None:
    """Say which characters the PDF shows as "?" (the bundled font has no glyph for them)."""
    from avlastning_cli.export.pdf import undrawable
    from avlastning_cli.ui.labels import labels

    missing = undrawable(doc)
    if missing:
        _echo(labels(language)["pdf_glyphs"].format(chars=" ".join(missing[:20])), err=True)


@app.command("checklist")
def checklist_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    fmt: ExportFormatOpt = None,
    output: ExportOutputOpt = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="The whole script to read aloud, step by step, with your own notes set apart "
            "(for rehearsing), instead of the checklist for the room.",
        ),
    ] = False,
) -> None:
    """Print the checklist for the room (one sheet, both sides): steps, rules, signs, contacts."""
    from avlastning_cli.export.checklist import checklist_model
    from avlastning_cli.export.output import pick_format
    from avlastning_cli.export.render import render
    from avlastning_cli.protocol.loader import open_protocol

    with handled():
        chosen = pick_format(fmt, output, "checklist")
        p = open_protocol(protocol, lang)[0]
        doc = checklist_model(p, full=full)
        data = render(doc, chosen)
    _print_or_write(data, output)
    if chosen == "pdf":
        _warn_undrawable(doc, p.language)


@app.command("card")
def card_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    fmt: ExportFormatOpt = None,
    output: ExportOutputOpt = None,
) -> None:
    """Print the take-home card for every participant: what to tell at home, normal reactions,
    when to seek help and whom to contact. It holds no names, dates or details of the event."""
    from avlastning_cli.export.card import card_model
    from avlastning_cli.export.output import pick_format
    from avlastning_cli.export.render import render
    from avlastning_cli.protocol.loader import open_protocol

    with handled():
        chosen = pick_format(fmt, output, "card")
        p = open_protocol(protocol, lang)[0]
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
            help="KEY=VALUE, without questions (repeatable; an empty VALUE clears it). "
            "--show lists the keys.",
            show_default=False,
        ),
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Take the answers from another organisation file, e.g. the one your "
            "coordinator sent.",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help="The organisation file to change. Default: $AVLASTNING_ORGANISATION, else "
            "organisation.yaml in your user config folder (every command reads it from there).",
            show_default=False,
        ),
    ] = None,
    show: Annotated[
        bool, typer.Option("--show", help="Show where the file is, the keys and the answers.")
    ] = False,
) -> None:
    """Fill in the organisation's own contacts (manager, occupational health, health centre,
    crisis support…) once; every command then prints them in place of <fyll i …>."""
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


app.command("anpassa")(setup_cmd)
app.command("setup", help="The same as `anpassa`: fill in the organisation's own contacts.")(
    setup_cmd
)


@app.command("scrub")
def scrub_cmd(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="A text file to scrub; standard input if left out.", show_default=False
        ),
    ] = None,
    lang: LangOpt = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the scrubbed text and what was found, as JSON.")
    ] = False,
) -> None:
    """Mask personal data (names, identity numbers, phones, e-mail, addresses) in a text."""
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
                text = read_text(file, "text file")
        except YamlProblem as exc:
            raise UserError(str(exc)) from None
        except TooLarge:
            raise UserError(
                f"The text is more than {MAX_BYTES:,} bytes.", "Scrub it in smaller parts."
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
        raise UserError("There is no standard input to read.", "Give a file instead.")
    raw = getattr(sys.stdin, "buffer", None)
    reader: TextIO = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") if raw else sys.stdin
    seen = 0

    def read(n: int) -> str:
        nonlocal seen
        block = reader.read(n)
        seen += len(block)
        if "\x00" in block:
            raise UserError("<stdin>: the input holds NUL characters: it is not text.")
        if seen > STREAM_MAX_CHARS:
            raise UserError(
                f"The text is more than {STREAM_MAX_CHARS:,} characters.",
                "Scrub it in smaller parts.",
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
            f"<stdin>: the text is not UTF-8 (byte 0x{exc.object[exc.start]:02x}).",
            "Save it as UTF-8.",
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
        help="Answer from this YAML or JSON file instead of asking (see `avlastning answers`). "
        "Keys left out take their defaults; no prompt is shown.",
        show_default=False,
    ),
]


@app.command("run")
def run_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    answers: AnswersOpt = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for the summary (.md and .json). Default: here."),
    ] = None,
) -> None:
    """Lead a defusing session step by step, then write the anonymised summary.
    Ctrl-C pauses it; `avlastning resume` goes on."""
    from avlastning_cli.session.live import run_session

    with handled():
        run_session(protocol, lang, answers, out, "live")


@app.command("rehearse")
def rehearse_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    answers: AnswersOpt = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Also write the rehearsal's summary to this folder."),
    ] = None,
) -> None:
    """Rehearse the protocol: tips and reasons in full, practice situations, and a timing
    report. Writes nothing unless --out is given."""
    from avlastning_cli.session.live import run_session

    with handled():
        run_session(protocol, lang, answers, out, "rehearsal")


@app.command("resume")
def resume_cmd(
    discard: Annotated[
        bool, typer.Option("--discard", help="Drop the paused session instead.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Save the summary in this folder instead (e.g. when the first one could not "
            "be written).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Go on with a paused or interrupted session, where it was."""
    from avlastning_cli.session.live import resume_session

    with handled():
        resume_session(discard, out)


@app.command("not-held")
def not_held_cmd(
    protocol: ProtocolArg = None,
    lang: LangOpt = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            help="Why it was not held: a reason id from the protocol (asked for in a terminal).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the record (.md and .json).")
    ] = Path("."),
    on: Annotated[
        datetime | None,
        typer.Option(
            "--date",
            formats=["%Y-%m-%d"],
            help="The day it was considered, YYYY-MM-DD (default: today).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Record, with no personal data, that a session was considered but not held, and why."""
    from avlastning_cli.session.live import not_held

    with handled():
        day = on.date() if on is not None else None
        if day is not None and day > date.today():
            raise UserError(f"--date {day} is in the future.", "Give the day it was considered.")
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


@app.command("stats")
def stats_cmd(
    paths: Annotated[
        list[Path], typer.Argument(help="Summary .json files, or folders to search recursively.")
    ],
    fmt: Annotated[
        Literal["table", "csv", "json"], typer.Option("--format", "-f", help="table, csv or json.")
    ] = "table",
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            callback=_month_option,
            help="Only sessions from this month on (YYYY-MM; whole months only).",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            callback=_month_option,
            help="Only sessions up to and including this month (YYYY-MM).",
            show_default=False,
        ),
    ] = None,
    min_group: Annotated[
        int,
        typer.Option(
            "--min-group",
            min=3,
            help='Hide counts of fewer sessions than this, as ".." (3 or more).',
        ),
    ] = 3,
    rehearsals: Annotated[
        bool, typer.Option("--rehearsals", help="Also count rehearsals (left out by default).")
    ] = False,
    protocol: Annotated[
        list[Path] | None,
        typer.Option(
            "--protocol",
            help="Your own protocol file(s) the summaries were written with (e.g. a copy made "
            "with `avlastning new`): their ids are checked against it instead of the bundled "
            "one of the same id. Repeat for each file.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """What many summaries say: sessions per month and protocol, held or not and why, warning
    signs, follow-ups, steps skipped, lessons. Small groups, and the counts that would give
    them away, are hidden; no personal data."""
    from avlastning_cli import stats

    def skipped(path: Path, why: str) -> None:
        _echo(f"{path}: skipped: {why}", err=True)

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
            raise UserError("No summary files found.", "Give the folder the summaries are in.")
        text = stats.RENDERERS[fmt](stats.build_report(agg, min_group))
    _echo(text, nl=not text.endswith("\n"))


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


def main() -> None:
    """The console script."""
    from avlastning_cli.session.signals import install_handlers

    _utf8_when_redirected()
    install_handlers()
    code: int | str | None = 0
    try:
        app()
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
