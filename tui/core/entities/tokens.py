"""An offset-preserving tokenizer that keeps only what names are made of.

Kept: words that start with a capital, the punctuation , ( ) &, and the
lower-case joiners of names ("of", "of the", "and", "van") when they stand
alone between two kept tokens. Everything else is skipped for speed; a
skipped word between two tokens separates them (``Token.adj`` is False).
"""

from __future__ import annotations

import re

from .lexicon import CONNECTORS, NAME_PARTICLES, TITLE_ABBREVIATIONS

_TOKEN_RE = re.compile(
    r"[A-Z]\.(?:[A-Za-z]\.)+"  # dotted abbreviations: U.K., U.S.
    r"|[A-Z]\.(?=\s?[A-Z])"  # an initial: "J. Smith"
    r"|\b[^\W\d_a-z]\w*(?:[-‐–'’]\w+)*['’]?"  # words not starting with a-z
    r"|[,()&]"
)
_SPLIT_RE = re.compile("(" + _TOKEN_RE.pattern + ")")
# A gap made only of joiners between two tokens: " of ", " of the ", " van ".
_JOINERS = CONNECTORS | NAME_PARTICLES
_JOIN_GAP_RE = re.compile(r"\s+([a-z]{2,3})(?:\s+(the))?\s+")
_SENTENCE_END = frozenset(".!?:")
_SKIP_BACK = frozenset(" \t\r\xa0«“\"‘'")

WORD, PUNCT = "w", "p"


class Token:
    """A token; a possessive ’s or trailing apostrophe is cut off ``text``."""

    __slots__ = ("text", "start", "end", "kind", "poss", "adj", "nl")

    def __init__(self, text: str, start: int, end: int, kind: str, poss: bool, adj: bool, nl: bool):
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.poss = poss  # was followed by ’s or ’: a name ends here
        self.adj = adj  # only spaces (no line break) since the previous token
        self.nl = nl  # a line break since the previous token

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Token({self.text!r}, {self.start})"


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    # split() with one capturing group alternates gap, token, gap, token...: it
    # is much faster than finditer() and hands us the gaps for free.
    parts = _SPLIT_RE.split(text)
    pos = len(parts[0])
    gap = parts[0]
    for k in range(1, len(parts), 2):
        t = parts[k]
        s = pos
        e = pos = s + len(t)
        c = t[0]
        if c.isalpha() and not c.isupper():
            gap += t + parts[k + 1]  # a lower-case non-ASCII word belongs to the gap
            pos += len(parts[k + 1])
            continue
        if gap == " " or not gap:
            adj, nl = True, False
        elif gap.isspace():
            nl = "\n" in gap
            adj = not nl
        elif len(gap) <= 10 and out and "\n" not in gap:
            adj, nl = False, False
            j = _JOIN_GAP_RE.fullmatch(gap)
            if j is not None and j.group(1) in _JOINERS:
                base = s - len(gap)
                for g in (1, 2):
                    if j.group(g):
                        out.append(Token(j.group(g), base + j.start(g), base + j.end(g), WORD,
                                         False, True, False))
                adj = True
            elif gap == ". " and out[-1].text in TITLE_ABBREVIATIONS:
                adj = True  # "Mr. Smith"
        else:
            adj, nl = False, "\n" in gap
        gap = parts[k + 1]
        pos += len(gap)
        if not c.isalpha():
            out.append(Token(t, s, e, PUNCT, False, adj, nl))
            continue
        poss = False
        if t[-1] in "'’" or (t[-1] == "s" and t[-2:-1] in ("’", "'")):
            cut = 1 if t[-1] in "'’" else 2
            if len(t) > cut:
                t = t[:-cut]
                e -= cut
                poss = True
        out.append(Token(t, s, e, WORD, poss, adj, nl))
    return out


def starts_sentence(text: str, pos: int) -> bool:
    """Only spaces/opening quotes back to the text start, a line break, or a
    sentence end (not the full stop of "Mr." or of an initial)."""
    k = pos - 1
    while k >= 0 and text[k] in _SKIP_BACK:
        k -= 1
    if k < 0 or text[k] == "\n":
        return True
    if text[k] not in _SENTENCE_END:
        return False
    if text[k] == ".":
        w = k
        while w > 0 and text[w - 1].isalpha():
            w -= 1
        word = text[w:k]
        if len(word) == 1 or word in TITLE_ABBREVIATIONS:
            return False
    return True


def split_words(name: str) -> tuple[str, ...]:
    """Token texts of a name, as the tokenizer sees them in running text."""
    return tuple(t.text for t in tokenize(name))
