"""Safe YAML reading that remembers where every key and value came from.

PyYAML's safe composer gives each node a start mark; we build plain Python data from the
nodes ourselves so that we can (1) remember the line/column of every path, (2) reject
duplicate keys, merge keys and alias bombs, and (3) cap the size of what we read.
Everything is reported as :class:`~avlastning_cli.errors.Issue` with a location.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from avlastning_cli.errors import Issue, Location
from avlastning_cli.i18n import tr

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 1_000_000
MAX_NODES = 100_000

PathT = tuple[str | int, ...]


@dataclass
class Source:
    """Data read from a YAML (or JSON) file, with the position of each path in it."""

    file: str
    data: Any
    values: dict[PathT, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathT, tuple[int, int]] = field(default_factory=dict)

    def location(self, path: PathT, *, key: bool = False) -> Location:
        """The best location for ``path``: the key (if asked) or value, else the nearest parent."""
        probe = tuple(path)
        while True:
            table = self.keys if key and probe in self.keys else self.values
            if probe in table:
                line, col = table[probe]
                return Location(self.file, line, col)
            if not probe:
                return Location(self.file, 1, 1)
            probe = probe[:-1]
            key = False

    def issue(self, path: PathT, message: str, *, key: bool = False) -> Issue:
        return Issue(self.location(path, key=key), dotted(path), message)


def dotted(path: PathT) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class YamlProblem(Exception):
    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("\n".join(str(i) for i in issues))
        self.issues = issues


def read_text(path: Path, what: str) -> str:
    """The UTF-8 text of ``path``, read with a bound whatever the file claims to be."""
    from avlastning_cli.fsutil import TooLarge, read_bounded

    try:
        raw = read_bounded(path, MAX_BYTES, what)
    except TooLarge:
        raise YamlProblem(
            [
                Issue(
                    Location(str(path), 1, 1),
                    "",
                    tr("val.too_big", max=MAX_BYTES, what=what),
                )
            ]
        ) from None
    return decode_utf8(raw, str(path))


def decode_utf8(raw: bytes, file: str) -> str:
    """``raw`` as UTF-8 (a BOM is dropped), or a problem located at the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        start = before.rfind(b"\n") + 1
        column = len(before[start:].decode("utf-8-sig", "replace")) + 1
        raise YamlProblem(
            [
                Issue(
                    Location(file, line, column),
                    "",
                    tr("val.not_utf8", byte=f"0x{raw[exc.start]:02x}"),
                )
            ]
        ) from None


#: PyYAML's most common problems (English, from PyYAML and libyaml alike), by how they start.
_PROBLEMS = {
    "did not find expected key": "val.yaml.expected_key",
    "did not find expected '-' indicator": "val.yaml.expected_dash",
    "did not find expected node content": "val.yaml.expected_value",
    "mapping values are not allowed": "val.yaml.colon",
    "found character that cannot start any token": "val.yaml.bad_character",
    "found unexpected end of stream": "val.yaml.unexpected_end",
    "could not find expected ':'": "val.yaml.expected_colon",
    "found undefined alias": "val.yaml.undefined_alias",
    "expected <block end>": "val.yaml.indentation",
}


def _problem(problem: str) -> str:
    """PyYAML's words in the command's language where we know them; else as PyYAML said."""
    for start, key in _PROBLEMS.items():
        if problem.startswith(start):
            return tr(key)
    return problem


def load(text: str, file: str) -> Source:
    """Parse ``text`` as one YAML document and return its data with locations."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlProblem([Issue(Location(file, 1, 1), "", tr("val.too_much_yaml", max=MAX_BYTES))])
    import yaml  # here, not at the top: a protocol loaded from the cache needs no YAML

    # libyaml's safe loader when PyYAML was built with it (several times faster), else Python's
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        problem = _problem(exc.problem or exc.context or "")
        raise YamlProblem([Issue(where, "", tr("val.yaml_syntax", problem=problem))]) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        where = Location(file, before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1)
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        raise YamlProblem([Issue(where, "", tr("val.control_char", code=f"{char:04X}"))]) from None
    except yaml.YAMLError as exc:
        raise YamlProblem([Issue(Location(file), "", tr("val.not_yaml", error=exc))]) from None
    source = Source(file=file, data=None)
    if node is None:
        raise YamlProblem([Issue(Location(file, 1, 1), "", tr("val.empty"))])
    builder = _Builder(source)
    source.data = builder.build(node, ())
    if builder.issues:
        raise YamlProblem(builder.issues)
    return source


class _Builder:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.issues: list[Issue] = []
        self.count = 0
        import yaml

        self.yaml = yaml
        self.constructor = yaml.SafeLoader("")

    def _at(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node: yaml.Node, path: PathT) -> Any:
        yaml = self.yaml
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self.issues.append(
                    Issue(
                        Location(self.source.file, *self._at(node)),
                        dotted(path),
                        tr("val.too_many_nodes", max=MAX_NODES),
                    )
                )
            return None
        self.source.values.setdefault(path, self._at(node))
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.issues.append(
                        Issue(
                            Location(self.source.file, *self._at(key_node)),
                            dotted(path),
                            tr("val.merge_key"),
                        )
                    )
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    self.issues.append(
                        Issue(
                            Location(self.source.file, *self._at(key_node)),
                            dotted(path),
                            tr("val.complex_key"),
                        )
                    )
                    continue
                key = self.constructor.construct_object(key_node)
                key = key if isinstance(key, str) else str(key)
                if key in result:
                    first = self.source.keys.get((*path, key))
                    where = tr("val.first_at", line=first[0]) if first else ""
                    self.issues.append(
                        Issue(
                            Location(self.source.file, *self._at(key_node)),
                            dotted((*path, key)),
                            tr("val.duplicate_key", key=key, where=where),
                        )
                    )
                    continue
                self.source.keys[(*path, key)] = self._at(key_node)
                result[key] = self.build(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node)
        except yaml.YAMLError as exc:
            self.issues.append(
                Issue(
                    Location(self.source.file, *self._at(node)),
                    dotted(path),
                    tr("val.bad_value", problem=getattr(exc, "problem", exc)),
                )
            )
            return None
