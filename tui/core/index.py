"""The Whoosh index of a corpus, kept in the user cache dir and updated incrementally.

Beside the index lives a manifest (rows in `state.sqlite`, see cache_db.py): for each
article file its size, mtime, content hash, metadata and problems, and its entity mentions.
Start-up compares a directory scan (stat only) with the manifest, so an unchanged corpus is
opened without reading any article text; changed files are re-read and re-indexed, removed
ones deleted, and only their rows rewritten. A new schema version, or new boilerplate
patterns, force a rebuild. Whoosh, YAML and the entity extractor are imported on first use:
the app draws its first frame before any of them is needed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

from tui.core import cache_db
from tui.core.articles import ArticleMeta
from tui.core.cache_db import CacheDB, CacheDBError
from tui.core.entity_store import EntityStore, EntityTable, encode, index_terms
from tui.core.locations import bundled_corpus, corpus_cache_dir

if TYPE_CHECKING:
    from tui.core.boilerplate import Boilerplate
    from tui.core.loading import FileEntry, Problem

SCHEMA_VERSION = 4
INDEX_NAME = "articles"
STATE_FILE = "state.sqlite"
COMMIT_EVERY = 5000  # documents per commit during a build: a cancelled or killed build keeps its progress


@functools.cache
def text_analyzer():
    """Stemming without stop words: "Ministry of Foreign Affairs" must still match as a phrase."""
    from whoosh.analysis import StemmingAnalyzer

    return StemmingAnalyzer(stoplist=None)


@functools.cache
def pair_analyzer():
    """Each pair of adjacent common words as one term (see pairs.py)."""
    from tui.core.pairs import CommonPairsFilter

    return text_analyzer() | CommonPairsFilter()


def __getattr__(name: str):
    if name == "TEXT_ANALYZER":  # the analyzer, built when first asked for
        return text_analyzer()
    raise AttributeError(name)


def make_schema():
    from whoosh.analysis import StandardAnalyzer
    from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema

    TEXT_ANALYZER = text_analyzer()
    return Schema(
        path=ID(stored=True, unique=True),
        id=ID(stored=True),
        title=TEXT(stored=True, analyzer=TEXT_ANALYZER, field_boost=2.0),
        body=TEXT(analyzer=TEXT_ANALYZER, phrase=True),
        pairs=TEXT(analyzer=pair_analyzer(), phrase=False),  # the body's common-word pairs, for phrases
        date=DATETIME(stored=True, sortable=True),  # a column: date-only searches sort without reading postings
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


@dataclass(slots=True)
class _Record:
    size: int
    mtime_ns: int
    meta: ArticleMeta | None
    problems: tuple[str, ...] = ()
    skipped: bool = False


class CorpusIndex:
    """One corpus folder, its cached index and manifest."""

    def __init__(self, corpus: Path, cache_dir: Path | None = None) -> None:
        self.corpus = Path(corpus)
        self.cache_dir = Path(cache_dir) if cache_dir else corpus_cache_dir(self.corpus)
        self.index_dir = self.cache_dir / "index"
        self.manifest_path = self.cache_dir / STATE_FILE
        self.db = CacheDB(self.manifest_path)
        self.entity_store = EntityStore(self.cache_dir, self.corpus, self.db)
        self._records: dict[str, _Record] = {}
        self._scan_problems: list[Problem] = []
        self._lock = threading.Lock()
        self._articles: list[ArticleMeta] | None = None
        self._manifest_stamp: str | None = None

    # --- configuration ---------------------------------------------------------------

    @functools.cached_property
    def _boilerplate_and_problems(self) -> tuple[Boilerplate, list[Problem]]:
        from tui.core.boilerplate import BOILERPLATE_FILE, load_boilerplate
        from tui.core.loading import Problem

        own = self.corpus / BOILERPLATE_FILE
        source = own if own.is_file() else bundled_corpus() / BOILERPLATE_FILE
        boilerplate, notes = load_boilerplate(source)
        return boilerplate, [Problem(BOILERPLATE_FILE, note) for note in notes]

    @property
    def boilerplate(self) -> Boilerplate:
        return self._boilerplate_and_problems[0]

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

        table = self.entity_store.table(stale_ok=True)
        if getattr(self, "_expander_for", None) is not table:
            self._expander, self._expander_for = NameExpander(table.entities), table
        return self._expander

    # --- state -----------------------------------------------------------------------

    @property
    def articles(self) -> list[ArticleMeta]:
        """Metadata of every loaded article, in path order (from the manifest: no file reads)."""
        with self._lock:
            if self._articles is None:
                self._articles = [r.meta for _, r in sorted(self._records.items()) if r.meta]
            return self._articles

    @property
    def problems(self) -> list[Problem]:
        from tui.core.loading import Problem

        with self._lock:
            found = list(self._boilerplate_and_problems[1]) + list(self._scan_problems)
            found += [Problem("", note) for note in dict.fromkeys(self.entity_store.problems)]
            for path, record in sorted(self._records.items()):
                found += [Problem(path, reason, record.skipped) for reason in record.problems]
            return found

    def load_manifest(self) -> bool:
        """Load the cached manifest; True when it matches this schema and boilerplate."""
        try:
            conn = self.db.connect()
        except CacheDBError:
            return False
        try:
            info = cache_db.read_info(conn)
            if info.get("version") != str(cache_db.DB_VERSION) or info.get("fingerprint") != self.fingerprint:
                return False
            records = {}
            for path, size, mtime_ns, meta, problems, skipped in cache_db.read_files(conn):
                records[path] = _Record(
                    size, mtime_ns,
                    ArticleMeta.from_json(json.loads(meta)) if meta else None,
                    tuple(json.loads(problems)) if problems else (),
                    bool(skipped),
                )
        except (CacheDBError, KeyError, TypeError, AttributeError, ValueError):
            return False  # a damaged record means a damaged manifest: rebuild
        finally:
            conn.close()
        with self._lock:
            self._records = records
            self._articles = None
            self._manifest_stamp = info.get("stamp")
        return True

    def manifest_size(self) -> int:
        """Bytes of the cached manifest on disk (0 when there is none)."""
        try:
            return self.manifest_path.stat().st_size
        except OSError:
            return 0

    def _stamp(self) -> str | None:
        """The manifest's identity on disk (a new one at every write): equal means current."""
        try:
            conn = self.db.connect()
        except CacheDBError:
            return None
        try:
            info = cache_db.read_info(conn)
        except CacheDBError:
            return None
        finally:
            conn.close()
        return info.get("stamp") if info.get("fingerprint") == self.fingerprint else None

    def _manifest_current(self) -> bool:
        """Load the manifest unless the copy in memory is already the one on disk."""
        return (self._manifest_stamp is not None and self._manifest_stamp == self._stamp()) or self.load_manifest()

    def index_exists(self) -> bool:
        from whoosh import index as whoosh_index

        try:
            return whoosh_index.exists(self._storage(), indexname=INDEX_NAME)
        except Exception:  # noqa: BLE001 - a broken index is as good as none
            return False

    def _storage(self):
        from whoosh.filedb.filestore import FileStorage

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
        return self._locked(lambda report, progress: self._sync_locked(report, progress, rebuild, cancel), progress)

    def sync_paths(self, paths: Iterable[str], progress: Progress | None = None) -> SyncReport:
        """Update the index for these files only (relative paths): what the app changed itself.

        No folder scan, so its cost does not grow with the corpus. A path that no longer exists
        is removed. Falls back to a full sync when there is no usable index yet.
        """
        wanted = sorted(set(paths))
        return self._locked(lambda report, progress: self._sync_paths_locked(report, progress, wanted), progress)

    def _locked(self, body, progress: Progress | None) -> SyncReport:
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
            body(report, progress or (lambda done, total, message: None))
        finally:
            _unlock(lock)
        report.read_only = report.read_only or note
        report.seconds = time.perf_counter() - started
        return report

    def _move_cache(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self.index_dir = cache_dir / "index"
        self.manifest_path = cache_dir / STATE_FILE
        self.db.path = self.manifest_path
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
        from tui.core.loading import scan_corpus

        fresh = rebuild or not self._manifest_current() or not self.index_exists()
        if not fresh and not self._healthy():
            fresh = True
            report.recovered = "the cached index was damaged; it has been rebuilt"

        progress(0, 0, "scanning the corpus folder")
        entries, scan_problems = scan_corpus(self.corpus)
        with self._lock:
            self._scan_problems = scan_problems
        records = {} if fresh else self._records
        current = {e.path: e for e in entries}
        todo: list[FileEntry] = []
        for entry in entries:
            old = records.get(entry.path)
            if old is None:
                report.added += 1
                todo.append(entry)
            elif old.size != entry.size or old.mtime_ns != entry.mtime_ns:
                report.changed += 1
                todo.append(entry)
            else:
                report.unchanged += 1
        removed = [path for path in records if path not in current]
        report.removed = len(removed)
        if not records and todo:
            fresh = True  # nothing was committed yet (a build killed early): start it afresh
        if not fresh and not todo and not removed:
            return
        self._apply(report, progress, todo, removed, fresh, cancel)

    def _sync_paths_locked(self, report: SyncReport, progress: Progress, paths: list[str]) -> None:
        from tui.core.loading import FileEntry

        if not self._manifest_current() or not self.index_exists():
            return self._sync_locked(report, progress, False, None)
        todo, removed = [], []
        for path in paths:
            try:
                st = (self.corpus / path).stat()
            except OSError:
                st = None
            old = self._records.get(path)
            if st is None:
                if old is not None:
                    removed.append(path)
                continue
            if old is None:
                report.added += 1
            elif (old.size, old.mtime_ns) != (st.st_size, st.st_mtime_ns):
                report.changed += 1
            else:
                report.unchanged += 1
                continue
            todo.append(FileEntry(path, st.st_size, st.st_mtime_ns))
        report.removed = len(removed)
        if todo or removed:
            self._apply(report, progress, todo, removed, False, None)

    def _apply(self, report: SyncReport, progress: Progress, todo, removed, fresh: bool, cancel) -> None:
        from whoosh.index import LockError

        try:
            if fresh:
                report.rebuilt = True
                with self._lock:
                    self._records = {}
                    self._articles = None
                    self._manifest_stamp = None
                self.entity_store.reset()
                shutil.rmtree(self.index_dir, ignore_errors=True)
                for suffix in ("", "-wal", "-shm"):  # a damaged state file is not opened again
                    Path(f"{self.manifest_path}{suffix}").unlink(missing_ok=True)
                self.index_dir.mkdir(parents=True)
                self._storage().create_index(make_schema(), indexname=INDEX_NAME)
                with closing(self.db.connect(create=True)) as conn:
                    cache_db.reset(conn, self._info())
            self._write(todo, removed, progress, cancel, report, fresh)
        except LockError:
            report.read_only = "another corpus-explorer is updating this index; showing what is indexed"
        except (OSError, CacheDBError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            report.read_only = f"cannot write the index cache ({reason}); showing what is indexed"

    def _info(self) -> dict[str, str]:
        return {
            "version": str(cache_db.DB_VERSION),
            "fingerprint": self.fingerprint,
            "corpus": str(self.corpus.resolve()),
        }

    def _write(self, todo, removed, progress, cancel, report, fresh: bool) -> None:
        ix = self.open_index()
        writer = ix.writer(timeout=2.0)
        conn = self.db.connect(create=True)
        batch = _Batch()
        total = len(todo) + len(removed)
        done = 0
        try:
            for path in removed:
                writer.delete_by_term("path", path)
                with self._lock:
                    self._records.pop(path, None)
                batch.removed.append(path)
                done += 1
            taken = self._taken_ids(exclude={e.path for e in todo})
            for entry in todo:
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break
                self._index_one(writer, entry, taken, batch, fresh)
                done += 1
                if done % 50 == 0 or done == total:
                    progress(done, total, "indexing")
                if batch.size >= COMMIT_EVERY:
                    writer.commit()
                    self._save(conn, batch)
                    batch = _Batch()
                    writer = ix.writer(timeout=2.0)
            writer.commit()
            self._save(conn, batch)
        except BaseException:
            if not getattr(writer, "is_closed", False):  # committed already: nothing to cancel
                writer.cancel()
            raise
        finally:
            conn.close()
            with self._lock:
                self._articles = None
        progress(total, total, "ready")

    def _save(self, conn, batch: "_Batch") -> None:
        """Write the rows of the documents just committed to the index, in one transaction."""
        stamp = uuid.uuid4().hex
        info = {"stamp": stamp}
        if batch.removed or batch.mentions or batch.dropped_mentions:
            info["mentions_stamp"] = stamp  # the merged entity table is now stale
        cache_db.write_batch(conn, batch.files, batch.mentions, batch.removed, batch.dropped_mentions, info)
        self._manifest_stamp = stamp

    def _taken_ids(self, exclude: set[str]) -> dict[str, str]:
        return {rec.meta.id: path for path, rec in self._records.items() if rec.meta and path not in exclude}

    def _index_one(self, writer, entry: FileEntry, taken: dict[str, str], batch: "_Batch", fresh: bool) -> None:
        from tui.core.entities import extract
        from tui.core.loading import read_article

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
            batch.mentions.append((entry.path, meta.id, json.dumps(encode(mentions), ensure_ascii=False)))
            # A fresh index holds no copy to replace: add_document skips the delete-by-term lookup.
            (writer.add_document if fresh else writer.update_document)(
                path=entry.path,
                id=meta.id,
                title=meta.title,
                body=text,
                pairs=text,
                entities=index_terms(mentions),
                date=datetime(meta.date.year, meta.date.month, meta.date.day) if meta.date else None,
                publisher=meta.publisher or "",
            )
        else:
            if not fresh:
                writer.delete_by_term("path", entry.path)
            batch.dropped_mentions.append(entry.path)
        batch.files.append((
            entry.path,
            entry.size,
            entry.mtime_ns,
            hashlib.blake2b(data, digest_size=16).hexdigest() if data is not None else None,
            json.dumps(meta.to_json(), ensure_ascii=False) if meta else None,
            json.dumps(reasons, ensure_ascii=False) if reasons else None,
            int(article is None),
        ))
        with self._lock:
            self._records[entry.path] = _Record(entry.size, entry.mtime_ns, meta, tuple(reasons), article is None)

    # --- reading one article -------------------------------------------------------------

    def read(self, meta: ArticleMeta):
        """The full article for a list entry (read lazily from its file)."""
        from tui.core.loading import read_article

        article, _, problems = read_article(self.corpus, meta.path, self.boilerplate)
        return article, problems


@dataclass
class _Batch:
    """Rows for the documents written since the last commit."""

    files: list[tuple] = field(default_factory=list)
    mentions: list[tuple[str, str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    dropped_mentions: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.files) + len(self.removed)


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
