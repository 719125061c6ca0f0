"""Writing article files into a corpus: atomically, never clobbering a different article."""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

from tui.core.articles import Article, render_article, split_front_matter, parse_front_matter

ARTICLES_DIR = "articles"


def _existing_source(path: Path) -> str | None:
    try:
        split = split_front_matter(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if split is None:
        return None
    data, _ = parse_front_matter(split[0])
    return data.get("source") if isinstance(data, dict) else None


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and a rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_imported(corpus: Path, article: Article) -> Path:
    """Save as corpus/articles/<id>.md. Re-importing the same source replaces its file;
    a different article with the same id gets a numbered id instead."""
    folder = corpus / ARTICLES_DIR
    meta = article.meta
    base, n = meta.id, 1
    while True:
        target = folder / f"{meta.id}.md"
        if not target.exists() or _existing_source(target) == meta.source:
            break
        n += 1
        meta = replace(meta, id=f"{base}-{n}")
    meta = replace(meta, path=f"{ARTICLES_DIR}/{target.name}")
    write_atomic(target, render_article(meta, article.body))
    return target
