"""The Whoosh index of a corpus, kept in the user cache dir and updated incrementally.

Beside the index lives a manifest (JSON): for each article file its size, mtime, content
hash, metadata and problems. Start-up compares a directory scan (stat only) with the
manifest, so an unchanged corpus is opened without reading any article text; changed
files are re-read and re-indexed, removed ones deleted. A new schema version, or new
boilerplate patterns, force a rebuild.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from tui.core.articles import ArticleMeta
from tui.core.boilerplate import BOILERPLATE_FILE, Boilerplate, load_boilerplate
from tui.core.entities import extract
from tui.core.entity_store import EntityStore, EntityTable, index_terms
from tui.core.loading import FileEntry, Problem, read_article, scan_corpus
from tui.core.locations import bundled_corpus, corpus_cache_dir

SCHEMA_VERSION = 2
INDEX_NAME = "articles"
COMMIT_EVERY = 5000  # documents per commit during a build: a cancelled or killed build keeps its progress

# Stemming without stop words: "Ministry of Foreign Affairs" must still match as a phrase.
TEXT_ANALYZER = StemmingAnalyzer(stoplist=None)


def make_schema() -> Schema:
    return Schema(
        path=ID(stored=True, unique=True),
        id=ID(stored=True),
        title=TEXT(stored=True, analyzer=TEXT_ANALYZER, field_boost=2.0),
        body=TEXT(analyzer=TEXT_ANALYZER, phrase=True),
        date=DATETIME(stored=True),
        publisher=TEXT(stored=True, analyzer=StandardAnalyzer(stoplist=None)),
        # Every spelling and key of the people, organisations and places an article mentions.
        entities=KEYWORD(commas=True, lowercase=True),
    )


Progress = Callable[[int, int, str], None]


@dataclass
class SyncReport:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    cancelled: bool = False
    read_only: str | None = None  # why the index could not be written, when it could not
    recovered: str | None = None  # what was found damaged and repaired
    seconds: float = 0.0

    @property
    def touched(self) -> int:
        return self.added + self.changed + self.removed


@dataclass
class _Record:
    size: int
    mtime_ns: int
    hash: str | None
    meta: dict | None
    problems: list[str] = field(default_factory=list)
    skipped: bool = False


class CorpusIndex:
    """One corpus folder, its cached index and manifest."""

    def __init__(self, corpus: Path, cache_dir: Path | None = None) -> None:
        self.corpus = Path(corpus)
        self.cache_dir = Path(cache_dir) if cache_dir else corpus_cache_dir(self.corpus)
        self.index_dir = self.cache_dir / "index"
        self.manifest_path = self.cache_dir / "manifest.json"
        self.boilerplate, self._config_problems = self._load_boilerplate()
        self.entity_store = EntityStore(self.cache_dir, self.corpus)
        self._records: dict[str, _Record] = {}
        self._scan_problems: list[Problem] = []
        self._lock = threading.Lock()
        self._articles: list[ArticleMeta] | None = None

    # --- configuration ---------------------------------------------------------------

    def _load_boilerplate(self) -> tuple[Boilerplate, list[Problem]]:
        own = self.corpus / BOILERPLATE_FILE
        source = own if own.is_file() else bundled_corpus() / BOILERPLATE_FILE
        boilerplate, notes = load_boilerplate(source)
        return boilerplate, [Problem(BOILERPLATE_FILE, note) for note in notes]

    @property
    def fingerprint(self) -> str:
        """Anything that changes what is indexed: a change rebuilds the index."""
        return f"{SCHEMA_VERSION}:{self.boilerplate.fingerprint}:{self.entity_store.gazetteer_fingerprint}"

    @property
    def entities(self) -> EntityTable:
        """The merged entity table (from the cache; merged anew only when stale)."""
        return self.entity_store.table()

    def expander(self):
        """Query expansion through the entity table (built once per table)."""
        from tui.core.name_expansion import NameExpander

        table = self.entities
        if getattr(self, "_expander_for", None) is not table:
            self._expander, self._expander_for = NameExpander(table.entities), table
        return self._expander

    # --- state -----------------------------------------------------------------------

    @property
    def articles(self) -> list[ArticleMeta]:
        """Metadata of every loaded article, in path order (from the manifest: no file reads)."""
        with self._lock:
            if self._articles is None:
                self._articles = [
                    ArticleMeta.from_json(r.meta) for _, r in sorted(self._records.items()) if r.meta
                ]
            return self._articles

    @property
    def problems(self) -> list[Problem]:
        with self._lock:
            found = list(self._config_problems) + list(self._scan_problems)
            found += [Problem("", note) for note in dict.fromkeys(self.entity_store.problems)]
            for path, record in sorted(self._records.items()):
                found += [Problem(path, reason, record.skipped) for reason in record.problems]
            return found

    def load_manifest(self) -> bool:
        """Load the cached manifest; True when it matches this schema and boilerplate."""
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not isinstance(data, dict) or data.get("fingerprint") != self.fingerprint:
            return False
        try:
            records = {path: _Record(**rec) for path, rec in data["files"].items()}
            for rec in records.values():  # a damaged record means a damaged manifest: rebuild
                if rec.meta is not None:
                    ArticleMeta.from_json(rec.meta)
        except (KeyError, TypeError, AttributeError, ValueError):
            return False
        with self._lock:
            self._records = records
            self._articles = None
            self._manifest_stamp = self._stamp()
        return True

    def _stamp(self):
        """The manifest file's identity on disk: if it is unchanged, what we hold is current."""
        try:
            st = self.manifest_path.stat()
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns, self.fingerprint)

    def _manifest_current(self) -> bool:
        """Load the manifest unless the copy in memory is already the one on disk (it is big)."""
        stamp = getattr(self, "_manifest_stamp", None)
        return (stamp is not None and stamp == self._stamp()) or self.load_manifest()

    def _save_manifest(self) -> None:
        data = {
            "fingerprint": self.fingerprint,
            "corpus": str(self.corpus.resolve()),
            "files": {path: rec.__dict__ for path, rec in sorted(self._records.items())},
        }
        tmp = self.manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.manifest_path)
        self._manifest_stamp = self._stamp()

    def index_exists(self) -> bool:
        try:
            return whoosh_index.exists(self._storage(), indexname=INDEX_NAME)
        except Exception:  # noqa: BLE001 - a broken index is as good as none
            return False

    def _storage(self) -> FileStorage:
        # No mmap: Whoosh's mmap path copies terms and postings into memory on open.
        return FileStorage(str(self.index_dir), supports_mmap=False)

    def open_index(self):
        return self._storage().open_index(indexname=INDEX_NAME)

    # --- sync --------------------------------------------------------------------------

    def sync(
        self,
        progress: Progress | None = None,
        rebuild: bool = False,
        cancel: threading.Event | None = None,
    ) -> SyncReport:
        """Bring the index and manifest up to date with the corpus folder.

        Only one process writes a cache folder at a time: another instance that finds it busy
        shows what is already indexed and says so. A cache folder that cannot be written is
        replaced by a temporary one for this run.
        """
        started = time.perf_counter()
        report = SyncReport()
        note = None
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            lock = _try_lock(self.cache_dir / "sync.lock")
        except OSError as exc:
            note = f"cannot write the index cache ({exc.strerror or exc}); using a temporary index for this run"
            self._move_cache(Path(tempfile.mkdtemp(prefix="corpus-explorer-")))
            lock = _try_lock(self.cache_dir / "sync.lock")
        if lock is None:
            self.load_manifest()
            report.read_only = "another corpus-explorer is updating this index; showing what is indexed"
            report.seconds = time.perf_counter() - started
            return report
        try:
            self._sync_locked(report, progress or (lambda done, total, message: None), rebuild, cancel)
        finally:
            _unlock(lock)
        report.read_only = report.read_only or note
        report.seconds = time.perf_counter() - started
        return report

    def _move_cache(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.index_dir = cache_dir / "index"
        self.manifest_path = cache_dir / "manifest.json"
        self.entity_store.move(cache_dir)

    def _healthy(self) -> bool:
        """The cached index opens, reads, and holds one document per article in the manifest."""
        expected = sum(1 for rec in self._records.values() if rec.meta)
        try:
            with self.open_index().searcher() as searcher:
                count = searcher.doc_count()
                if count:
                    reader = searcher.reader()
                    searcher.stored_fields(next(reader.all_doc_ids()))
                    next(iter(reader.lexicon("path")), None)
                    for _ in reader.iter_docs():
                        break
                return count == expected
        except Exception:  # noqa: BLE001 - any failure to read it means it is damaged
            return False

    def _sync_locked(self, report: SyncReport, progress: Progress, rebuild: bool, cancel) -> None:
        fresh = rebuild or not self._manifest_current() or not self.index_exists()
        if not fresh and not self._healthy():
            fresh = True
            report.recovered = "the cached index was damaged; it has been rebuilt"
        if fresh:
            report.rebuilt = True
            with self._lock:
                self._records = {}
                self._articles = None
                self._manifest_stamp = None
            self.entity_store.reset()

        progress(0, 0, "scanning the corpus folder")
        entries, scan_problems = scan_corpus(self.corpus)
        current = {e.path: e for e in entries}
        todo: list[FileEntry] = []
        for entry in entries:
            old = self._records.get(entry.path)
            if old is None:
                report.added += 1
                todo.append(entry)
            elif old.size != entry.size or old.mtime_ns != entry.mtime_ns:
                report.changed += 1
                todo.append(entry)
            else:
                report.unchanged += 1
        removed = [path for path in self._records if path not in current]
        report.removed = len(removed)
        with self._lock:
            self._scan_problems = scan_problems

        if not fresh and not todo and not removed:
            self.entities  # load (or, if aliases.yaml changed, re-merge) the table now, not on first use
            return
        self.entity_store.load_mentions()

        try:
            if fresh:
                shutil.rmtree(self.index_dir, ignore_errors=True)
                self.index_dir.mkdir(parents=True)
                self._storage().create_index(make_schema(), indexname=INDEX_NAME)
            self._write(todo, removed, progress, cancel, report)
        except LockError:
            report.read_only = "another corpus-explorer is updating this index; showing what is indexed"
        except OSError as exc:
            report.read_only = f"cannot write the index cache ({exc.strerror or exc}); showing what is indexed"

    def _write(self, todo, removed, progress, cancel, report) -> None:
        ix = self.open_index()
        writer = ix.writer(timeout=2.0)
        total = len(todo) + len(removed)
        done = 0
        try:
            for path in removed:
                writer.delete_by_term("path", path)
                with self._lock:
                    self._records.pop(path, None)
                self.entity_store.drop(path)
                done += 1
            taken = self._taken_ids(exclude={e.path for e in todo})
            pending = 0
            for entry in todo:
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break
                self._index_one(writer, entry, taken)
                done += 1
                pending += 1
                if done % 50 == 0 or done == total:
                    progress(done, total, "indexing")
                if pending >= COMMIT_EVERY:
                    writer.commit()
                    self._save_state()
                    writer = ix.writer(timeout=2.0)
                    pending = 0
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        finally:
            with self._lock:
                self._articles = None
        progress(total, total, "merging entities")
        self._save_state()
        self.entity_store.rebuild_table()
        progress(total, total, "ready")

    def _save_state(self) -> None:
        # Mentions first: a manifest never lists an article whose mentions were not saved.
        self.entity_store.save_mentions()
        self._save_manifest()

    def _taken_ids(self, exclude: set[str]) -> dict[str, str]:
        return {rec.meta["id"]: path for path, rec in self._records.items() if rec.meta and path not in exclude}

    def _index_one(self, writer, entry: FileEntry, taken: dict[str, str]) -> None:
        article, data, problems = read_article(self.corpus, entry.path, self.boilerplate)
        reasons = [p.reason for p in problems]
        meta = None
        if article is not None:
            meta = article.meta
            if meta.id in taken and taken[meta.id] != entry.path:
                new_id = _unique_id(meta.id, taken)
                reasons.append(f"duplicate id {meta.id!r} (also in {taken[meta.id]}); shown as {new_id!r}")
                meta = replace(meta, id=new_id)
            taken[meta.id] = entry.path
            text = self.boilerplate.clean(article.body)
            mentions = extract(text, self.entity_store.gazetteer)
            self.entity_store.set_mentions(entry.path, meta.id, mentions)
            writer.update_document(
                path=entry.path,
                id=meta.id,
                title=meta.title,
                body=text,
                entities=index_terms(mentions),
                date=datetime(meta.date.year, meta.date.month, meta.date.day) if meta.date else None,
                publisher=meta.publisher or "",
            )
        else:
            writer.delete_by_term("path", entry.path)
            self.entity_store.drop(entry.path)
        record = _Record(
            size=entry.size,
            mtime_ns=entry.mtime_ns,
            hash=hashlib.blake2b(data, digest_size=16).hexdigest() if data is not None else None,
            meta=meta.to_json() if meta else None,
            problems=reasons,
            skipped=article is None,
        )
        with self._lock:
            self._records[entry.path] = record

    # --- reading one article -------------------------------------------------------------

    def read(self, meta: ArticleMeta):
        """The full article for a list entry (read lazily from its file)."""
        article, _, problems = read_article(self.corpus, meta.path, self.boilerplate)
        return article, problems


def _try_lock(path: Path):
    """An exclusive, non-blocking lock on path: the open file, or None when another holds it."""
    handle = open(path, "a+b")  # noqa: SIM115 - held until _unlock
    if fcntl is None:  # Windows: no advisory locks here; Whoosh's own write lock still applies
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def _unlock(handle) -> None:
    try:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


def _unique_id(article_id: str, taken: dict[str, str]) -> str:
    n = 2
    while f"{article_id}-{n}" in taken:
        n += 1
    return f"{article_id}-{n}"
