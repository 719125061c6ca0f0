"""Every place on disk the program uses, in one module."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

APP_NAME = "corpus-explorer"
CACHE_ENV = "CORPUS_EXPLORER_CACHE"  # overrides the cache root (tests, read-only homes)
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled_corpus() -> Path:
    """The bundled corpus: `corpus/` beside the package in a checkout, `tui/_corpus` when installed."""
    checkout = _PACKAGE_DIR.parent / "corpus"
    if (checkout / "articles").is_dir() and (_PACKAGE_DIR.parent / "pyproject.toml").is_file():
        return checkout
    return _PACKAGE_DIR / "_corpus"


def cache_root() -> Path:
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


def corpus_cache_dir(corpus: Path) -> Path:
    """The index and manifest of one corpus, keyed by its resolved path; never inside it."""
    resolved = str(Path(corpus).resolve())
    key = hashlib.sha1(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return cache_root() / key
