"""Known places, organisations, demonyms and given names (corpus/gazetteer.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import ORGANIZATION, PLACE
from .tokens import Token, split_words
from .yamlio import as_str_list, read_yaml

# YAML section -> (entity type, entry kind)
SECTIONS = {
    "countries": (PLACE, "country"),
    "cities": (PLACE, "city"),
    "regions": (PLACE, "region"),
    "organizations": (ORGANIZATION, "org"),
    # Institutions every country has: the country is part of their identity.
    "institutions": (ORGANIZATION, "institution"),
}


@dataclass(frozen=True, slots=True)
class GazEntry:
    name: str  # canonical name
    type: str  # place | organization
    kind: str  # country | city | region | org | institution

    @property
    def generic(self) -> bool:
        return self.kind == "institution"


_Cands = dict[str, list[tuple[str, GazEntry]]]


class Gazetteer:
    """Token-level longest-match lookup of known names."""

    def __init__(
        self,
        entries: dict[str, GazEntry] | None = None,
        demonyms: dict[str, str] | None = None,
        given_names: frozenset[str] = frozenset(),
    ):
        self.entries = dict(entries or {})  # any spelling -> entry
        self.demonyms = dict(demonyms or {})  # "Kazakh" -> "Kazakhstan"
        self.given_names = given_names
        # Word -> category, filled by the extractor: words recur across articles.
        self.word_cache: dict[str, tuple] = {}
        # first word -> [(spelling, entry)], longest spelling first
        self._first: _Cands = {}
        self._first_upper: _Cands = {}
        for spelling, entry in self.entries.items():
            words = split_words(spelling)
            if not words or spelling[0].islower():
                continue
            self._first.setdefault(words[0], []).append((spelling, entry))
            self._first_upper.setdefault(words[0].upper(), []).append((spelling.upper(), entry))
        for table in (self._first, self._first_upper):
            for cands in table.values():
                cands.sort(key=lambda c: -len(c[0]))

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, text: str, tokens: list[Token], i: int) -> tuple[int, GazEntry] | None:
        """Longest known name starting at token ``i``: (end token index, entry)."""
        tok = tokens[i]
        cands = self._first.get(tok.text)
        upper = False
        if cands is None:
            # Datelines and shouted headlines: "LONDON. KAZINFORM".
            if len(tok.text) < 3 or not tok.text.isupper():
                return None
            cands = self._first_upper.get(tok.text)
            if cands is None:
                return None
            upper = True
        s = tok.start
        for spelling, entry in cands:
            e = s + len(spelling)
            found = text[s:e]
            if (found.upper() if upper else found) != spelling:
                continue
            if e < len(text) and (text[e].isalnum() or text[e] in "-‐"):
                continue  # "Foreign Officer", "Kazakh-British"
            j = i + 1
            while j < len(tokens) and tokens[j].start < e:
                j += 1
            if tokens[j - 1].end == e or spelling[-1] == ".":
                return j, entry
        return None

    def lookup(self, word: str) -> GazEntry | None:
        """Exact single-spelling lookup."""
        return self.entries.get(word)

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(word)


def parse_gazetteer(data: object, source: str = "gazetteer.yaml") -> tuple[Gazetteer, list[str]]:
    """Build a Gazetteer from parsed YAML; bad entries are skipped and reported."""
    problems: list[str] = []
    if data is None:
        return Gazetteer(), problems
    if not isinstance(data, dict):
        return Gazetteer(), [f"{source}: top level must be a mapping of sections"]
    entries: dict[str, GazEntry] = {}
    demonyms: dict[str, str] = {}
    for section, body in data.items():
        if section == "given_names":
            continue
        if section not in SECTIONS:
            problems.append(f"{source}: unknown section {section!r}")
            continue
        if body is None:
            continue
        if not isinstance(body, dict):
            problems.append(f"{source}: section {section!r} must be a mapping 'Name: aliases'")
            continue
        etype, kind = SECTIONS[section]
        for name, spec in body.items():
            if not isinstance(name, str) or not name.strip():
                problems.append(f"{source}: {section}: bad name {name!r}")
                continue
            aliases, dems = _parse_spec(spec)
            if aliases is None or dems is None:
                problems.append(
                    f"{source}: {section}: {name}: expected a list of aliases or {{aliases, demonyms}}"
                )
                continue
            entry = GazEntry(name, etype, kind)
            for spelling in (name, *aliases):
                old = entries.get(spelling)
                if old is not None and old != entry:
                    problems.append(f"{source}: {spelling!r} is listed for both {old.name!r} and {name!r}")
                    continue
                entries[spelling] = entry
            for d in dems:
                demonyms.setdefault(d, name)
    given = as_str_list(data.get("given_names"))
    if given is None:
        problems.append(f"{source}: given_names must be a list of names")
        given = []
    return Gazetteer(entries, demonyms, frozenset(given)), problems


def _parse_spec(spec: object) -> tuple[list[str] | None, list[str] | None]:
    if isinstance(spec, dict):
        unknown = set(spec) - {"aliases", "demonyms"}
        if unknown:
            return None, None
        return as_str_list(spec.get("aliases")), as_str_list(spec.get("demonyms"))
    return as_str_list(spec), []


def load_gazetteer(path: str | Path | None = None) -> tuple[Gazetteer, list[str]]:
    """Load a gazetteer file (default: the bundled one). Never raises on bad data."""
    path = Path(path) if path is not None else default_gazetteer_path()
    data, problems = read_yaml(path)
    if problems:
        return Gazetteer(), problems
    return parse_gazetteer(data, path.name)


def default_gazetteer_path() -> Path:
    """The bundled gazetteer: inside an installed wheel, or in the source tree."""
    from tui.core.locations import bundled_corpus

    return bundled_corpus() / "gazetteer.yaml"


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process (problems ignored)."""
    return load_gazetteer()[0]
