"""Pieces the four styles share: the parsed item, locale terms, sorting."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from . import people
from .output import EN_US, Blob, Quotes
from .text import text_blob

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# en-US short month terms (used by MLA)
MONTHS_SHORT = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
                "Nov.", "Dec.")


@dataclass
class Item:
    """A CSL item as the styles read it."""

    id: str
    title: str = ""
    container: str = ""
    names: list[people.Name] = field(default_factory=list)
    date: tuple[int, int, int] | None = None
    url: str = ""
    year_suffix: str = ""  # set by bibliography() when two entries would cite alike
    expand_names: int = 0  # names shown before "et al." after disambiguation (MLA)

    @classmethod
    def from_csl(cls, csl: dict[str, Any]) -> Item:
        parts = (csl.get("issued") or {}).get("date-parts") or [[]]
        date = tuple(parts[0]) if parts and len(parts[0]) == 3 else None
        return cls(
            id=csl.get("id", ""),
            title=csl.get("title", ""),
            container=csl.get("container-title", ""),
            names=[people.parse(n) for n in csl.get("author", [])],
            date=date,  # type: ignore[arg-type]
            url=csl.get("URL", ""),
        )


def quote_marks(quotes: Quotes) -> tuple[str, str, str, str]:
    return (quotes.open, quotes.close, quotes.open_inner, quotes.close_inner)


def leaf(text: str | None, quotes: Quotes = EN_US, **kwargs: Any) -> Blob | None:
    """A printed variable (see text.text_blob)."""
    return text_blob(text, quote_marks(quotes), **kwargs)


ITALIC = [("@font-style", "italic")]
QUOTED = [("@quotes", "true")]


# ---------------------------------------------------------------- sorting ---

def _collation_word(word: str) -> tuple:
    """ICU-like primary weights: case, accents and punctuation ignored, numbers by value."""
    key: list[tuple] = []
    for run in re.findall(r"\d+|\D", word):
        if run.isdigit():
            key.append((1, int(run)))
            continue
        for char in unicodedata.normalize("NFD", run.lower()):
            category = unicodedata.category(char)
            if category.startswith(("P", "Z", "M", "C")):
                continue  # punctuation and spaces are ignored, accents are secondary
            if category.startswith("S"):
                key.append((0, ord(char)))  # symbols sort before digits and letters
            else:
                key.append((2, _LETTER_FOLD.get(char, char)))
    return tuple(key)


_LETTER_FOLD = {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"}


def sort_key(text: str | None) -> tuple | None:
    """citeproc-js's sort key: words compared in turn (a word boundary sorts first)."""
    if not text:
        return None
    return tuple(_collation_word(w) for w in text.split())


def sort_items(items: list[Item], *keys) -> list[Item]:
    """Stable sort by several key functions; a missing key sorts last."""

    def compare_key(indexed: tuple[int, Item]):
        position, item = indexed
        out = []
        for key in keys:
            value = sort_key(key(item))
            out.append((1, ()) if value is None else (0, value))
        out.append(position)
        return out

    return [item for _, item in sorted(enumerate(items), key=compare_key)]


def names_sort_text(names: list[people.Name], style: people.NameStyle, expand_to: int = 0) -> str:
    """Names as sort words (et al. cut applied, the "et al." itself left out)."""
    shown = people.shown_count(names, style, expand_to)
    return " ".join(people.sort_form(n, style.demote) for n in names[:shown])


def letters(index: int) -> str:
    """Year suffixes: a, b, …, z, aa, ab, …"""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def assign_year_suffixes(ordered: list[Item], ambiguity_key) -> None:
    """Give entries that would cite alike a, b, c… in bibliography order."""
    groups: dict[Any, list[Item]] = {}
    for item in ordered:
        item.year_suffix = ""
        groups.setdefault(ambiguity_key(item), []).append(item)
    for members in groups.values():
        if len(members) > 1:
            for i, item in enumerate(members):
                item.year_suffix = letters(i)


def date_sort_text(item: Item) -> str | None:
    return "%04d%02d%02d" % item.date if item.date else None


def cite_identity(item: Item, stand_in: str, given_rule: str):
    """What in-text citations can tell apart: the names (after adding names
    and given names as the style allows; an organisation or a stand-in text
    has no given name) and the year.  Equal identities get year suffixes."""
    year = item.date[0] if item.date else None
    if not item.names:
        return ((stand_in,), ("",), year)
    families = tuple(people.short_form(n) for n in item.names)

    def given(name: people.Name, initials: bool = False) -> str:
        if not name.is_person or not name.given:
            return ""
        if initials:
            return people.long_form(name, inverted=False, initialize_with=". ")
        return name.given

    if given_rule == "initials":  # APA: initials of the first author only
        givens = (given(item.names[0], initials=True),)
    elif given_rule == "primary":  # Chicago: the first author's full given name
        givens = (given(item.names[0]),)
    else:  # by cite: every given name
        givens = tuple(given(n) for n in item.names)
    return (families, givens, year)
