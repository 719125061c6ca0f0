"""The fast paths of tui.core.search give what the slow, obvious ones gave."""

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import search as S
from tui.core.index import TEXT_ANALYZER


def analyzer_spans(text, words):
    """match_spans as it was: the index's analyzer over the whole text."""
    if not words or not text:
        return []
    spans = []
    for token in TEXT_ANALYZER(text, chars=True, mode="index"):
        if token.text in words:
            start, end = token.startchar, token.endchar
            if spans and text[spans[-1][1] : start] in (" ", "-", "‑", "–"):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def analysed(text):
    return [t.text for t in TEXT_ANALYZER(text)]


SAMPLE = (
    "Kassym-Jomart Tokayev met the U.K. Foreign Secretary, James Cleverly, in Astana on 14.03.2023; "
    "investments (investing, invested) in Kazakhstan's oil–gas sector rose 3.5% — "
    "«Министерство иностранных дел» and the Ministry of Foreign Affairs agreed.\nNew line\tTab … x_y v2.0.1"
)
TEXT_CHARS = st.sampled_from(list("abcdefghij KLMNOP .-–‑_,;:'’\n\t0123456789éßİıДжΣς") + ["ing ", "ed ", "tion "])


@pytest.mark.parametrize("chosen", [None, 3, 7])
def test_match_spans_same_as_analyzer_on_realistic_text(chosen):
    words = analysed(SAMPLE)
    pick = frozenset(words if chosen is None else words[::chosen])
    assert S.match_spans(SAMPLE, pick) == analyzer_spans(SAMPLE, pick)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(TEXT_CHARS, max_size=80).map("".join), st.integers(min_value=1, max_value=4))
def test_match_spans_same_as_analyzer_on_random_text(text, step):
    words = analysed(text)
    pick = frozenset(words[::step]) | {"zzz"}
    assert S.match_spans(text, pick) == analyzer_spans(text, pick)




def slow_outcome(index, text):
    """The search the old way: Whoosh's own multi-term matching, filter query and len()."""
    from whoosh import query as wq

    parsed = S.parse_query(text)
    with index.open_index().searcher() as searcher:
        kwargs = {"limit": 200, "filter": parsed.date_filter}
        if isinstance(parsed.query, wq.Every):
            kwargs.update(sortedby="date", reverse=True)
        results = searcher.search(parsed.query, **kwargs)
        hits = [(h["id"], round(float(h.score or 0.0), 9)) for h in results]
        words = set()
        for leaf in S._positive_leaves(parsed.query):
            if isinstance(leaf, wq.Phrase):  # a phrase is highlighted as one
                if leaf.fieldname in S.SEARCH_FIELDS:
                    words.add(" ".join(leaf.words))
                continue
            for fieldname, value in leaf.existing_terms(searcher.reader(), phrases=True, expand=True):
                if fieldname in S.SEARCH_FIELDS:
                    words.add(value.decode("utf-8") if isinstance(value, bytes) else value)
        return hits, len(results), frozenset(words)


@pytest.mark.parametrize(
    "query",
    [
        "Kaz*", "Abdrakh*", "co*", "st* -Kazakhstan", "co* date:2023", "Kazakh* AND minister",
        "Tokaev~", "Kazakstan~", "ministr~2", "date:2023", "date:[2021 to 2023]", "Cleverly date:2023",
        "date:1800", "Cleverly date:1800", '"Middle Corridor"', "title:Kazakhstan", "coo?eration",
    ],
)
def test_same_hits_total_and_words_as_whoosh(index, query):
    outcome = S.search(index, query)
    assert outcome.error is None
    hits, total, words = slow_outcome(index, query)
    if '"' in query:  # phrases are ranked through the word-pair field: the same hits, other scores
        assert sorted(h.id for h in outcome.hits) == sorted(h for h, _ in hits)
    else:
        assert [(h.id, round(h.score, 9)) for h in outcome.hits] == hits  # same order, same scores
    assert outcome.total == total
    assert outcome.words == words
    assert outcome.notes == []


def test_highlight_words_per_segment_same_as_whole_reader(index):
    query = S.parse_query("co* OR Tokaev~ OR title:Kaz*").query
    with index.open_index().searcher() as searcher:
        whole = set()
        for leaf in S._positive_leaves(query):
            whole |= {v.decode() if isinstance(v, bytes) else v
                      for f, v in leaf.existing_terms(searcher.reader(), phrases=True, expand=True)}
        assert S.highlight_words(query, searcher.reader()) == frozenset(whole)


def test_fuzzy_terms_keep_their_first_letters():
    from whoosh import query as wq

    def fuzzy(text):
        return [q for q in S.parse_query(text).query.leaves() if isinstance(q, wq.FuzzyTerm)]

    assert {q.prefixlength for q in fuzzy("Tokaev~")} == {1}
    assert {q.prefixlength for q in fuzzy("Tokaev~2")} == {2}
    assert {q.prefixlength for q in fuzzy("Tokaev~1/3")} == {3}  # a longer prefix asked for is kept


def test_fuzzy_does_not_change_the_first_letter(index):
    assert "tokayev" in S.search(index, "Tokaev~").words
    assert "tokayev" not in S.search(index, "Pokayev~").words


def test_a_prefix_with_too_many_words_is_capped_and_says_so(index, monkeypatch):
    full = S.search(index, "co*")
    assert len(full.words) > 3 and full.notes == []
    monkeypatch.setattr(S, "MAX_EXPANSIONS", 3)
    capped = S.search(index, "co*")
    assert len(capped.words) <= 6 and capped.words < full.words  # 3 in the title, 3 in the body
    assert capped.notes and capped.notes[0].startswith("co* matches ")
    assert 0 < capped.total <= full.total


def test_importing_search_does_not_import_whoosh():
    code = "import sys, tui.core.search as s; assert 'whoosh' not in sys.modules, 'whoosh imported'; s.parse_query('a')"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_old_parser_name_still_works():
    assert S._PARSER is S._parser()
