"""The index's bookkeeping in one SQLite file beside it (`state.sqlite`).

One row per article file (size, mtime, hash, metadata, problems) and one row of extracted
entity mentions per article. Rows, not one JSON document, because a corpus has tens of
thousands of files: a one-file update writes one row (well under a millisecond), and start-up
reads only the columns it needs. Written only by the process that holds the sync lock.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

DB_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    hash TEXT, meta TEXT, problems TEXT, skipped INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS mentions (path TEXT PRIMARY KEY, article_id TEXT NOT NULL, rows TEXT NOT NULL);
"""


class CacheDBError(Exception):
    """The state file is missing, unreadable or not ours: the index is rebuilt."""


class CacheDB:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def connect(self, create: bool = False) -> sqlite3.Connection:
        if not create and not self.path.is_file():
            raise CacheDBError("no state file")
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            if create:
                conn.executescript(_SCHEMA)
            return conn
        except sqlite3.Error as exc:
            raise CacheDBError(str(exc)) from exc


# --- reading --------------------------------------------------------------------------------

def read_info(conn: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(conn.execute("SELECT key, value FROM info"))
    except sqlite3.Error as exc:
        raise CacheDBError(str(exc)) from exc


def read_files(conn: sqlite3.Connection) -> Iterator[tuple[str, int, int, str | None, str | None, int]]:
    """(path, size, mtime_ns, meta JSON, problems JSON, skipped) for every file."""
    try:
        yield from conn.execute("SELECT path, size, mtime_ns, meta, problems, skipped FROM files")
    except sqlite3.Error as exc:
        raise CacheDBError(str(exc)) from exc


def read_mentions(conn: sqlite3.Connection, path: str) -> tuple[str, list] | None:
    try:
        row = conn.execute("SELECT article_id, rows FROM mentions WHERE path = ?", (path,)).fetchone()
        return (row[0], json.loads(row[1])) if row else None
    except (sqlite3.Error, ValueError) as exc:
        raise CacheDBError(str(exc)) from exc


def all_mentions(conn: sqlite3.Connection) -> Iterator[tuple[str, str, list]]:
    """(path, article id, encoded mentions) for every article, streamed."""
    try:
        for path, article_id, rows in conn.execute("SELECT path, article_id, rows FROM mentions"):
            yield path, article_id, json.loads(rows)
    except (sqlite3.Error, ValueError) as exc:
        raise CacheDBError(str(exc)) from exc


# --- writing (inside one transaction per batch) ----------------------------------------------

def reset(conn: sqlite3.Connection, info: dict[str, str]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM files")
    conn.execute("DELETE FROM mentions")
    conn.execute("DELETE FROM info")
    conn.executemany("INSERT INTO info VALUES (?, ?)", sorted(info.items()))
    conn.execute("COMMIT")


def write_batch(
    conn: sqlite3.Connection,
    files: Iterable[tuple],
    mentions: Iterable[tuple[str, str, str]],
    removed: Iterable[str],
    dropped_mentions: Iterable[str] = (),
    info: dict[str, str] | None = None,
) -> None:
    """One transaction: file rows (path, size, mtime_ns, hash, meta, problems, skipped) and
    mention rows (path, article id, JSON) upserted, removed paths deleted from both, and the
    mentions of files that no longer load deleted."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        gone = [(p,) for p in removed]
        conn.executemany("DELETE FROM files WHERE path = ?", gone)
        conn.executemany("DELETE FROM mentions WHERE path = ?", gone + [(p,) for p in dropped_mentions])
        conn.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", files)
        conn.executemany("INSERT OR REPLACE INTO mentions VALUES (?, ?, ?)", mentions)
        if info:
            conn.executemany("INSERT OR REPLACE INTO info VALUES (?, ?)", sorted(info.items()))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
