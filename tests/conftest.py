"""Shared fixtures: every test gets its own index cache, config and state, and a copy of the bundled corpus when it asks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "corpus"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CORPUS_EXPLORER_CACHE", str(cache))
    # Never read or write the real user's config and state.
    monkeypatch.setenv("CORPUS_EXPLORER_CONFIG", str(cache / "config.yaml"))
    monkeypatch.setenv("CORPUS_EXPLORER_STATE", str(cache / "state"))
    return cache


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A writable copy of the bundled corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(BUNDLED, target)
    return target


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def article_text(id: str, title: str, body: str, date: str = "2024-01-02", publisher: str = "null") -> str:
    return (
        f"---\nid: {id}\ntitle: {title}\ndate: {date}\npublisher: {publisher}\nauthors: []\n"
        f"url: null\nlanguage: en\nsource: null\n---\n{body}\n"
    )
