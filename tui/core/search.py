"""Full-text search: the query language, running a query, and highlighted snippets.

Query language (the same in the app and the command line):
  words              all of them (AND is implied)
  a OR b, a NOT b    boolean operators in capitals; `-word` excludes too; ( ) group
  "a phrase"         the words next to each other
  prefix*            words starting with the prefix (at least 2 letters); a prefix (or wildcard
                     or fuzzy term) matching more than MAX_EXPANSIONS words searches only the
                     most common of them, and SearchOutcome.notes says so
  fuzzy~ / fuzzy~2   words one (two) edits away that keep the first letter (~2: the first two
                     letters), see FUZZY_PREFIX; a prefix, wildcard or fuzzy term matching
                     more than two words scores 1 per field, like a filter
  title:x  body:x  publisher:x   search one field
  entity:"Roman Vasilenko"       articles that mention the entity under any of its spellings
  date:2023  date:2023-03  date:2023-03-14  date:[2021 to 2023]  date:>2022  date:<=2021-06
                     date filters; several combine with AND; undated articles never match one
A query that cannot be understood yields a QueryError (a message and a position), never an exception.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

# Whoosh is imported where it is used, so importing this module (at the app's start) is cheap.
if TYPE_CHECKING:
    from whoosh import query as wq
    from whoosh.qparser import MultifieldParser

    from tui.core.index import CorpusIndex

SEARCH_FIELDS = ("title", "body")
QUERY_FIELDS = ("title", "body", "publisher", "date", "entity")
MIN_PREFIX = 2
MAX_QUERY_CHARS = 1000  # Whoosh's parser is quadratic in the length of a word
MAX_FUZZY_EDITS = 2  # the cost of fuzzy matching grows exponentially with the distance
MAX_NESTING = 20
# Fuzzy words must keep their first letter (~1) or two (~2): without that every word in the
# index is compared (seconds per query at 50,000 articles). Misspellings rarely start wrong.
FUZZY_PREFIX = {1: 1, 2: 2}
# A prefix, wildcard or fuzzy search that matches more words than this searches only the
# most common of them (and says so in SearchOutcome.notes).
MAX_EXPANSIONS = 200  # measured: dro* (886 words) 0.47 s uncapped, 0.25 s at 200
_FUZZY = re.compile(r"~(\d+)")
_DATE_CLAUSE = re.compile(r"(?<![\w:])date:(\[[^\]]*\]?|\S*)", re.IGNORECASE)
_ENTITY_CLAUSE = re.compile(r'(?<![\w:])entity:("[^"]*"|[^\s"]+)', re.IGNORECASE)
_FIELD = re.compile(r"(?<![\w\\])([A-Za-z_][\w-]*):(?=\S)")
_PREFIX = re.compile(r"(?<![\w*?])([\w'’-]*)[*?]")
_OPERATOR = re.compile(r"^(AND|OR|NOT)$")
# A hyphen inside a word (Kassym-Jomart, Kazakh-British) joins, it does not exclude.
_HYPHENATED = re.compile(r"(?<![\w\"'-])(\w+(?:-\w+)+)(?![\w*?~\"-])")


@dataclass(frozen=True)
class QueryError:
    message: str
    position: int | None = None  # character offset in the query, when one place is to blame

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    query: wq.Query
    date_filter: wq.Query | None
    entity_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    path: str
    id: str
    title: str
    score: float


@dataclass
class SearchOutcome:
    text: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    seconds: float = 0.0
    words: frozenset[str] = frozenset()  # analysed terms to highlight (title and body)
    error: QueryError | None = None
    expansions: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (typed, spellings added)
    entity_filter: str | None = None  # the entity key the hits were restricted to, if any
    notes: list[str] = field(default_factory=list)  # e.g. a prefix that matched too many words


@dataclass(frozen=True)
class Snippet:
    text: str
    spans: tuple[tuple[int, int], ...]


# --- parsing ---------------------------------------------------------------------------

def _period(value: str, end: bool) -> dt.date:
    """First (or last) day of YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = value.split("-")
    if not (1 <= len(parts) <= 3) or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(value)
    year = int(parts[0])
    if len(parts) == 1:
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    month = int(parts[1])
    if len(parts) == 2:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, last if end else 1)
    return dt.date(year, month, int(parts[2]))


def parse_date_clause(value: str) -> tuple[dt.date | None, dt.date | None]:
    """(first, last) day, either open, for the value after `date:`; raises ValueError."""
    value = value.strip()
    if value.startswith("["):
        if not value.endswith("]"):
            raise ValueError("a date range needs a closing ]")
        bounds = re.fullmatch(r"\s*(\S*?)\s*\bto\b\s*(\S*)\s*", value[1:-1], flags=re.IGNORECASE)
        if bounds is None:
            raise ValueError("write a date range as date:[2021 to 2023]")
        low, high = bounds.groups()
        first = None if low in ("", "*") else _period(low, end=False)
        last = None if high in ("", "*") else _period(high, end=True)
        if first and last and first > last:
            raise ValueError("the range starts after it ends")
        return first, last
    for op in (">=", "<=", ">", "<"):
        if value.startswith(op):
            rest = value[len(op):]
            if op == ">=":
                return _period(rest, end=False), None
            if op == ">":
                return _period(rest, end=True) + dt.timedelta(days=1), None
            if op == "<=":
                return None, _period(rest, end=True)
            return None, _period(rest, end=False) - dt.timedelta(days=1)
    return _period(value, end=False), _period(value, end=True)


def _date_query(first: dt.date | None, last: dt.date | None) -> wq.Query:
    from whoosh import query as wq

    start = dt.datetime.combine(first, dt.time.min) if first else None
    end = dt.datetime.combine(last, dt.time.max) if last else None
    return wq.DateRange("date", start, end)


def _outside_quotes(text: str) -> str:
    """The text with each quoted phrase replaced by one placeholder word of the same length,
    so positions still line up and operators around a phrase still see a term."""
    return re.sub(r'"[^"]*"', lambda m: "Q" * len(m.group()), text)


def _check_syntax(text: str) -> QueryError | None:
    if len(text) > MAX_QUERY_CHARS:
        return QueryError(f"The query is too long ({len(text)} characters; at most {MAX_QUERY_CHARS})")
    if text.count('"') % 2:
        return QueryError('Unbalanced quote: a phrase needs a closing "', text.rfind('"'))
    bare = _outside_quotes(text)
    depth = 0
    for i, ch in enumerate(bare):
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return QueryError("Unbalanced parenthesis: ) without (", i)
        if depth > MAX_NESTING:
            return QueryError(f"Parentheses nested too deeply (at most {MAX_NESTING} levels)", i)
    if depth:
        return QueryError("Unbalanced parenthesis: ( without )", bare.rfind("("))
    for match in _FIELD.finditer(bare):
        if match.group(1).lower() not in QUERY_FIELDS:
            return QueryError(
                f"Unknown field {match.group(1)}: — use title:, body:, publisher:, entity: or date:", match.start()
            )
    for match in _PREFIX.finditer(bare):
        letters = re.sub(r"\W", "", match.group(1).split(":")[-1])
        if len(letters) < MIN_PREFIX:
            return QueryError(f"A prefix search needs at least {MIN_PREFIX} letters before * or ?", match.start())
    for match in _FUZZY.finditer(bare):
        if int(match.group(1)) > MAX_FUZZY_EDITS:
            return QueryError(f"A fuzzy search allows at most {MAX_FUZZY_EDITS} edits (word~2)", match.start())
    tokens = bare.replace("(", " ").replace(")", " ").split()
    for i, token in enumerate(tokens):
        if _OPERATOR.match(token):
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            if after is None or _OPERATOR.match(after) and (after != "NOT" or token == "NOT"):
                return QueryError(f"{token} needs a search term after it", bare.rfind(token))
            if token != "NOT" and i == 0:
                return QueryError(f"{token} needs a search term before it", bare.find(token))
    return None


def _quote_hyphenated(text: str) -> str:
    """Hyphenated words outside quotes become phrases, so `-` only excludes at a word's start."""
    parts = re.split(r'("[^"]*")', text)
    return "".join(p if p.startswith('"') else _HYPHENATED.sub(r'"\1"', p) for p in parts)


@functools.cache
def _parser() -> MultifieldParser:
    """The query parser, built on first use (building it imports Whoosh and makes a schema)."""
    from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, PlusMinusPlugin

    from tui.core.index import make_schema

    parser = MultifieldParser(list(SEARCH_FIELDS), make_schema())
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(PlusMinusPlugin())
    return parser


def __getattr__(name: str):
    if name == "_PARSER":  # the parser used to be built at import under this name
        return _parser()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _require_fuzzy_prefix(q: wq.Query) -> wq.Query:
    """Fuzzy terms keep their first FUZZY_PREFIX[edits] letters (see FUZZY_PREFIX)."""
    from whoosh import query as wq

    def fix(node):
        if isinstance(node, wq.FuzzyTerm):
            # (never longer than the word itself: Whoosh's automaton indexes past its end)
            need = min(FUZZY_PREFIX.get(int(node.maxdist), 0), len(node.text))
            if node.prefixlength < need:
                node = node.copy()
                node.prefixlength = need
        return node

    return q.accept(fix)


def parse_query(text: str) -> ParsedQuery | QueryError:
    """Parse the user's query; a QueryError says what is wrong in words."""
    from whoosh import query as wq

    text = text.strip()
    if not text:
        return QueryError("Type something to search for")
    filters: list[wq.Query] = []
    for match in _DATE_CLAUSE.finditer(text):
        try:
            filters.append(_date_query(*parse_date_clause(match.group(1))))
        except ValueError as exc:
            reason = str(exc) if " " in str(exc) else "use YYYY, YYYY-MM, YYYY-MM-DD or [2021 to 2023]"
            return QueryError(f"Bad date filter {match.group(0)!r}: {reason}", match.start())
    entity_names = tuple(m.group(1).strip('"').strip() for m in _ENTITY_CLAUSE.finditer(text))
    if any(not name for name in entity_names):
        return QueryError('An entity filter needs a name: entity:"Roman Vasilenko"', text.find("entity:"))
    rest = _ENTITY_CLAUSE.sub(" ", _DATE_CLAUSE.sub(" ", text)).strip()
    date_filter = (filters[0] if len(filters) == 1 else wq.And(filters)) if filters else None
    if not rest:
        return ParsedQuery(text, wq.Every(), date_filter, entity_names)
    error = _check_syntax(rest)
    if error is None:
        rest = _quote_hyphenated(rest)
    if error:
        offset = text.find(rest[:10]) if error.position is not None else 0
        return QueryError(error.message, None if error.position is None else error.position + max(offset, 0))
    try:
        parsed = _require_fuzzy_prefix(_parser().parse(rest))
    except Exception:  # noqa: BLE001 - the parser's failures become a message, never its internals
        return QueryError("Could not understand the query; check its quotes, parentheses and operators")
    if parsed is wq.NullQuery or isinstance(parsed, type(wq.NullQuery)):
        return QueryError("Nothing to search for in that query")
    if any(getattr(leaf, "fieldname", None) == "date" for leaf in parsed.leaves()):
        # A date: clause glued to other text (x::date:2023-13) reached Whoosh's own parser,
        # whose date terms fail only when searched.
        at = text.lower().find("date:")
        return QueryError(
            "Could not read the date filter: put it on its own, as date:2023, date:2023-03-14 or "
            "date:[2021 to 2023]",
            at if at >= 0 else None,
        )
    return ParsedQuery(text, parsed, date_filter, entity_names)


# --- running ---------------------------------------------------------------------------

def _positive_leaves(q: wq.Query):
    """Leaf queries whose matches should be highlighted (not the excluded ones)."""
    from whoosh import query as wq

    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from _positive_leaves(q.a)
        return
    if q.is_leaf():
        yield q
        return
    for child in q.children():
        yield from _positive_leaves(child)


def _leaf_readers(reader) -> list:
    return [reader] if reader.is_atomic() else [r for r, _ in reader.leaf_readers()]


def highlight_words(q: wq.Query, reader) -> frozenset[str]:
    """The analysed words a query matches in the title and body, to highlight in snippets.

    Prefix, wildcard and fuzzy terms are expanded segment by segment: the same words as
    expanding on the whole (multi-segment) reader, without merging the segments' term lists.
    """
    from whoosh import query as wq

    words = set()
    for leaf in _positive_leaves(q):
        if isinstance(leaf, wq.Phrase):  # highlighted as a phrase: its words next to each other
            if leaf.fieldname in SEARCH_FIELDS and leaf.words:
                words.add(" ".join(leaf.words))
            continue
        try:
            if isinstance(leaf, wq.MultiTerm) and not reader.is_atomic():
                terms = {term for r in _leaf_readers(reader) for term in leaf.expanded_terms(r)}
            else:
                terms = leaf.existing_terms(reader, phrases=True, expand=True)
        except Exception:  # noqa: BLE001 - highlighting is a nicety, never a failure
            continue
        for fieldname, value in terms:
            if fieldname in SEARCH_FIELDS:
                words.add(value.decode("utf-8") if isinstance(value, bytes) else value)
    return frozenset(words)


@functools.cache
def _expanded_terms_class():
    """ExpandedTerms, defined on first use (it subclasses a Whoosh class)."""
    from whoosh import matching
    from whoosh import query as wq

    class ExpandedTerms(wq.Query):
        """A prefix, wildcard or fuzzy term whose words were looked up once per segment.

        It matches like the original (Whoosh's MultiTerm.matcher): one word is a plain term,
        two are ORed as Whoosh does, and more are ORed with the array matcher (constant
        score), which Whoosh only picks by itself for segments of at most 5,000 documents;
        for bigger ones its binary tree of unions is pathological with hundreds of words.
        """

        def __init__(self, original, by_reader: dict, words: tuple):
            self.original = original
            self.fieldname = original.fieldname
            self.text = original.text
            self.boost = original.boost
            self.constantscore = getattr(original, "constantscore", True)
            self.by_reader = by_reader  # id(segment reader) -> (reader, [words in that segment])
            self.words = words  # every word searched for (all segments), as the reader gives them
            self.docs_by_reader: dict = {}  # id(segment reader) -> (reader, sorted document numbers)

        def __unicode__(self):
            return str(self.original)

        __str__ = __unicode__

        def __repr__(self):
            return f"{self.__class__.__name__}({self.original!r}, {len(self.words)} words)"

        def __eq__(self, other):
            return type(other) is type(self) and other.original == self.original and other.words == self.words

        def __hash__(self):
            return hash(self.original) ^ hash(self.words)

        def is_leaf(self):
            return True

        def field(self):
            return self.fieldname

        def _words_in(self, reader) -> list:
            entry = self.by_reader.get(id(reader))
            if entry is not None and entry[0] is reader:
                return entry[1]
            keep = set(self.words)
            return [w for w in self.original._btexts(reader) if w in keep]

        def _docs_in(self, reader, words) -> list[int]:
            docs = self.docs_by_reader.get(id(reader))
            if docs is None or docs[0] is not reader:
                to_bytes = reader.schema[self.fieldname].to_bytes
                found: set[int] = set()
                for w in words:
                    found.update(reader.postings(self.fieldname, w if isinstance(w, bytes) else to_bytes(w)).all_ids())
                docs = self.docs_by_reader[id(reader)] = (reader, sorted(found))
            return docs[1]

        def expanded_terms(self, ixreader, phrases=False):
            for word in self.words:
                yield (self.fieldname, word)

        def existing_terms(self, ixreader, phrases=True, expand=False, fieldname=None):
            if not expand or (fieldname and fieldname != self.fieldname):
                return self.original.existing_terms(ixreader, phrases=phrases, expand=expand, fieldname=fieldname)
            to_bytes = ixreader.schema[self.fieldname].to_bytes
            return {(self.fieldname, w if isinstance(w, bytes) else to_bytes(w)) for w in self.words}

        def estimate_size(self, ixreader):
            return sum(ixreader.doc_frequency(self.fieldname, w) for w in self._words_in(ixreader))

        def estimate_min_size(self, ixreader):
            return min((ixreader.doc_frequency(self.fieldname, w) for w in self._words_in(ixreader)), default=0)

        def matcher(self, searcher, context=None):
            reader = searcher.reader()
            words = [w for w in self._words_in(reader) if w]
            if not words:
                return matching.NullMatcher()
            if len(words) > 2 and self.constantscore and reader.is_atomic():
                # What Whoosh's array matcher does for a constant-score Or (every document
                # scores 1), from the segment's document numbers, read once per search
                # (docs_for_query runs the query again for the count) and without making a
                # BM25 scorer for every word (each looks the word up in every segment).
                return ConstantDocs(self._docs_in(reader, words))
            qs = [wq.Term(self.fieldname, w) for w in words]
            if len(qs) == 1:
                return qs[0].matcher(searcher, context)
            if self.constantscore:
                if context:
                    context = context.set(weighting=None)
                else:
                    from whoosh.searching import SearchContext

                    context = SearchContext(weighting=None)
            either = wq.Or(qs, boost=self.boost)
            if len(qs) > 2:
                either.matcher_type = wq.Or.ARRAY_MATCHER
            return either.matcher(searcher, context)

    class ConstantDocs(matching.ListMatcher):
        """Documents that all score 1 (so 1 is also the best score, for block-quality skipping)."""

        def __init__(self, ids):
            matching.ListMatcher.__init__(self, ids, all_weights=1.0)

        def copy(self):
            m = ConstantDocs(self._ids)
            m._i = self._i
            return m

        def supports(self, astype):
            return False

        def supports_block_quality(self):
            return True

        def max_quality(self):
            return 1.0

        def block_quality(self):
            return 1.0

        def score(self):
            return 1.0

        def skip_to(self, id):
            if not self.is_active():
                raise matching.ReadTooFar
            if id > self._ids[self._i]:
                self._i = bisect.bisect_left(self._ids, id, self._i)

        def skip_to_quality(self, minquality):
            if self.is_active() and minquality >= 1.0:
                self._i = len(self._ids)
                return 1
            return 0

        def replace(self, minquality=0):
            return self if self.is_active() else matching.NullMatcher()

    return ExpandedTerms


def _expand_multiterms(q: wq.Query, searcher) -> tuple[wq.Query, list[str]]:
    """The query with each prefix, wildcard and fuzzy term looked up once per segment (and
    at most MAX_EXPANSIONS words each), and notes for the user about the capped ones."""
    from whoosh import query as wq

    expanded = _expanded_terms_class()
    readers = _leaf_readers(searcher.reader())
    notes: list[str] = []
    capped: set[str] = set()

    def expand(node):
        # Word patterns only: a range (title:[a TO b]) has no single text to expand and stays as is.
        if not isinstance(node, (wq.PatternQuery, wq.FuzzyTerm)):
            return node
        fieldname = node.field()
        df: dict = {}
        if type(node) is wq.Prefix:  # the words with their frequencies, in one pass
            by_reader = {}
            for r in readers:
                found = []
                for w, info in r.iter_prefix(fieldname, node.text):
                    found.append(w)
                    df[w] = df.get(w, 0) + info.doc_frequency()
                by_reader[id(r)] = (r, found)
        else:
            by_reader = {id(r): (r, list(node._btexts(r))) for r in readers}
        words = list(dict.fromkeys(w for _, found in by_reader.values() for w in found))
        if len(words) > MAX_EXPANSIONS:
            if not df:
                df = dict.fromkeys(words, 0)
                for r, found in by_reader.values():
                    for w in found:
                        df[w] += r.doc_frequency(fieldname, w)
            words = sorted(words, key=lambda w: (-df[w], w))[:MAX_EXPANSIONS]
            keep = set(words)
            by_reader = {key: (r, [w for w in found if w in keep]) for key, (r, found) in by_reader.items()}
            if isinstance(node, wq.Prefix):
                typed = f"{node.text}*"
            elif isinstance(node, wq.FuzzyTerm):
                typed = f"{node.text}~{int(node.maxdist)}"
            else:
                typed = node.text
            if typed not in capped:
                capped.add(typed)
                notes.append(
                    f"{typed} matches {len(df):,} words; searched the {MAX_EXPANSIONS:,} most common"
                )
        return expanded(node, by_reader, tuple(sorted(words)))

    return q.accept(expand), notes


def _allowed_docs(searcher, filters: list[wq.Query]) -> set[int]:
    """The document numbers every filter matches, as a plain set.

    Whoosh's FilterCollector tests `bool(allowed)` for every matching document; for the bit
    set it makes of a filter query that scans the whole set (seconds on big results), for a
    Python set it is free.
    """
    allowed: set[int] | None = None
    for f in filters:
        docs = set(searcher.docs_for_query(f))
        allowed = docs if allowed is None else allowed & docs
    return allowed or set()


def _phrases_by_pairs(q: wq.Query, schema) -> wq.Query:
    """Phrases in the body use the `pairs` field (adjacent common words, see pairs.py).

    A two-word phrase of common words is exactly its pair; a longer phrase holding such pairs
    is the AND of them and the phrase itself, so that Whoosh compares word positions only in
    the documents holding every pair (`"of the"` at 50,000 articles: 2.8 s by positions).
    """
    from whoosh import query as wq

    if "pairs" not in schema:
        return q
    from tui.core.pairs import common_pairs

    def rewrite(node):
        if isinstance(node, wq.Phrase) and node.fieldname == "body" and node.slop == 1 and len(node.words) >= 2:
            pairs = [wq.Term("pairs", pair, boost=node.boost) for pair in common_pairs(node.words)]
            if not pairs:
                return node
            return pairs[0] if len(node.words) == 2 else wq.And([*pairs, node])
        return node

    return q.accept(rewrite)


def _has_and_not(q: wq.Query) -> bool:
    from whoosh import query as wq

    return isinstance(q, wq.AndNot) or any(_has_and_not(c) for c in q.children())


def _doc_ids(q: wq.Query, searcher) -> set[int]:
    """The document numbers a query matches, for the hit count.

    Whoosh's own count (`len(results)`) runs the query again through its matchers, one
    document at a time in Python; here each leaf (a word, a phrase, an expanded prefix) is
    read per segment and the boolean structure is applied with set operations, which is
    several times faster for the common shapes (words in title or body, AND, OR, NOT).
    """
    from whoosh import query as wq

    if isinstance(q, wq.NullQuery.__class__):
        return set()
    if isinstance(q, wq.Or) and not getattr(q, "minmatch", 0):
        found: set[int] = set()
        for child in q.subqueries:
            found |= _doc_ids(child, searcher)
        return found
    if isinstance(q, wq.And) and not any(isinstance(c, wq.Phrase) for c in q.subqueries):
        # (an AND holding a phrase is left to Whoosh's matcher below: it compares positions
        # only where the other parts match, which separate sets would not)
        positive = [c for c in q.subqueries if not isinstance(c, wq.Not)]
        negative = [c.query for c in q.subqueries if isinstance(c, wq.Not)]
        if positive:
            sets = sorted((_doc_ids(c, searcher) for c in positive), key=len)
            found = sets[0].intersection(*sets[1:])
            for child in negative:
                if not found:
                    break
                found -= _doc_ids(child, searcher)
            return found
    if isinstance(q, wq.AndNot):
        found = _doc_ids(q.a, searcher)
        return found - _doc_ids(q.b, searcher) if found else found
    if isinstance(q, wq.AndMaybe):
        return _doc_ids(q.a, searcher)
    # A leaf, or a shape not taken apart above: its documents segment by segment (deleted
    # documents left out, as Whoosh's own count does).
    found = set()
    for sub, offset in searcher.leaf_searchers():
        found.update(offset + docnum for docnum in q.docs(sub))
    return found


def search(corpus_index: CorpusIndex, text: str, limit: int | None = 200, expander=None) -> SearchOutcome:
    """Run a query against a freshly opened searcher (never a refreshed one: it can be stale).

    With an expander (tui.core.name_expansion.NameExpander), names in the query also match
    every other spelling of the same entity.
    """
    from whoosh import query as wq

    started = time.perf_counter()
    outcome = SearchOutcome(text=text)
    parsed = parse_query(text)
    if isinstance(parsed, QueryError):
        outcome.error = parsed
        return outcome
    query = parsed.query
    if expander is not None:
        query, outcome.expansions = expander.expand(query)
    filters = [parsed.date_filter] if parsed.date_filter is not None else []
    for name in parsed.entity_names:
        terms = expander.index_terms(name) if expander is not None else None
        if not terms:
            outcome.error = QueryError(f"No person, organisation or place called {name!r} in this corpus")
            return outcome
        filters.append(wq.Or([wq.Term("entities", t) for t in terms]))
    try:
        ix = corpus_index.open_index()
        with ix.searcher() as searcher:
            query, outcome.notes = _expand_multiterms(query, searcher)
            highlight_query = query
            query = _phrases_by_pairs(query, searcher.schema)
            allowed = _allowed_docs(searcher, filters) if filters else None
            exact = None
            if _has_and_not(query):
                # Whoosh's AndNot matcher lets some excluded documents through (measured: 3 of
                # 11,716 for `energy -oil` at 50,000 articles, each containing "oil"); the set
                # of documents from postings is exact, so the hits are restricted to it.
                exact = _doc_ids(query, searcher)
                allowed = exact if allowed is None else allowed & exact
            if allowed is not None and not allowed:
                outcome.hits, outcome.total = [], 0  # (an empty set would mean "no filter" to Whoosh)
            else:
                kwargs = {"limit": limit, "filter": allowed}
                if isinstance(query, wq.Every):
                    kwargs.update(sortedby="date", reverse=True)
                results = searcher.search(query, **kwargs)
                outcome.hits = [Hit(h["path"], h["id"], h["title"], float(h.score or 0.0)) for h in results]
                if limit is not None and len(outcome.hits) < limit:
                    outcome.total = len(outcome.hits)  # fewer than asked for: that is all of them
                elif isinstance(query, wq.Every):
                    outcome.total = len(results)
                elif exact is not None:
                    outcome.total = len(allowed)
                else:
                    docs = _doc_ids(query, searcher)
                    outcome.total = len(docs & allowed if allowed is not None else docs)
            outcome.words = highlight_words(highlight_query, searcher.reader())
    except Exception as exc:  # noqa: BLE001 - a broken index must not take the app down
        outcome.error = QueryError(f"The search failed: {exc.__class__.__name__}: {exc}")
    outcome.seconds = time.perf_counter() - started
    return outcome


# --- highlighting ------------------------------------------------------------------------

# The token pattern of the index's analyzer (Whoosh's RegexTokenizer default), which then
# lowercases and Porter-stems each token (tui.core.index.TEXT_ANALYZER: no stop words).
_TOKEN = re.compile(r"\w+(\.?\w+)*")


@functools.cache
def _stemmer():
    from whoosh.lang.porter import stem

    return functools.lru_cache(maxsize=100_000)(stem)


def match_spans(text: str, words: frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of the tokens of text whose analysed form is one of words.

    An entry with spaces is a phrase (analysed words in order, as highlight_words gives it):
    only its words next to each other match, as one span. The same tokens and forms as the
    index's analyzer (TEXT_ANALYZER), without running it.
    """
    if not words or not text:
        return []
    stem = _stemmer()
    phrases = [tuple(w.split(" ")) for w in words if " " in w]
    if phrases:
        return _merge_spans(text, _phrase_spans(text, words, phrases))
    spans: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text):
        if stem(match.group().lower()) in words:
            start, end = match.span()
            # Matched words next to each other ("Kassym-Jomart Tokayev") are one match.
            if spans and text[spans[-1][1] : start] in (" ", "-", "‑", "–"):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def _phrase_spans(text: str, words: frozenset[str], phrases: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    stem = _stemmer()
    tokens = [(m.start(), m.end(), stem(m.group().lower())) for m in _TOKEN.finditer(text)]
    stems = [t[2] for t in tokens]
    found = []
    for i, (start, end, form) in enumerate(tokens):
        if form in words:
            found.append((start, end))
        for phrase in phrases:
            if form == phrase[0] and tuple(stems[i : i + len(phrase)]) == phrase:
                found.append((start, tokens[i + len(phrase) - 1][1]))
    return sorted(found)


def _merge_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans, and spans next to each other, as one."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or text[merged[-1][1] : start] in (" ", "-", "‑", "–")):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, spans: list[tuple[int, int]], width: int = 220) -> Snippet:
    """The window of text with the most matches, on one line, with spans shifted to fit."""
    if not spans:
        window = text[:width]
        cut = window.rsplit(" ", 1)[0] if len(text) > width else window
        return Snippet(" ".join(cut.split()) + ("…" if len(text) > width else ""), ())
    best_start, best_count = spans[0][0], 0
    for start, _ in spans:
        lead = max(0, start - width // 4)
        count = sum(1 for s, e in spans if s >= lead and e <= lead + width)
        if count > best_count:
            best_start, best_count = lead, count
    lo = best_start
    if lo > 0:
        space = text.rfind(" ", 0, lo + 1)
        lo = space + 1 if space != -1 and lo - space < 30 else lo
    hi = min(len(text), lo + width)
    if hi < len(text):
        space = text.rfind(" ", lo, hi)
        hi = space if space > lo else hi
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    raw = text[lo:hi]
    # Newlines become spaces (same length, so spans keep their place).
    body = re.sub(r"\s", " ", raw)
    shifted = tuple(
        (s - lo + len(prefix), e - lo + len(prefix)) for s, e in spans if s >= lo and e <= hi
    )
    return Snippet(prefix + body + suffix, shifted)
