"""Pairs of common words as single index terms, for phrases made of them.

A phrase such as "of the" or "in the" matches nearly every article: Whoosh would compare the
positions of both words in each one (seconds at 50,000 articles). Indexing each adjacent
pair of two common words ("of the") as one term turns such a phrase, or that part of a
longer one, into a posting-list lookup. Only common-common pairs are indexed: pairs with a
rarer word would multiply the index's vocabulary (measured: indexing every pair tripled the
build time), and a phrase holding a rarer word is already fast, since that word limits the
documents whose positions are compared. Imported by the index only (it needs Whoosh).
"""

from __future__ import annotations

from whoosh.analysis import Filter
from whoosh.lang.porter import stem

# Function words (before stemming): the words that make position checks expensive.
COMMON_WORDS = (
    "a about after all also an and any are as at be been before between but by can could for "
    "from had has have he her his i if in into is it its more most new no not of on or other our "
    "out over she so some such than that the their them then there these they this those to up "
    "was we were which while who will with would you"
).split()
COMMON_STEMS = frozenset(stem(w) for w in COMMON_WORDS)


class CommonPairsFilter(Filter):
    """Keeps only 'a b' for each adjacent pair of stemmed tokens that are both common."""

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(self, tokens):
        previous = None
        for token in tokens:
            text = token.text
            if previous is not None and previous in COMMON_STEMS and text in COMMON_STEMS:
                token.text = f"{previous} {text}"
                yield token
            previous = text


def common_pairs(words: list[str]) -> list[str]:
    """The indexed pairs of a phrase's (stemmed) words, in order."""
    return [f"{a} {b}" for a, b in zip(words, words[1:]) if a in COMMON_STEMS and b in COMMON_STEMS]
