"""Person-name comparison: transliteration variants and patronymics."""

from __future__ import annotations

import re

from .lexicon import PATRONYMIC_SUFFIXES


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        best = i
        for j, cb in enumerate(b, 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            cur.append(v)
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def surname_tolerance(a: str, b: str) -> int:
    """Edits allowed between two surnames: transliterations differ by a doubled
    or swapped letter (Vasilenko/Vassilenko, Cleverly/Cleverley)."""
    shortest = min(len(a), len(b))
    if shortest < 5:
        return 0
    return 2 if shortest >= 9 else 1


def similar_surname(a: str, b: str) -> bool:
    """Same surname up to transliteration (case-insensitive)."""
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    limit = surname_tolerance(a, b)
    return limit > 0 and edit_distance(a, b, limit) <= limit


def is_patronymic(word: str) -> bool:
    w = word.casefold()
    return len(w) > 5 and w.endswith(PATRONYMIC_SUFFIXES)


def core_name(words: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Drop patronymics: Kassym-Jomart Kemelevich Tokayev -> Kassym-Jomart Tokayev."""
    if len(words) <= 2:
        return tuple(words)
    middle = [w for w in words[1:-1] if not is_patronymic(w)]
    return (words[0], *middle, words[-1])


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full names of one person: same first name, surnames equal up to
    transliteration, and the middle names of one contained in the other's."""
    a, b = core_name(a), core_name(b)
    if len(a) < 2 or len(b) < 2 or a[0].casefold() != b[0].casefold():
        return False
    if not similar_surname(a[-1], b[-1]):
        return False
    ma = {w.casefold() for w in a[1:-1]}
    mb = {w.casefold() for w in b[1:-1]}
    return ma <= mb or mb <= ma


def fold(name: str) -> str:
    """Comparison form of a name: case-folded, one space, no possessive."""
    name = name.replace("’", "'").strip()
    if name.endswith("'s"):
        name = name[:-2]
    return " ".join(name.split()).casefold()


_ACRONYM_WORD_RE = re.compile(r"[^\W\d_][\w'’]*")


def acronym_matches(acronym: str, name: str) -> bool:
    """Does ``acronym`` abbreviate ``name`` (optionally minus a leading qualifier)?"""
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    words = [w for w in _ACRONYM_WORD_RE.findall(name) if w[0].isupper()]
    if not letters or not words:
        return False
    for first in range(len(words)):
        if "".join(w[0] for w in words[first:]).upper() == letters:
            return True
    # Looser: letters in order through the name, starting at its first word
    # ("Eurasian Economic Union (EAEU)").
    flat = "".join(words).upper()
    if flat[0] != letters[0]:
        return False
    pos = 0
    for c in letters:
        pos = flat.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True
