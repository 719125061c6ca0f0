"""What a capitalised word can be, on its own (before its neighbours are seen)."""

from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .lexicon import (
    CORPORATE_SUFFIXES,
    MONTHS,
    ORG_CUES,
    PLACE_CUES,
    PORTFOLIO,
    POSTNOMINALS,
    ROMAN_NUMERALS,
    STOPWORDS,
    TITLE_ABBREVIATIONS,
    TITLES,
    WEEKDAYS,
)
from .model import PLACE

# Span item categories.
G = "gaz"  # gazetteer match (one or more tokens)
DEM = "dem"  # demonym: Kazakh, British
DEMX = "demx"  # demonym compound: British-Kazakh
HPL = "hpl"  # hyphen compound with a place in it: Kazakhstan-UK
TITLE = "title"
POST = "post"  # post-nominal letters: MP
CUE = "cue"  # organisation head word
PCUE = "pcue"  # place head word: Sea, Region
PORT = "port"  # portfolio word: Foreign, Affairs
STOP = "stop"  # never part of a name; breaks spans
MONTH = "month"
ACR = "acr"  # unknown acronym
ROMAN = "roman"
INIT = "init"  # initial: J.
NAME = "name"
CONN = "conn"  # lower-case joiner: of, for, and, the, van


_HYPHENS = re.compile(r"[-‐–]")


def word_category(w: str, gaz: Gazetteer) -> tuple[str, list | None]:
    """Category of a capitalised word on its own (cached per gazetteer)."""
    if w in TITLES or w in TITLE_ABBREVIATIONS:
        return TITLE, None
    if w in POSTNOMINALS:
        return POST, None
    if w in ORG_CUES or w in CORPORATE_SUFFIXES:
        return CUE, None
    if w in PLACE_CUES:
        return PCUE, None
    if w in PORTFOLIO:
        return PORT, None
    if w in MONTHS:
        return MONTH, None
    if w in STOPWORDS or w in WEEKDAYS:
        return STOP, None
    if gaz.demonym(w):
        return DEM, None
    if w in ROMAN_NUMERALS:
        return ROMAN, None
    if len(w) == 2 and w[1] == ".":
        return INIT, None
    if "-" in w or "‐" in w or "–" in w:
        return _compound(w, gaz)
    if (w.isupper() and len(w) > 1) or not w.replace("’", "").replace("'", "").isalpha():
        return ACR, None  # acronyms, "COP29", "U.N."
    return NAME, None


def _compound(w: str, gaz: Gazetteer) -> tuple[str, list | None]:
    """Hyphen compounds: places inside ("Kazakhstan-UK"), demonyms, or a name."""
    parts = []
    kinds = []
    pos = 0
    for piece in _HYPHENS.split(w):
        entry = gaz.lookup(piece)
        if entry is not None and entry.type == PLACE:
            parts.append((pos, pos + len(piece), entry))
            kinds.append("place")
        elif gaz.demonym(piece):
            kinds.append("dem")
        elif piece in MONTHS:
            kinds.append("month")
        else:
            kinds.append("other")
        pos += len(piece) + 1
    if parts:
        return HPL, parts
    if all(k == "dem" for k in kinds):
        return DEMX, None
    if all(k == "month" for k in kinds):
        return STOP, None
    if w.isupper():
        return ACR, None
    return NAME, None
