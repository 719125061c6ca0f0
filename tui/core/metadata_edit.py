"""Editing an article's metadata (publisher, authors, url, date) in place.

Only the front matter is rewritten; the body is copied as bytes, so its line endings, trailing
whitespace and missing final newline survive exactly. The front matter is re-dumped from the
parsed mapping rather than through `render_article`: every other field keeps its value (not
the loader's repaired form) and its place, unknown fields are kept too, and a field new to
the file goes after the standard field that precedes it. YAML comments and quoting style in
the front matter are not kept. Raw `.txt` scrapes and `.md` files without front matter are
refused: `corpus-explorer import` turns them into articles first.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from tui.core.articles import FIELDS, MAX_FRONT_MATTER_CHARS, parse_front_matter
from tui.core.text import strip_control

EDITABLE = ("publisher", "authors", "url", "date")
_OPENING = re.compile(rb"---[ \t]*\r?\n")
_CLOSING = re.compile(rb"^---[ \t\r]*$", re.MULTILINE)  # the same rule as split_front_matter
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- validation ----------------------------------------------------------------------

def _line(value, what: str) -> str | None:
    """One line of plain text, whitespace runs collapsed as the loader would; "" → None."""
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, not {type(value).__name__}")
    if "\n" in value or "\r" in value or strip_control(value) != value:
        raise ValueError(f"{what} must be one line of plain text (no control characters)")
    return " ".join(value.split()) or None


def validate_changes(changes: dict) -> dict:
    """The changes checked and normalised; a ValueError says what is wrong."""
    return _validate(changes)


def _validate(changes: dict) -> dict:
    unknown = sorted(str(k) for k in changes if k not in EDITABLE)
    if unknown:
        raise ValueError(f"cannot edit {', '.join(unknown)}: only {', '.join(EDITABLE)} can be changed")
    out = {}
    for key, value in changes.items():
        if key == "publisher":
            out[key] = None if value is None else _line(value, "publisher")
        elif key == "authors":
            if not isinstance(value, (list, tuple)):  # a bare string would become letters
                raise ValueError("authors must be a list of names")
            names = []
            for item in value:
                name = _line(item, "each author")
                if name is None:
                    raise ValueError("each author must be a non-empty name")
                names.append(name)
            out[key] = names
        elif key == "url":
            url = None if value is None else _line(value, "url")
            if url is not None:
                if not url.lower().startswith(("http://", "https://")):
                    raise ValueError(f"url must start with http:// or https:// (got {url[:60]!r})")
                try:
                    host = urlsplit(url).hostname
                except ValueError:  # e.g. an unclosed [IPv6] bracket
                    host = None
                if not host or " " in url:
                    raise ValueError(f"url {url[:60]!r} is not a web address (no host name, or spaces)")
            out[key] = url
        elif key == "date":
            out[key] = _date(value)
    return out


def _date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):  # a date subclass: a time of day has no place here
        raise ValueError("date must be a date without a time (YYYY-MM-DD)")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"date {value.strip()!r} is not a real date") from None
    raise ValueError(f"date must be a YYYY-MM-DD date or empty, not {str(value)[:40]!r}")


# --- the file ------------------------------------------------------------------------

def _split(data: bytes, rel_path: str) -> tuple[bytes, bytes, bytes, bytes]:
    """(BOM, newline, front matter YAML, body bytes); ValueError when there is no front matter."""
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    rest = data[len(bom) :]
    opening = _OPENING.match(rest)
    closing = _CLOSING.search(rest, opening.end()) if opening else None
    if closing is None:
        raise ValueError(
            f"{rel_path} has no front matter to edit; make it an article with "
            f"`corpus-explorer import {rel_path}` first"
        )
    body_start = closing.end() + (rest[closing.end() : closing.end() + 1] == b"\n")
    newline = b"\r\n" if opening.group().endswith(b"\r\n") else b"\n"
    return bom, newline, rest[opening.end() : closing.start()], rest[body_start:]


class _Dumper(yaml.SafeDumper):
    """render_article's style (lists of scalars inline) with the mapping always one field a
    line: PyYAML would write a mapping of scalars only (no authors list) as one `{...}` line."""

    def represent_mapping(self, tag, mapping, flow_style=None):
        return super().represent_mapping(tag, mapping, flow_style=False)


def _merge(data: dict, updates: dict) -> dict:
    """data with updates applied: existing keys in place, new ones after their predecessor in FIELDS."""
    merged = dict(data)
    for key, value in updates.items():
        if key in merged:
            merged[key] = value
            continue
        items = list(merged.items())
        before = FIELDS[: FIELDS.index(key)]
        at = max((i + 1 for i, (k, _) in enumerate(items) if k in before), default=len(items))
        items.insert(at, (key, value))
        merged = dict(items)
    return merged


def _write_atomic(path: Path, data: bytes) -> None:
    """Temp file in the same folder (hidden, so a scan never sees it), fsync, rename, fsync dir."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o7777)  # mkstemp makes 0600; keep the file's mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (POSIX)
        dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def update_metadata(corpus: Path, rel_path: str, changes: dict) -> Path:
    """Set publisher / authors / url / date of the article at corpus/rel_path.

    Raises ValueError (a message for the user) for a bad value, a file outside the corpus,
    or a file without front matter; OSError when it cannot be read or written. Returns the
    file written (unchanged when the values already were these).
    """
    updates = _validate(changes)
    root = Path(corpus).resolve()
    path = (root / rel_path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise ValueError(f"{rel_path} is not an article file inside the corpus")
    if path.suffix.lower() != ".md":
        raise ValueError(f"{rel_path} is a raw scrape; import it first with `corpus-explorer import {rel_path}`")
    original = path.read_bytes()
    bom, newline, yaml_bytes, body = _split(original, rel_path)
    try:
        yaml_text = yaml_bytes.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{rel_path}: the front matter is not UTF-8; fix the file first") from None
    data, error = parse_front_matter(yaml_text)
    if data is None and not error and not yaml_text.strip():
        data = {}  # an empty front matter block
    if error or not isinstance(data, dict):
        raise ValueError(f"{rel_path}: the front matter cannot be read ({error or 'not a mapping'}); fix it first")
    if isinstance(data.get("date"), str):  # dates are read as text; write a valid one back bare
        try:
            data["date"] = dt.date.fromisoformat(data["date"].strip())
        except ValueError:
            pass
    merged = _merge(data, updates)
    if merged == data:
        return path  # nothing to change: leave the file (and its mtime, so no re-index) alone
    # The same YAML style as render_article, so edited and imported files look alike.
    front = yaml.dump(merged, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    if len(front) > MAX_FRONT_MATTER_CHARS:
        raise ValueError(f"the metadata would exceed {MAX_FRONT_MATTER_CHARS // 1024} KB; shorten it")
    head = ("---\n" + front + "---\n").encode("utf-8")
    if newline != b"\n":
        head = head.replace(b"\n", newline)
    _write_atomic(path, bom + head + body)
    return path
