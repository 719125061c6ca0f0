"""Hypothesis strategies for random and adversarial search queries.

Shared by tests/hostile/test_query_fuzz.py (short, deterministic, in CI) and
scripts/fuzz_queries.py (the long run). `known_slow=True` adds the query shapes that would be slow
in Whoosh (fuzzy edit distances above 2, single words of tens of thousands of characters,
thousands of nested parentheses), which the search layer now refuses with a message; the CI
strategy leaves them to dedicated tests.
"""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = [
    "Kazakhstan", "Cleverly", "visit", "UK", "strategic", "Dialogue", "invest", "London", "Astana",
    "minister", "Vassilenko", "Docherty", "the", "of", "a", "x", "Tokaev", "Kazinform",
    "tokmarkup", "tokescapes", "tokrtl", "tokcjk", "tokemoji",
]
OPERATORS = ["AND", "OR", "NOT", "and", "or", "not", "-", "+", "&&", "||", "!", "(", ")", "((", "))"]
SYNTAX = ['"', "'", "“", "”", "*", "?", "**", "~", "~1", "~2", "~0", "~-1", "~1.5", "^", "^2", "^-1",
          "[", "]", "{", "}", "TO", "to", ":", "::", "\\", "/", "<", ">", "=", "<=", ">=", "|", "&", "#", "%"]
FIELDS = ["title:", "body:", "publisher:", "date:", "foo:", "entity:", "id:", "path:", "Title:", "DATE:",
          "title:(", "body:\"", "publisher:*", "_:", "a-b:", "ü:"]
DATES = ["2023", "2023-03", "2023-03-14", "[2021 to 2023]", "[2024 to]", "[to 2020]", "[ to ]", ">2022",
         "<=2021-06", ">=2020", "<2019", "[", "[2021", "[2023 to 2021]", "13/2023", "2023-02-30",
         "2023-13", "9999", "0000", "0001-01-01", "99999", "2023-1-1", "[2021 TO 2023]", ">", "<=x", ""]
PREFIXES = ["invest*", "Kaz*", "a*", "*", "ab?", "?", "*stan", "Ka*st?n", "in*vest*", "ab*" * 3]
CONTROLS = ["\x00", "\x1b", "\x1b[31m", "\x1b]52;c;cHduZWQ=\x07", "\x1b]0;T\x1b\\", "\x07", "\x08", "\x7f",
            "\x9b", "\t", "\n", "\r", "\u202e", "\u200b", "\ufeff"]
UNICODE = ["Қазақстан", "中文", "哈萨克斯坦", "مرحبا", "שלום", "👍🏽", "👨‍👩‍👧‍👦", "ǅ", "İstanbul", "ß",
           "ﬁ", "Ⅻ", "𝔘𝔫𝔦", "é", "é", "\U0010ffff", "\ufffd"]
MARKUP = ["[@click=app.quit]", "[bold]", "[link=https://e.example]", "[red]x", "[on red]", "[b]x[/b]"]
CLOSING_TAGS = ["[/]", "[/bold]", "[/link]"]  # crash the app's border titles today: see test_hostile_app.py

_PIECES = WORDS * 3 + OPERATORS + SYNTAX + FIELDS + [f"date:{d}" for d in DATES] + PREFIXES + CONTROLS + UNICODE + MARKUP


def _glue(parts: list[tuple[str, bool]]) -> str:
    return "".join(part + (" " if spaced else "") for part, spaced in parts)


def token_soup(markup_closing: bool = True):
    pieces = _PIECES + (CLOSING_TAGS if markup_closing else [])
    return st.lists(st.tuples(st.sampled_from(pieces), st.booleans()), min_size=1, max_size=12).map(_glue)


def _repeat(word: str, n: int, sep: str) -> str:
    return sep.join([word] * n)


def huge_queries():
    return st.one_of(
        st.builds(_repeat, st.sampled_from(WORDS + ["x OR", "AND", "NOT x", "(x)", '"a b"', "date:2023", "ab*"]),
                  st.integers(50, 300), st.sampled_from([" ", "  "])),
        st.integers(1, 300).map(lambda n: "(" * n + "Kazakhstan" + ")" * n),
        st.integers(1, 3000).map(lambda n: "(" * n + "x"),
        st.integers(1, 3000).map(lambda n: '"' * n),
        st.integers(1, 300).map(lambda n: "NOT " * n + "x"),
        st.integers(100, 3000).map(lambda n: "x" * n),  # one long word (quadratic in Whoosh past ~10k)
    )


def known_slow_queries():
    return st.one_of(
        st.builds(lambda w, d: f"{w}~{d}", st.sampled_from(["Kazakhstan", "relations", "Abdrakhmanov"]), st.integers(3, 99)),
        st.integers(20_000, 120_000).map(lambda n: "x" * n),
        st.integers(1000, 5000).map(lambda n: "(" * n + "Kazakhstan" + ")" * n),  # Whoosh: quadratic
    )


def queries(known_slow: bool = False, markup_closing: bool = True):
    """Random and adversarial queries (unicode, control characters, syntax soup, huge ones)."""
    random_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
    strategies = [random_text, token_soup(markup_closing), token_soup(markup_closing), huge_queries()]
    if known_slow:
        strategies.append(known_slow_queries())
    query = st.one_of(*strategies)
    if not markup_closing:
        query = query.filter(lambda q: "[/" not in q)
    return query


ADVERSARIAL = [
    "", " ", "*", "**", "?", "~", "-", "+", '"', '""', '"""', "(", ")", "()", ")(", "AND", "OR", "NOT",
    "NOT NOT x", "x AND", "OR x", "AND OR NOT", "title:", "title: ", "foo:bar", "date:", "date:[",
    "date:[to]", "date:2023-02-30", "date:[2024 to 2021]", "a:b:c", "\x00", "\x1b[31m", "\x1b]52;c;cHduZWQ=\x07",
    "\u202e", "Қазақстан", "中文", "👍🏽", "[@click=app.quit]", "title:[a TO b]", "{a TO b}", "x^99999999999999999999",
    "Kazakhstan~2", "x~", "x~-1", "x~1.5", "ab" + "?" * 50, "(" * 500 + "x" + ")" * 500, "(" * 5000 + "x",
    "x " * 5000, "x OR " * 2000 + "y", "\\", "x\\", "'", "“Strategic Dialogue”", "publisher:*", "body:\"",
    # found by scripts/fuzz_queries.py: a one-letter word with ~2, a date: clause glued to ::
    "a~2", "!~2 Kazakhstan", "x ::date:2023-13", ":: ::date:2023",
]
