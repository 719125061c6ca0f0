"""Reading a corpus folder: find article files, read each one, never stop at a bad file.

Articles are `.md` files with YAML front matter, or raw `.txt` scrapes (read as the importer
would, nothing written). A file that cannot be used is skipped, and one that can be repaired
(missing title, bad date, duplicate id, not UTF-8) is repaired; either way the reason is kept
as a Problem for the problems view.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from tui.core.articles import Article, ArticleMeta, meta_from_front_matter, parse_front_matter, split_front_matter
from tui.core.boilerplate import Boilerplate
from tui.core.importing import headline_from, import_text
from tui.core.text import one_line

ARTICLE_SUFFIXES = (".md", ".txt")
MAX_FILE_BYTES = 64 * 1024 * 1024  # larger files are certainly not articles
# A news article is tens of kilobytes. Past this the text is cut (at a line end) so that
# indexing, the reader's word wrap and highlighting stay fast; the file itself is untouched.
MAX_TEXT_CHARS = 2_000_000


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the corpus folder ("" for the folder itself)
    reason: str
    skipped: bool = False  # True when the file could not be loaded at all

    def __post_init__(self) -> None:
        # Reasons quote file contents (YAML errors, bad values): keep them one plain line.
        object.__setattr__(self, "reason", one_line(self.reason))

    def __str__(self) -> str:
        return one_line(f"{self.path or '(corpus)'}: {self.reason}")


@dataclass(frozen=True)
class FileEntry:
    """What a directory scan learns without opening the file."""

    path: str
    size: int
    mtime_ns: int


def scan_corpus(root: Path) -> tuple[list[FileEntry], list[Problem]]:
    """All article files under root (recursive, hidden entries and symlinked dirs skipped)."""
    entries: list[FileEntry] = []
    problems: list[Problem] = []
    if not root.is_dir():
        return [], [Problem("", f"corpus folder {root.name!r} does not exist or is not a folder", True)]

    # os.scandir: the entry carries the type, so one stat per article file and no path joins
    # beyond one per file (a 50,000-file corpus is scanned at every start).
    def walk(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as it:
                listing = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(prefix.rstrip("/"), f"cannot read folder: {exc.strerror}", True))
            return
        subdirs = []
        for entry in listing:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.is_symlink():  # a symlinked folder could loop or leave the corpus
                    subdirs.append(entry)
                continue
            if not name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            rel = prefix + name
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:  # undecodable bytes in the name (surrogate escapes)
                shown = os.fsencode(rel).decode("utf-8", errors="replace")
                problems.append(Problem(shown, "file name is not valid UTF-8; skipped (rename the file)", True))
                continue
            try:
                st = entry.stat()
            except OSError as exc:
                problems.append(Problem(rel, f"cannot read: {exc.strerror or exc}", True))
                continue
            if not stat.S_ISREG(st.st_mode):  # a FIFO would block a read forever, a device never end
                problems.append(Problem(rel, "not a regular file; skipped", True))
                continue
            entries.append(FileEntry(rel, st.st_size, st.st_mtime_ns))
        for entry in subdirs:
            walk(entry.path, prefix + entry.name + "/")

    walk(os.fspath(root), "")
    return entries, problems


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Text from bytes, with a note when it was not plain UTF-8; None when it is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "encoded as UTF-16; read as such"
        except UnicodeDecodeError:
            return None, "not readable as text (broken UTF-16)"
    if b"\x00" in data[:8192]:
        return None, "binary file (contains NUL bytes)"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        return text, f"not valid UTF-8 (byte {exc.start}); read as Windows-1252"


def read_article(root: Path, rel: str, boilerplate: Boilerplate) -> tuple[Article | None, bytes | None, list[Problem]]:
    """Read one file: (article or None, raw bytes for hashing, problems)."""
    full = root / rel
    try:
        if full.stat().st_size > MAX_FILE_BYTES:
            return None, None, [Problem(rel, f"larger than {MAX_FILE_BYTES // 2**20} MB; skipped", True)]
        data = full.read_bytes()
    except OSError as exc:
        return None, None, [Problem(rel, f"cannot read: {exc.strerror or exc}", True)]
    text, note = decode(data)
    if text is None:
        return None, data, [Problem(rel, note or "not text", True)]
    problems = [Problem(rel, note)] if note else []
    if not text.strip():
        return None, data, problems + [Problem(rel, "empty file", True)]
    if len(text) > MAX_TEXT_CHARS:
        cut = text.rfind("\n", MAX_TEXT_CHARS // 2, MAX_TEXT_CHARS)  # at a line end when there is one
        text = text[: cut + 1 if cut != -1 else MAX_TEXT_CHARS]
        problems.append(Problem(rel, f"text is {len(data) / 2**20:.1f} MB; only the first {len(text):,} characters are shown and indexed"))
    try:
        article, more = parse_article_text(text, rel, boilerplate)
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the rest
        return None, data, problems + [Problem(rel, f"could not be read: {exc.__class__.__name__}: {exc}", True)]
    problems += [Problem(rel, reason, article is None) for reason in more]
    return article, data, problems


def parse_article_text(text: str, rel: str, boilerplate: Boilerplate) -> tuple[Article | None, list[str]]:
    """An Article from a file's text (front matter or raw scrape), and what had to be repaired."""
    stem = Path(rel).stem
    split = split_front_matter(text) if rel.lower().endswith(".md") else None
    if split is None:
        unclosed = rel.lower().endswith(".md") and text.split("\n", 1)[0].strip() == "---"
        if unclosed:  # an opening --- without a closing one: do not make a title of "---"
            text = text.split("\n", 1)[1] if "\n" in text else ""
            if not text.strip():
                return None, ["front matter is not closed (no second ---) and there is no text; skipped"]
        article = import_text(text, Path(rel).name, boilerplate, path=rel)
        notes = list(article.problems)
        if unclosed:
            notes.insert(0, "front matter is not closed (no second ---); read as a raw scrape")
        elif rel.lower().endswith(".md"):
            notes.insert(0, "no YAML front matter; read as a raw scrape")
        return article, notes

    yaml_text, body = split
    data, error = parse_front_matter(yaml_text)
    notes = []
    if error:
        notes.append(f"front matter: {error}; metadata ignored")
        data = {}
    fields, more = meta_from_front_matter(data, stem, rel)
    notes += more
    if not body.strip() and not fields["title"]:
        notes.append("no title and no text; skipped")
        return None, notes
    if not body.strip():
        notes.append("front matter only: the article has no text")
    if not fields["title"]:
        content = [ln for ln in body.split("\n") if ln.strip() and not boilerplate.matches(ln)]
        fields["title"] = headline_from(content[0]) if content else stem
        notes.append("missing title; made one from the text")
    return Article(ArticleMeta(**fields), body, tuple(notes)), notes
