"""Hand-made alias decisions (corpus/aliases.yaml) that override the heuristics."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import ENTITY_TYPES
from .names import fold
from .yamlio import as_str_list, read_yaml


@dataclass(frozen=True, slots=True)
class AliasEntry:
    canonical: str
    type: str | None  # None: any type
    variants: tuple[str, ...]


@dataclass(frozen=True)
class Aliases:
    entries: tuple[AliasEntry, ...] = ()
    keep_apart: tuple[tuple[str, str], ...] = ()
    _index: dict[str, AliasEntry] = field(default_factory=dict, init=False, repr=False, compare=False)
    _apart: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            for name in (entry.canonical, *entry.variants):
                self._index.setdefault(fold(name), entry)
        apart: dict[str, set[str]] = {}
        for a, b in self.keep_apart:
            apart.setdefault(fold(a), set()).add(fold(b))
            apart.setdefault(fold(b), set()).add(fold(a))
        self._apart.update({k: frozenset(v) for k, v in apart.items()})

    def entry_for(self, name: str, etype: str | None = None) -> AliasEntry | None:
        """The alias entry a spelling belongs to (type-compatible), if any."""
        entry = self._index.get(fold(name))
        if entry is None or (etype and entry.type and entry.type != etype):
            return None
        return entry

    def kept_apart_from(self, folded_name: str) -> frozenset[str]:
        return self._apart.get(folded_name, frozenset())


def parse_aliases(data: object, source: str = "aliases.yaml") -> tuple[Aliases, list[str]]:
    """Build Aliases from parsed YAML; bad entries are skipped and reported."""
    problems: list[str] = []
    if data is None:
        return Aliases(), problems
    if not isinstance(data, dict):
        return Aliases(), [f"{source}: top level must be a mapping with 'entities' and 'keep_apart'"]
    unknown = set(data) - {"entities", "keep_apart"}
    if unknown:
        problems.append(f"{source}: unknown keys {sorted(map(str, unknown))}")
    entries: list[AliasEntry] = []
    owner: dict[str, str] = {}
    raw_entries = data.get("entities") or []
    if not isinstance(raw_entries, list):
        problems.append(f"{source}: 'entities' must be a list")
        raw_entries = []
    for n, raw in enumerate(raw_entries, 1):
        where = f"{source}: entities[{n}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("canonical"), str):
            problems.append(f"{where}: needs 'canonical: <name>'")
            continue
        canonical = raw["canonical"].strip()
        etype = raw.get("type")
        if etype is not None and etype not in ENTITY_TYPES:
            problems.append(f"{where}: type must be one of {', '.join(ENTITY_TYPES)}")
            continue
        variants = as_str_list(raw.get("variants"))
        if variants is None:
            problems.append(f"{where}: 'variants' must be a list of names")
            continue
        kept = []
        for name in (canonical, *variants):
            prior = owner.get(fold(name))
            if prior is not None and prior != canonical:
                problems.append(f"{where}: {name!r} already belongs to {prior!r}")
                continue
            owner[fold(name)] = canonical
            if name != canonical:
                kept.append(name.strip())
        entries.append(AliasEntry(canonical, etype, tuple(kept)))
    pairs: list[tuple[str, str]] = []
    raw_pairs = data.get("keep_apart") or []
    if not isinstance(raw_pairs, list):
        problems.append(f"{source}: 'keep_apart' must be a list of [name, name] pairs")
        raw_pairs = []
    for n, pair in enumerate(raw_pairs, 1):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            problems.append(f"{source}: keep_apart[{n}] must be a pair [name, name]")
            continue
        a, b = pair
        if owner.get(fold(a)) is not None and owner.get(fold(a)) == owner.get(fold(b)):
            problems.append(f"{source}: keep_apart[{n}] {a!r} and {b!r} are also listed as one entity")
            continue
        pairs.append((a, b))
    return Aliases(tuple(entries), tuple(pairs)), problems


def load_aliases(path: str | Path | None = None) -> tuple[Aliases, list[str]]:
    """Load an aliases file (default: the bundled one). Never raises on bad data:
    problems come back as messages and the usable part is returned."""
    path = Path(path) if path is not None else default_aliases_path()
    data, problems = read_yaml(path)
    if problems:
        return Aliases(), problems
    return parse_aliases(data, path.name)


def default_aliases_path() -> Path:
    from tui.core.locations import bundled_corpus

    return bundled_corpus() / "aliases.yaml"
