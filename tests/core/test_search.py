import datetime as dt

import pytest

from tui.core.search import QueryError, make_snippet, match_spans, parse_date_clause, parse_query, search

A000 = "2023-03-14-uk-foreign-ministers-visit-to-kazakhstan"
A001 = "undated-london-is-trying-to-harm-moscow-by-any-means-available"
A002 = "2023-10-03-kazakhstan-and-the-united-kingdom-are-deepening-mutually"
A003 = "2021-09-18-meeting-with-the-british-ambassadors-to-the-countries-of"
A004 = "2025-02-28-kazakhstan-and-the-united-kingdom-continue-to-steadily"




def found(index, q):
    outcome = search(index, q)
    assert outcome.error is None, outcome.error
    return sorted(h.id for h in outcome.hits)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Cleverly", [A000, A001]),
        ("Cleverly Tokayev", [A000, A001]),
        ("Abdrakhmanov OR Docherty", [A002, A003]),
        ("Vassilenko NOT Docherty", [A004]),
        ("Vassilenko -Docherty", [A004]),
        ('"Middle Corridor"', [A001]),
        ('"Strategic Dialogue"', [A002, A004]),
        ("Abdrakh*", [A003]),
        ("Abdrakhmanof~", [A003]),
        ("title:Kazakhstan", [A000, A002, A004]),
        ("publisher:Kazinform", [A000, A002]),
        ("date:2023", [A000, A002]),
        ("date:2023-03", [A000]),
        ("date:2023-03-14", [A000]),
        ("date:[2021 to 2023]", [A000, A002, A003]),
        ("date:[2024 to]", [A004]),
        ("date:>2023", [A004]),
        ("date:<2022", [A003]),
        ("Vassilenko date:2025", [A004]),
        ("(Cleverly OR Vassilenko) date:2023", [A000, A002]),
    ],
)
def test_query_forms(index, query, expected):
    assert found(index, query) == sorted(expected)


def test_undated_article_never_matches_a_date_filter(index):
    assert A001 not in found(index, "date:[1900 to 2100]")


def test_titles_rank_above_bodies(index):
    outcome = search(index, "deepening cooperation")
    assert outcome.hits[0].id == A002


@pytest.mark.parametrize(
    "query, words",
    [
        ('"unclosed phrase', "quote"),
        ("(a OR b", "parenthesis"),
        ("a OR b)", "parenthesis"),
        ("foo:bar", "Unknown field"),
        ("*", "prefix"),
        ("a*", "prefix"),
        ("Cleverly AND", "after"),
        ("OR Cleverly", "before"),
        ("date:2023-13", "date"),
        ("date:[2024 to 2020]", "starts after"),
        ("date:soon", "date"),
        ("   ", "Type something"),
    ],
)
def test_bad_queries_give_messages(index, query, words):
    outcome = search(index, query)
    assert isinstance(outcome.error, QueryError) and words in outcome.error.message
    assert outcome.hits == []


def test_error_positions_point_into_the_query():
    error = parse_query("Tokayev foo:bar")
    assert isinstance(error, QueryError) and error.position == 8


def test_date_clause_periods():
    assert parse_date_clause("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert parse_date_clause("[2021 to *]") == (dt.date(2021, 1, 1), None)


def test_highlight_words_cover_stems_and_expansions(index):
    outcome = search(index, "investor*")
    text = "The largest investors, and an investor."
    spans = match_spans(text, outcome.words)
    assert [text[s:e] for s, e in spans] == ["investors", "investor"]


def test_negated_terms_are_not_highlighted(index):
    outcome = search(index, "Vassilenko -Docherty")
    assert "docherti" not in outcome.words and "docherty" not in outcome.words


def test_snippet_window_and_spans():
    text = "Lorem ipsum " * 40 + "the Middle Corridor project " + "dolor sit " * 40
    spans = [(i, i + 6) for i in [text.find("Middle")]] + [(text.find("Corridor"), text.find("Corridor") + 8)]
    snip = make_snippet(text, spans, width=100)
    assert snip.text.startswith("…") and snip.text.endswith("…")
    assert [snip.text[s:e] for s, e in snip.spans] == ["Middle", "Corridor"]
    assert len(snip.text) <= 102


def test_hyphenated_words_are_joined_not_excluded(index):
    assert found(index, "Kassym-Jomart") == sorted([A000, A001, A004])
    assert found(index, "Kazakh-British") == [A000] or A000 in found(index, "Kazakh-British")


def test_adjacent_matched_words_are_one_match():
    from tui.core.search import match_spans

    text = "President Kassym-Jomart Kemelevich Tokayev met"
    words = frozenset({"kassym", "jomart", "kemelevich", "tokayev"})
    assert [text[s:e] for s, e in match_spans(text, words)] == ["Kassym-Jomart Kemelevich Tokayev"]


def test_operators_next_to_phrases(index):
    assert found(index, '"Middle Corridor" OR Abdrakhmanov') == sorted([A001, A003])
    assert found(index, 'Vassilenko AND "Strategic Dialogue"') == sorted([A002, A004])
