"""The side-by-side baseline for search: SQLite FTS5 on the same texts.

One FTS5 table (title, body, publisher indexed; date and path stored, not indexed) with the
`porter unicode61` tokenizer, so words are stemmed as in our Whoosh schema. A query returns
the top 20 by bm25 (title weighted 2, as our schema boosts it) with a highlighted snippet()
of the body, plus the total hit count (our results pane shows it too).

Our query language is translated to FTS5's:

  words, AND, OR, ( )      kept (FTS5 has the same implicit AND, OR and grouping)
  NOT b, -b                FTS5's NOT is binary: the exclusions of a group are moved to its
                           end, `a NOT (b OR c)`; a group of exclusions alone matches nothing
  "a phrase"               kept
  prefix*                  "prefix"*
  fuzzy~, fuzzy~2          the plain term (FTS5 has no fuzzy match; documented in RESULTS)
  title:x body:x publisher:x   FTS5 column filters, title:"x"; other words {title body}:"x"
  date:...                 parsed by our own date parser, then `date BETWEEN ? AND ?` in SQL
                           (undated rows have NULL and never match, as in our app); a query
                           of dates only lists the newest first, as our app does.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from tui.core.search import _DATE_CLAUSE, parse_date_clause

SCHEMA = (
    "CREATE VIRTUAL TABLE docs USING fts5("
    "title, body, publisher, date UNINDEXED, path UNINDEXED, tokenize='porter unicode61')"
)
FIELDS = {"title", "body", "publisher"}
DEFAULT_COLUMNS = "{title body}:"  # a word without a field searches the title and the body, as ours does
_TOKEN = re.compile(r'\s*(\(|\)|"[^"]*"|[^\s()"]+(?:"[^"]*")?)')


@dataclass
class Translated:
    match: str | None  # the FTS5 MATCH expression, None for a dates-only query
    first: str | None  # ISO date bounds, inclusive
    last: str | None


def create(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute(SCHEMA)
    return db


def insert(db: sqlite3.Connection, rows) -> None:
    """rows: (title, body, publisher, ISO date or None, path)."""
    db.executemany("INSERT INTO docs (title, body, publisher, date, path) VALUES (?, ?, ?, ?, ?)", rows)


def finish(db: sqlite3.Connection) -> None:
    db.execute("INSERT INTO docs(docs) VALUES('optimize')")
    db.commit()


def _term(token: str) -> str:
    """One query word (maybe field:word, prefix*, fuzzy~) as an FTS5 string."""
    column = ""
    match = re.match(r"([A-Za-z_]+):(.+)", token)
    if match and match.group(1).lower() in FIELDS:
        column, token = match.group(1).lower() + ":", match.group(2)
    prefix = token.endswith("*")
    token = re.sub(r"~\d*$", "", token.rstrip("*?"))  # no fuzzy in FTS5: the plain term
    token = token.strip('"').replace('"', '""')
    words = re.findall(r"\w+", token)
    if not words:
        return ""
    quoted = f'"{" ".join(words)}"' + ("*" if prefix else "")
    return (column or DEFAULT_COLUMNS) + quoted


def _group(tokens: list[str], i: int) -> tuple[str, int]:
    """Translate tokens from i up to the matching ")" (or the end); returns (text, next index)."""
    parts: list[str] = []  # positive items and operators, in order
    negatives: list[str] = []
    negate = False
    while i < len(tokens):
        tok = tokens[i]
        if tok == ")":
            i += 1
            break
        if tok == "(":
            item, i = _group(tokens, i + 1)
            item = f"({item})" if item else ""
        elif tok in ("AND", "OR"):
            if parts and parts[-1] not in ("AND", "OR"):
                parts.append(tok)
            i += 1
            continue
        elif tok == "NOT":
            negate = True
            i += 1
            continue
        else:
            i += 1
            if tok.startswith("-") and len(tok) > 1:
                negate, tok = True, tok[1:]
            item = _term(tok)
        if not item:
            negate = False
            continue
        if negate:
            if parts and parts[-1] in ("AND", "OR"):
                parts.pop()
            negatives.append(item)
            negate = False
        else:
            parts.append(item)
    while parts and parts[-1] in ("AND", "OR"):
        parts.pop()
    text = " ".join(parts)
    if negatives:
        if not text:
            return "", i  # only exclusions: FTS5 cannot express "everything but"
        excluded = negatives[0] if len(negatives) == 1 else "(" + " OR ".join(negatives) + ")"
        text = f"({text}) NOT {excluded}" if len(parts) > 1 else f"{text} NOT {excluded}"
    return text, i


def translate(query: str) -> Translated:
    first = last = None
    for clause in _DATE_CLAUSE.finditer(query):
        low, high = parse_date_clause(clause.group(1))
        if low and (first is None or low.isoformat() > first):
            first = low.isoformat()
        if high and (last is None or high.isoformat() < last):
            last = high.isoformat()
    rest = _DATE_CLAUSE.sub(" ", query).strip()
    tokens = [t for t in _TOKEN.findall(rest) if t]
    match, _ = _group(tokens, 0) if tokens else ("", 0)
    return Translated(match or None, first, last)


def search(db: sqlite3.Connection, query: Translated, limit: int = 20) -> tuple[list[tuple], int]:
    """(top hits as (path, title, snippet), total count)."""
    where, args = [], []
    if query.match:
        where.append("docs MATCH ?")
        args.append(query.match)
    if query.first or query.last:
        where.append("date IS NOT NULL")
    if query.first:
        where.append("date >= ?")
        args.append(query.first)
    if query.last:
        where.append("date <= ?")
        args.append(query.last)
    clause = " AND ".join(where) or "1"
    if query.match:
        sql = (
            "SELECT path, title, snippet(docs, 1, '\x02', '\x03', '…', 32) FROM docs "
            f"WHERE {clause} ORDER BY bm25(docs, 2.0, 1.0, 1.0) LIMIT ?"
        )
    else:
        sql = f"SELECT path, title, substr(body, 1, 220) FROM docs WHERE {clause} ORDER BY date DESC LIMIT ?"
    hits = db.execute(sql, (*args, limit)).fetchall()
    total = db.execute(f"SELECT count(*) FROM docs WHERE {clause}", args).fetchone()[0]
    return hits, total
