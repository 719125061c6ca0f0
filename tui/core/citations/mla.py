"""MLA 9th edition (``modern-language-association.csl``), en-US, newspaper articles.

Reference: ``Author. “Title.” Newspaper, 14 Mar. 2023, URL.``  Titles and
newspaper names are title-cased; a title without a newspaper is italic
instead of quoted; no author puts the title first.  Three or more authors
become ``First, Given, et al.``.  In text: ``(Author)`` or ``(Author, par. 4)``,
``(“Title”)`` when there is no author.

In a bibliography MLA (through citeproc-js) adds names to entries whose
in-text citations would otherwise be the same (``Bekova et al.`` for three
different author lists) and prints ``———`` for a repeated author list.
"""

from __future__ import annotations

from .common import EN_US, ITALIC, MONTHS_SHORT, QUOTED, Item, leaf, names_sort_text
from .output import Blob, group
from .people import NameStyle, render_names, shown_count, short_form
from .text import title_case

QUOTES = EN_US
BIB_NAMES = NameStyle(sort_order="first", initialize_with=". ", initialize=False, and_="and",
                      precedes_last="always", precedes_et_al="always", et_al_min=3,
                      et_al_use_first=1, demote="never")
CITE_NAMES = NameStyle(form="short", and_="and", et_al_min=3, et_al_use_first=1, demote="never")
SUBSTITUTE = "\u2014\u2014\u2014"


def _title(item: Item) -> Blob | None:
    decorations = QUOTED if item.container else ITALIC
    return leaf(item.title, QUOTES, case=title_case, decorations=decorations)


def _date(item: Item) -> Blob | None:
    if item.date is None:
        return None
    year, month, day = item.date
    return leaf(f"{day} {MONTHS_SHORT[month - 1]} {year}", QUOTES)


def _author(item: Item, names: Blob | None) -> Blob | None:
    return group(names) if names is not None else group(_title(item))


def reference(item: Item, names: Blob | None = None) -> Blob | None:
    if names is None:
        names = render_names(item.names, BIB_NAMES, item.expand_names)
    title = group(group(_title(item))) if item.names else None  # else it stands in for the author
    container = group(
        group(group(group(leaf(item.container, QUOTES, case=title_case, decorations=ITALIC)),
                    delimiter=" "), delimiter=", "),
        group(_date(item)),
        group(group(leaf(item.url, QUOTES)), delimiter=", "),
        delimiter=", ")
    return group(group(_author(item, names), title, container, delimiter=". "), suffix=".")


def citation(item: Item, paragraph: int | None = None) -> Blob | None:
    author = render_names(item.names, CITE_NAMES)
    if author is None:
        author = _title(item)
    locator = None
    if paragraph is not None:
        locator = group(group(leaf("par.", QUOTES), leaf(str(paragraph), QUOTES), delimiter=" "))
    return group(group(group(author, delimiter=", "), locator, delimiter=", "), prefix="(", suffix=")")


def author_key(item: Item) -> str:
    if item.names:
        return names_sort_text(item.names, BIB_NAMES)
    return item.title


def sort_keys():
    return (author_key, lambda i: i.title, lambda i: i.container,
            lambda i: "%04d%02d%02d" % i.date if i.date else None, lambda i: i.url)


def _cited_names(item: Item, count: int) -> tuple:
    shown = shown_count(item.names, CITE_NAMES, count)
    return tuple(short_form(n) for n in item.names[:shown]) + (shown < len(item.names),)


def disambiguate(ordered: list[Item]) -> list[Item]:
    """Add names, one at a time, to entries whose citations look the same."""
    clusters: dict[tuple, list[Item]] = {}
    for item in ordered:
        item.expand_names = 0
        if item.names:
            clusters.setdefault(_cited_names(item, 0), []).append(item)
    for members in clusters.values():
        pending = list(members)
        longest = max(len(i.names) for i in members)
        for count in range(2, longest + 1):
            if len(pending) < 2:
                break
            seen: dict[tuple, int] = {}
            for item in members:
                key = _cited_names(item, count)
                seen[key] = seen.get(key, 0) + 1
            for item in list(pending):
                if seen[_cited_names(item, count)] == 1:
                    item.expand_names = count
                    pending.remove(item)
    return ordered


def entries(ordered: list[Item]) -> list[Blob | None]:
    """References, with ``———`` for an author list equal to the one above."""
    out, previous = [], None
    for item in ordered:
        names = None
        shown = None
        if item.names:
            count = shown_count(item.names, BIB_NAMES, item.expand_names)
            shown = tuple((n.family, n.given, n.particle, n.literal) for n in item.names[:count])
            if shown == previous:
                names = Blob(SUBSTITUTE)
        out.append(reference(item, names))
        previous = shown
    return out
