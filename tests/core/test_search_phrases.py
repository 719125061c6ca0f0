"""Phrases through the word-pair field find exactly what Whoosh's position check finds."""

from __future__ import annotations

import pytest
from whoosh import query as wq

from tui.core.index import CorpusIndex
from tui.core.search import _phrases_by_pairs, parse_query, search

PHRASES = [
    '"Strategic Dialogue"', '"Ministry of Foreign Affairs"', '"of the"', '"the United Kingdom"',
    '"Roman Vassilenko"', '"Kazakhstan and the United Kingdom"', '"Tell a friend"', '"kingdom the"',
    '"foreign ministers"', 'body:"Central Asia"', '"Strategic Dialogue" -Docherty', '"of the" date:2023',
]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    import shutil

    from tests.conftest import BUNDLED

    root = tmp_path_factory.mktemp("phrases") / "corpus"
    shutil.copytree(BUNDLED, root)
    built = CorpusIndex(root, cache_dir=root.parent / "cache")
    built.sync()
    return built


@pytest.mark.parametrize("text", PHRASES)
def test_pairs_find_what_positions_find(index, text):
    parsed = parse_query(text)
    with index.open_index().searcher() as searcher:
        rewritten = _phrases_by_pairs(parsed.query, searcher.schema)
        assert rewritten != parsed.query  # the body phrase goes through the pairs
        by_positions = set(searcher.docs_for_query(parsed.query))
        by_pairs = set(searcher.docs_for_query(rewritten))
    assert by_pairs == by_positions
    outcome = search(index, text, limit=None)
    assert outcome.error is None and outcome.total == len(outcome.hits)


def test_a_two_word_phrase_is_one_pair_and_a_longer_one_keeps_its_positions(index):
    with index.open_index().searcher() as searcher:
        two = _phrases_by_pairs(wq.Phrase("body", ["of", "the"]), searcher.schema)
        four = _phrases_by_pairs(wq.Phrase("body", ["ministri", "of", "foreign", "affair"]), searcher.schema)
        title = _phrases_by_pairs(wq.Phrase("title", ["central", "asia"]), searcher.schema)
    assert two == wq.Term("pairs", "of the")
    assert isinstance(four, wq.And) and [q.text for q in four.subqueries[:3]] == ["ministri of", "of foreign", "foreign affair"]
    assert isinstance(four.subqueries[3], wq.Phrase)
    assert title == wq.Phrase("title", ["central", "asia"])  # titles are short: positions are cheap


def test_phrase_words_are_still_highlighted(index):
    outcome = search(index, '"Strategic Dialogue"')
    assert {"strateg", "dialogu"} <= outcome.words
