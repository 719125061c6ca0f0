"""Fixtures for the hostile-input suite: one read-only corpus holding every bad kind at once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.kinds import KINDS, add_good, make_kinds, set_read_only, tree_hash


@dataclass
class BigCorpus:
    root: Path
    made: dict[str, list[str]]  # kind name -> paths
    good: list[str]  # the five bundled articles
    hash: str  # of the whole tree, taken once it was made read-only

    def assert_untouched(self) -> None:
        assert tree_hash(self.root) == self.hash, "something was written into the corpus"


@pytest.fixture(scope="session")
def big_corpus(tmp_path_factory) -> BigCorpus:
    """Every kind of bad file plus the bundled articles, in a folder made read-only.

    (Read-only does not stop root, so the tests compare the tree's hash instead of relying on
    permissions: nothing may ever be written into a corpus.)
    """
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    root.mkdir()
    made = make_kinds(root)
    good = add_good(root)
    set_read_only(root, True)
    corpus = BigCorpus(root, made, good, tree_hash(root))
    yield corpus
    corpus.assert_untouched()
    set_read_only(root, False)
    for dirpath, _, _ in os.walk(root):  # let pytest clean up the unreadable file
        for name in os.listdir(dirpath):
            full = os.path.join(dirpath, name)
            if not os.path.islink(full) and os.path.isfile(full):
                os.chmod(full, 0o644)


@pytest.fixture
def kinds():
    return KINDS
