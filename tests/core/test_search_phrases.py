"""Phrases through the word-pair field find exactly what Whoosh's position check finds."""

from __future__ import annotations

import pytest
from whoosh import query as wq

from tui.core.search import _phrases_by_pairs, match_spans, parse_query, search

PHRASES = [
    '"of the"', '"in the"', '"and the"', '"Kazakhstan and the United Kingdom"', '"one of the most"',
    '"the United Kingdom"', '"Tell a friend"', '"as well as"', '"with the"', '"of the" date:2023',
    '"of the" -Docherty', 'body:"to the"',
]
UNCHANGED = ['"Strategic Dialogue"', '"Ministry of Foreign Affairs"', '"Roman Vassilenko"', 'title:"of the"']




@pytest.mark.parametrize("text", PHRASES)
def test_pairs_find_what_positions_find(index, text):
    parsed = parse_query(text)
    with index.open_index().searcher() as searcher:
        rewritten = _phrases_by_pairs(parsed.query, searcher.schema)
        by_positions = set(searcher.docs_for_query(parsed.query))
        by_pairs = set(searcher.docs_for_query(rewritten))
    assert by_pairs == by_positions
    outcome = search(index, text, limit=None)
    assert outcome.error is None and outcome.total == len(outcome.hits)


@pytest.mark.parametrize("text", UNCHANGED)
def test_phrases_without_common_pairs_keep_the_position_check(index, text):
    parsed = parse_query(text)
    with index.open_index().searcher() as searcher:
        assert _phrases_by_pairs(parsed.query, searcher.schema) == parsed.query


def test_a_common_pair_is_one_term_and_a_longer_phrase_keeps_its_positions(index):
    with index.open_index().searcher() as searcher:
        two = _phrases_by_pairs(wq.Phrase("body", ["of", "the"]), searcher.schema)
        five = _phrases_by_pairs(wq.Phrase("body", ["kazakhstan", "and", "the", "unit", "kingdom"]), searcher.schema)
        title = _phrases_by_pairs(wq.Phrase("title", ["of", "the"]), searcher.schema)
    assert two == wq.Term("pairs", "of the")
    assert isinstance(five, wq.And) and [q.text for q in five.subqueries[:-1]] == ["and the"]
    assert isinstance(five.subqueries[-1], wq.Phrase)
    assert title == wq.Phrase("title", ["of", "the"])  # titles are short: positions are cheap


def test_only_common_pairs_are_indexed(index):
    with index.open_index().searcher() as searcher:
        pairs = [t.decode() if isinstance(t, bytes) else t for t in searcher.reader().lexicon("pairs")]
    assert "of the" in pairs and "and the" in pairs
    assert not any("kazakhstan" in p or "strateg" in p for p in pairs)


def test_a_phrase_is_highlighted_as_a_phrase(index):
    outcome = search(index, '"of the" Kazinform')
    assert {"of the", "kazinform"} <= outcome.words and "of" not in outcome.words
    text = "The head of the mission, Kazinform reports. Of course the rest of, the text."
    spans = [text[s:e] for s, e in match_spans(text, outcome.words)]
    # "Of" and "the" apart are not the phrase; "of, the" is (punctuation is not a word,
    # in the index as here).
    assert spans == ["of the", "Kazinform", "of, the"]


def test_phrase_spans_follow_the_tokens():
    words = frozenset({"of the", "strateg dialogu", "london"})
    text = "Of the Strategic Dialogue in London; of, the strategic dialogues; the of"
    assert [text[s:e] for s, e in match_spans(text, words)] == [
        "Of the Strategic Dialogue",  # two phrases next to each other are one span
        "London",
        "of, the strategic dialogues",  # punctuation does not break a phrase, as in the index
    ]  # and "the of" is not "of the"
