"""Entities of a corpus, cached beside its index.

The `mentions` rows of `state.sqlite` (written by the index, see cache_db.py) keep each
article's extracted mentions (with character offsets into the article's display text), so
that an update re-extracts only the changed articles. `entities.json` keeps the merged table
(one entity per referent, with its spellings and the articles that mention it), so that a
warm start computes nothing. The table is merged again, on first use after the change, only
when an article's mentions changed (the state's `mentions_stamp`) or the aliases file did:
an update makes the index searchable first and leaves the merge to whoever needs the table.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from tui.core import cache_db
from tui.core.cache_db import CacheDB, CacheDBError

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
    """Mentions per article path (in the index's state file) and the merged table."""

    def __init__(self, cache_dir: Path, corpus: Path, db: CacheDB) -> None:
        self.db = db
        self.table_path = cache_dir / "entities.json"
        self.aliases_path = corpus_or_bundled(corpus, ALIASES_FILE)
        self.gazetteer_path = corpus_or_bundled(corpus, GAZETTEER_FILE)
        self._gazetteer: Gazetteer | None = None
        self.problems: list[str] = []
        self._table: EntityTable | None = None
        self._table_stamp: tuple[str, str] | None = None
        self._table_lock = threading.Lock()  # the sync worker and a search may both ask for it

    def move(self, cache_dir: Path) -> None:
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

    def reset(self) -> None:
        self._table = None
        self._table_stamp = None

    def mentions_of(self, path: str) -> list[Mention]:
        try:
            with closing(self.db.connect()) as conn:
                entry = cache_db.read_mentions(conn, path)
        except CacheDBError:
            return []
        return decode(entry[1]) if entry else []

    def _mentions_stamp(self) -> str:
        try:
            with closing(self.db.connect()) as conn:
                return cache_db.read_info(conn).get("mentions_stamp", "")
        except CacheDBError:
            return ""

    # --- the merged table ------------------------------------------------------------------

    def table(self, stale_ok: bool = False) -> EntityTable:
        """The merged table from the cache; merged anew when the cache is missing or stale.

        With stale_ok, while another thread is merging, the previous table is returned at
        once (a search need not wait seconds for the sidebar's merge)."""
        if not self._table_lock.acquire(blocking=not (stale_ok and self._table is not None)):
            return self._table
        try:
            stamp = (self._mentions_stamp(), file_fingerprint(self.aliases_path))
            if self._table is None or self._table_stamp != stamp:
                self._table = self._load_table(stamp) or self._rebuild_table(stamp)
                self._table_stamp = stamp
            return self._table
        finally:
            self._table_lock.release()

    def table_is_current(self) -> bool:
        """True when table() would not have to merge (cheap: no table is read)."""
        stamp = (self._mentions_stamp(), file_fingerprint(self.aliases_path))
        if self._table is not None and self._table_stamp == stamp:
            return True
        try:
            with self.table_path.open(encoding="utf-8") as f:
                head = f.read(200)
        except OSError:
            return False
        return head.startswith(_table_header(stamp))

    def _load_table(self, stamp: tuple[str, str]) -> EntityTable | None:
        try:
            text = self.table_path.read_text(encoding="utf-8")
            if not text.startswith(_table_header(stamp)):
                return None
            data = json.loads(text)
            rows = [Entity(r["name"], r["type"], tuple(r["aliases"]), dict(r["articles"])) for r in data["entities"]]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        return EntityTable([e for e in rows if e.type != FIGURE], [e for e in rows if e.type == FIGURE])

    def rebuild_table(self) -> EntityTable:
        with self._table_lock:
            stamp = (self._mentions_stamp(), file_fingerprint(self.aliases_path))
            self._table, self._table_stamp = self._rebuild_table(stamp), stamp
            return self._table

    def _rebuild_table(self, stamp: tuple[str, str]) -> EntityTable:
        by_article = {}
        figures: dict[tuple[str, str], dict[str, int]] = {}
        try:
            with closing(self.db.connect()) as conn:
                for _path, article_id, rows in cache_db.all_mentions(conn):
                    mentions = decode(rows)
                    by_article[article_id] = mentions
                    for m in mentions:
                        if m.type == FIGURE:
                            counts = figures.setdefault((" ".join(m.text.split()), m.kind), {})
                            counts[article_id] = counts.get(article_id, 0) + 1
        except (CacheDBError, TypeError, ValueError):
            by_article, figures = {}, {}
        entities = merge(by_article, self.aliases())
        figure_rows = [Entity(text, FIGURE, (), arts) for (text, _kind), arts in figures.items()]
        figure_rows.sort(key=lambda e: (-len(e.articles), -e.mention_count, e.name))
        table = EntityTable(entities, figure_rows)
        # The stamps come first in the file, so that a stale table is recognised without parsing it.
        _write_json(self.table_path, {
            "mentions": stamp[0],
            "aliases": stamp[1],
            "entities": [
                {"name": e.name, "type": e.type, "aliases": list(e.aliases), "articles": e.articles}
                for e in table.entities + table.figures
            ],
        })
        return table


def _table_header(stamp: tuple[str, str]) -> str:
    return json.dumps({"mentions": stamp[0], "aliases": stamp[1]}, separators=(",", ":"))[:-1] + ","


def _write_json(path: Path, data) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a cache we cannot write is recomputed next time
