"""Entities of a corpus, cached beside its index.

`mentions.json` keeps each article's extracted mentions (with character offsets into the
article's display text), so that an update re-extracts only the changed articles.
`entities.json` keeps the merged table (one entity per referent, with its spellings and the
articles that mention it), so that a warm start computes nothing. The table is merged again
only when an article changed or the aliases file did.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from tui.core.entities import Aliases, Entity, Gazetteer, Mention, load_aliases, load_gazetteer, merge
from tui.core.entities.model import FIGURE

ALIASES_FILE = "aliases.yaml"
GAZETTEER_FILE = "gazetteer.yaml"
TYPE_LABELS = {"person": "People", "organization": "Organisations", "place": "Places", "figure": "Figures"}


def corpus_or_bundled(corpus: Path, name: str) -> Path:
    from tui.core.locations import bundled_corpus

    own = corpus / name
    return own if own.is_file() else bundled_corpus() / name


def file_fingerprint(path: Path) -> str:
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()[:12]
    except OSError:
        return "none"


def encode(mentions: list[Mention]) -> list[list]:
    return [[m.type, m.text, m.start, m.end, m.key, int(m.curated), m.kind, m.value, m.unit] for m in mentions]


def decode(rows: list[list]) -> list[Mention]:
    return [Mention(t, x, s, e, k, bool(c), kind, v, u) for t, x, s, e, k, c, kind, v, u in rows]


def index_terms(mentions: list[Mention]) -> str:
    """What goes into the index's `entities` field: each mention's spelling and key, folded."""
    terms = {fold_name(m.text) for m in mentions if m.type != FIGURE}
    terms |= {fold_name(m.key) for m in mentions if m.type != FIGURE and m.key}
    return ",".join(sorted(t for t in terms if t))


def fold_name(name: str) -> str:
    return re.sub(r"[’'`]s$", "", " ".join(name.casefold().replace("’", "'").split()))


@dataclass
class EntityTable:
    entities: list[Entity]
    figures: list[Entity]

    def by_key(self) -> dict[str, Entity]:
        return {entity_key(e): e for e in self.entities + self.figures}


def entity_key(entity: Entity) -> str:
    return f"{entity.type}:{entity.name}"


class EntityStore:
    """Mentions per article path and the merged table, in one cache folder."""

    def __init__(self, cache_dir: Path, corpus: Path) -> None:
        self.mentions_path = cache_dir / "mentions.json"
        self.table_path = cache_dir / "entities.json"
        self.aliases_path = corpus_or_bundled(corpus, ALIASES_FILE)
        self.gazetteer_path = corpus_or_bundled(corpus, GAZETTEER_FILE)
        self._gazetteer: Gazetteer | None = None
        self.problems: list[str] = []
        self.mentions: dict[str, tuple[str, list]] | None = None  # path -> (article id, encoded)
        self._table: EntityTable | None = None

    def move(self, cache_dir: Path) -> None:
        self.mentions_path = cache_dir / "mentions.json"
        self.table_path = cache_dir / "entities.json"

    @property
    def gazetteer_fingerprint(self) -> str:
        return file_fingerprint(self.gazetteer_path)

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer, notes = load_gazetteer(self.gazetteer_path)
            self.problems += notes
        return self._gazetteer

    def aliases(self) -> Aliases:
        aliases, notes = load_aliases(self.aliases_path)
        self.problems += [f"{note}; the automatic merging rules still apply" for note in notes]
        return aliases

    # --- mentions --------------------------------------------------------------------------

    def load_mentions(self) -> dict[str, tuple[str, list]]:
        if self.mentions is None:
            try:
                data = json.loads(self.mentions_path.read_text(encoding="utf-8"))
                self.mentions = {p: (v[0], v[1]) for p, v in data.items()}
            except (OSError, ValueError, TypeError, IndexError, AttributeError):
                self.mentions = {}
        return self.mentions

    def reset(self) -> None:
        self.mentions = {}
        self._table = None

    def set_mentions(self, path: str, article_id: str, mentions: list[Mention]) -> None:
        self.load_mentions()[path] = (article_id, encode(mentions))

    def drop(self, path: str) -> None:
        self.load_mentions().pop(path, None)

    def mentions_of(self, path: str) -> list[Mention]:
        entry = self.load_mentions().get(path)
        return decode(entry[1]) if entry else []

    def save_mentions(self) -> None:
        _write_json(self.mentions_path, {p: [aid, rows] for p, (aid, rows) in sorted(self.load_mentions().items())})

    # --- the merged table ------------------------------------------------------------------

    def table(self) -> EntityTable:
        """The merged table from the cache; merged anew when the cache is missing or stale."""
        if self._table is None:
            self._table = self._load_table() or self.rebuild_table()
        return self._table

    def _load_table(self) -> EntityTable | None:
        try:
            data = json.loads(self.table_path.read_text(encoding="utf-8"))
            if data.get("aliases") != file_fingerprint(self.aliases_path):
                return None
            rows = [Entity(r["name"], r["type"], tuple(r["aliases"]), dict(r["articles"])) for r in data["entities"]]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        return EntityTable([e for e in rows if e.type != FIGURE], [e for e in rows if e.type == FIGURE])

    def rebuild_table(self) -> EntityTable:
        by_article = {}
        figures: dict[tuple[str, str], dict[str, int]] = {}
        for _path, (article_id, rows) in self.load_mentions().items():
            mentions = decode(rows)
            by_article[article_id] = mentions
            for m in mentions:
                if m.type == FIGURE:
                    counts = figures.setdefault((" ".join(m.text.split()), m.kind), {})
                    counts[article_id] = counts.get(article_id, 0) + 1
        entities = merge(by_article, self.aliases())
        figure_rows = [Entity(text, FIGURE, (), arts) for (text, _kind), arts in figures.items()]
        figure_rows.sort(key=lambda e: (-len(e.articles), -e.mention_count, e.name))
        table = EntityTable(entities, figure_rows)
        _write_json(self.table_path, {
            "aliases": file_fingerprint(self.aliases_path),
            "entities": [
                {"name": e.name, "type": e.type, "aliases": list(e.aliases), "articles": e.articles}
                for e in table.entities + table.figures
            ],
        })
        self._table = table
        return table


def _write_json(path: Path, data) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a cache we cannot write is recomputed next time
