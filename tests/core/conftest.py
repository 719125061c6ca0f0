"""Fixtures for the core tests."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import BUNDLED
from tui.core.index import CorpusIndex


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """The bundled corpus, copied and indexed once per test module, in its own cache folder."""
    root = tmp_path_factory.mktemp("bundled")
    shutil.copytree(BUNDLED, root / "corpus")
    built = CorpusIndex(root / "corpus", cache_dir=root / "cache")
    built.sync()
    return built
