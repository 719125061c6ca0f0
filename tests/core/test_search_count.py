"""The hit count from posting sets equals Whoosh's own count, on an index with several
segments and deleted documents, for every query shape."""

from __future__ import annotations

import os

import pytest

from tests.conftest import article_text, write
from tui.core import index as index_module
from tui.core.index import CorpusIndex
from tui.core.search import _doc_ids, _expand_multiterms, parse_query, search

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa"]


@pytest.fixture(scope="module")
def churned(tmp_path_factory):
    root = tmp_path_factory.mktemp("count") / "corpus"
    for n in range(60):
        words = " ".join(WORDS[(n * k) % len(WORDS)] for k in range(1, 6))
        date = f"20{10 + n % 12:02d}-0{1 + n % 9}-1{n % 9}"
        write(root / f"a{n:02}.md", article_text(f"a{n:02}", f"Title {WORDS[n % 8]} {n}", f"{words} sentence number {n}.", date=date))
    old = index_module.COMMIT_EVERY
    index_module.COMMIT_EVERY = 20  # three segments
    try:
        index = CorpusIndex(root, cache_dir=root.parent / "cache")
        index.sync()
        for n in range(0, 60, 7):  # updates leave deleted copies in the older segments
            path = root / f"a{n:02}.md"
            path.write_text(path.read_text(encoding="utf-8") + "\nomega added later.\n", encoding="utf-8")
            os.utime(path, ns=(n + 1, n + 1))
        (root / "a05.md").unlink()
        index.sync()
    finally:
        index_module.COMMIT_EVERY = old
    return index


QUERIES = [
    "alpha", "alpha beta", "alpha OR omega", "alpha -beta", "alpha NOT gamma", "(alpha OR beta) AND gamma NOT delta",
    '"alpha beta"', "al*", "alpah~", "title:title", "omega", "nothingatall", "alpha AND NOT beta",
    "sentence date:[2012 to 2016]", "alpha date:2013", "title:title -omega",
]


@pytest.mark.parametrize("text", QUERIES)
def test_count_from_posting_sets_matches_whoosh(churned, text):
    parsed = parse_query(text)
    with churned.open_index().searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) > 1 and searcher.reader().has_deletions()
        query, _ = _expand_multiterms(parsed.query, searcher)
        assert _doc_ids(query, searcher) == set(searcher.docs_for_query(query))
    outcome = search(churned, text, limit=3)
    assert outcome.error is None
    assert outcome.total == search(churned, text, limit=None).total == len(search(churned, text, limit=None).hits)
