"""Printing CSL names the way citeproc-js does.

citeproc-js first moves lower-case words at the start of a family name into a
non-dropping particle (``da Silva`` -> ``da`` + ``Silva``) and lower-case
words at the end of a given name into a dropping particle, then prints a name
in one of three shapes: in display order (``Maria da Silva``), inverted
(``da Silva, Maria``; with a demoted particle ``Silva, Maria da``), or short
(``da Silva``).  Initials follow its rules too: ``Jean-Luc`` -> ``J.-L.``;
a given name whose first letter is outside Latin and basic Cyrillic capitals
is not initialised and keeps a leading space (so APA prints
``Өмірбекова,  Әсел`` with two spaces, exactly as citeproc-js does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .output import Blob
from .text import ROMANESQUE_RE

_NAME_INITIAL = re.compile(
    "^([A-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u042f\u0590-\u05d4\u05d6-\u05ff\u0600-\u06ff\u0370\u0372"
    "\u0376\u0386\u0388-\u03ab\u03e2\u03e4\u03e6\u03e8\u03ea\u03ec\u03ee\u03f4\u03f7\u03fd-\u03ff])"
    "([a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0400-\u052f\u0600-\u06ff\u0370-\u03ff\u1f00-\u1fff]*|)(\\.)*"
)
_STARTS_ROMANESQUE = re.compile(
    "^[&a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff\u1f00-\u1fff"
    "\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e]"
)
_FAMILY_PARTICLE = re.compile("^([^ ]+(?:-|\u02bb|\u2019| |') *)(.+)$", re.S)
_GIVEN_PARTICLE = re.compile("^([^ ]+(?:\u02bb |\u2019 | |' ) *)(.+)$", re.S)
_TRAILING_SPACE = re.compile("[\t\n\x0b\x0c\r \ufeff\u00a0]+$")

Demote = Literal["never", "sort-only", "display-and-sort"]


@dataclass
class Name:
    """A parsed CSL name: a person or an organisation (``literal``)."""

    family: str = ""
    given: str = ""
    particle: str = ""  # non-dropping, printed before the family name
    dropping: str = ""  # printed after the given name
    suffix: str = ""
    literal: str = ""

    @property
    def is_person(self) -> bool:
        return not self.literal


def _split_particles(value: str, from_end: bool) -> tuple[str, list[str]]:
    original = value
    if from_end:
        value = value[::-1]
    found: list[str] = []
    regex = _GIVEN_PARTICLE if from_end else _FAMILY_PARTICLE
    m = regex.match(value)
    while m:
        word = m.group(1)[::-1] if from_end else m.group(1)
        first = re.sub(r"^[-'\u02bb\u2019\s]*(.).*$", r"\1", word, flags=re.S)
        if first.upper() == first:
            break
        if from_end:
            found.append(original[-len(word):])
            original = original[: -len(word)]
        else:
            found.append(original[: len(word)])
            original = original[len(word):]
        value = m.group(2)
        m = regex.match(value)
    if from_end:
        value = value[::-1]
        found.reverse()
        for i in range(1, len(found)):
            if found[i][:1] == " ":
                found[i - 1] += " "
    return value, found


def parse(csl_name: dict[str, str]) -> Name:
    """citeproc-js's reading of a CSL-JSON name (particles, suffix)."""
    if csl_name.get("literal"):
        return Name(literal=csl_name["literal"])
    name = Name(family=csl_name.get("family", ""), given=csl_name.get("given", ""))
    name.family, particles = _split_particles(name.family, False)
    joined = "".join(particles)
    particle = joined.strip()
    if joined[-1:] == " " and particle[-1:] in ("'", "\u2019"):
        particle += " "
    name.particle = particle
    m = re.search(r"(\s*,!*\s*)", name.given)
    if m:
        idx = m.start(1)
        name.suffix = name.given[idx + len(m.group(1)):]
        name.given = name.given[:idx]
    if name.given:
        name.given, particles = _split_particles(name.given, True)
        name.dropping = "".join(particles).strip()
    return name


def _romanesque(name: Name) -> int:
    """2: Latin-like script, 0: e.g. CJK (family and given run together)."""
    if ROMANESQUE_RE.search(name.family.replace('"', "")):
        return 2
    return 1 if name.given and _STARTS_ROMANESQUE.match(name.given) else 0


def _initialize(given: str, terminator: str, normalize_only: bool) -> str:
    if given in ("Lord", "Lady") or not _STARTS_ROMANESQUE.match(given):
        return given
    given = re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", given))
    given = re.sub(r"-([a-z])", "\u2013\\1", given)
    for i in range(len(given) - 2, -1, -1):
        if given[i] == "." and given[i + 1] != " ":
            given = given[:i] + ". " + given[i + 1:]
    parts = re.split(r"([-\s]+)", given)
    if len(parts) == 1:
        tail = re.search(r"[^.]+$", parts[0])
        if tail and len(tail.group(0)) == 1 and tail.group(0) != tail.group(0).lower():
            parts[0] += "."
    result = _normalize(parts, terminator) if normalize_only else _initials(parts, terminator)
    return re.sub("\u2013([a-z])", r"-\1", result)


def _tidy(parts: list[str]) -> str:
    text = _TRAILING_SPACE.sub("", "".join(parts))
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub("[\t\n\x0b\x0c\r ]+", " ", text)


def _initials(parts: list[str], terminator: str) -> str:
    count = len(parts)
    for i in range(0, count, 2):
        word = parts[i]
        if not word:
            continue
        m = _NAME_INITIAL.match(word)
        if m:
            first, rest, dot = m.group(1), m.group(2), m.group(3)
            if rest and dot:  # an abbreviation such as "Th." stays whole
                first, rest = first + rest, ""
        if m and first[0] == first[0].upper():
            extra = ""
            if rest:
                caps = ""
                for char in rest:
                    if char != char.upper():
                        break
                    caps += char
                if len(caps) < len(rest):
                    extra = caps.lower()
            parts[i] = first + extra
            if i < count - 1:
                parts[i + 1] = terminator + "-" if "-" in parts[i + 1] else terminator
            else:
                parts.append(terminator)
        elif ROMANESQUE_RE.search(word) and not (m and m.group(3)):
            parts[i] = " " + word
    return _tidy(parts)


def _normalize(parts: list[str], terminator: str) -> str:
    abbreviated = []
    for i, part in enumerate(parts):
        if len(part) > 1 and part.endswith("."):
            parts[i] = re.sub(r"^(.*)\.(.*)$", r"\1\2", part, flags=re.S)
            abbreviated.append(True)
        else:
            abbreviated.append(len(part) == 1 and part.upper() == part)
    for i in range(0, len(parts), 2):
        if not abbreviated[i]:
            continue
        if i < len(parts) - 2:
            parts[i + 1] = "" if abbreviated[i + 2] else " "
            if len(parts[i + 2]) > 1:
                parts[i + 1] = terminator.rstrip("\ufeff") + parts[i + 1]
            else:
                parts[i + 1] = terminator
        if i == len(parts) - 1:
            parts[i] += terminator
    return _tidy(parts)


def _given(name: Name, initialize_with: str | None, initialize: bool) -> str:
    if initialize_with is None or not name.given:
        return name.given
    return _initialize(name.given, initialize_with, normalize_only=not initialize)


def _joined(*parts: str, sep: str = " ") -> str:
    return sep.join(p for p in parts if p)


def _particle_family(name: Name) -> str:
    if name.particle[-1:] in ("'", "\u2019", "-", " "):
        return name.particle + name.family
    return _joined(name.particle, name.family)


def name_parts(name: Name, *, inverted: bool, initialize_with: str | None = None,
               initialize: bool = True, demote: Demote = "display-and-sort",
               sort_separator: str = ", ") -> tuple[list[str], str]:
    """The printed parts of a name and the separator between them.

    citeproc-js escapes each part on its own, so they stay apart until printed.
    """
    if not name.is_person:
        return [name.literal], ""
    given = _given(name, initialize_with, initialize)
    kind = _romanesque(name)
    if kind == 0:
        return [name.particle + name.family + given], ""
    if kind == 1:
        return [_joined(_joined(name.particle, name.family), given)], ""
    if inverted:
        if demote == "display-and-sort":
            second = _joined(_joined(given, name.dropping), name.particle)
            parts = [name.family, second, name.suffix]
        else:
            parts = [_particle_family(name), _joined(given, name.dropping), name.suffix]
        return [p for p in parts if p], sort_separator
    first = _joined(given, name.dropping)
    return [_joined(_joined(first, _particle_family(name)), name.suffix)], ""


def long_form(name: Name, **kwargs) -> str:
    """A name in full: ``Given Family`` or inverted ``Family, Given``."""
    parts, separator = name_parts(name, **kwargs)
    return separator.join(parts)


def short_form(name: Name) -> str:
    """The family name with its particle, or the organisation."""
    if not name.is_person:
        return name.literal
    if _romanesque(name) == 0:
        return name.particle + name.family
    return _particle_family(name)


def sort_form(name: Name, demote: Demote) -> str:
    """The words citeproc-js sorts a name by."""
    if not name.is_person:
        return name.literal
    if demote == "never":
        return _joined(_joined(name.particle, name.family), name.dropping, name.given, name.suffix)
    return _joined(name.family, name.given, name.dropping, name.particle, name.suffix)


@dataclass(frozen=True)
class NameStyle:
    """The attributes of one CSL <names>/<name> element."""

    form: Literal["long", "short"] = "long"
    sort_order: Literal["none", "first", "all"] = "none"
    initialize_with: str | None = None
    initialize: bool = True
    and_: str | None = None  # the word or symbol before the last name
    delimiter: str = ", "
    precedes_last: Literal["contextual", "always", "never"] = "contextual"
    precedes_et_al: Literal["contextual", "always", "never"] = "contextual"
    et_al_min: int = 0
    et_al_use_first: int = 0
    et_al_use_last: bool = False
    et_al_italic: bool = False
    demote: Demote = "display-and-sort"


def shown_count(names: list[Name], style: NameStyle, expand_to: int = 0) -> int:
    """How many names print before "et al." (all of them when none is cut)."""
    if style.et_al_min and len(names) >= style.et_al_min:
        return min(len(names), max(style.et_al_use_first, expand_to))
    return len(names)


def render_names(names: list[Name], style: NameStyle, expand_to: int = 0) -> Blob | None:
    """The <names> output as a blob (et al. is its own, maybe italic, node)."""
    if not names:
        return None
    shown = shown_count(names, style, expand_to)

    def one(name: Name, inverted: bool) -> Blob:
        if style.form == "short":
            return Blob(short_form(name))
        parts, separator = name_parts(name, inverted=inverted, initialize_with=style.initialize_with,
                                      initialize=style.initialize, demote=style.demote)
        if len(parts) == 1:
            return Blob(parts[0])
        return Blob([Blob(p) for p in parts], delimiter=separator)

    blobs = [one(n, style.sort_order == "all" or (style.sort_order == "first" and i == 0))
             for i, n in enumerate(names[:shown])]
    cut = shown < len(names)
    if cut and style.et_al_use_last and shown < len(names) - 1:
        last = one(names[-1], style.sort_order == "all")
        last.prefix = "\u2026 "
        return Blob(blobs + [last], delimiter=style.delimiter)
    if cut:
        use_delimiter = style.precedes_et_al == "always" or (
            style.precedes_et_al == "contextual" and shown >= 2)
        et_al = Blob("et al.", decorations=[("@font-style", "italic")] if style.et_al_italic else [])
        return Blob([Blob(blobs, delimiter=style.delimiter), et_al],
                    delimiter=style.delimiter if use_delimiter else " ")
    if len(blobs) == 1 or not style.and_:
        return Blob(blobs, delimiter=style.delimiter)
    use_delimiter = style.precedes_last == "always" or (
        style.precedes_last == "contextual" and len(blobs) >= 3)
    blobs[-1].prefix = (style.delimiter if use_delimiter else " ") + style.and_ + " "
    return Blob([Blob(blobs[:-1], delimiter=style.delimiter), blobs[-1]])
