"""Cite Them Right 12th edition Harvard (``harvard-cite-them-right.csl``), en-GB.

Reference: ``Author (2023) ‘Title’, Newspaper, 14 March. Available at: URL.``
British quotation marks, titles as given, initials without spaces
(``Smith, J.A.``), four or more authors as ``First, A. et al.`` (et al. in
italics).  No author: the newspaper (title-cased) stands in; with no
newspaper either, the entry starts with the date; no date is ``(no date)``
(``(No date)`` at the start of an entry).
In text: ``(Author, 2023, para. 4)``, ``(Kazinform, 2023)``, ``(no date)``.
"""

from __future__ import annotations

from .common import ITALIC, MONTHS, QUOTED, Item, cite_identity, leaf, names_sort_text
from .output import EN_GB, Blob, group
from .people import NameStyle, render_names
from .text import title_case

QUOTES = EN_GB
BIB_NAMES = NameStyle(sort_order="all", initialize_with=".", and_="and", precedes_last="never",
                      et_al_min=4, et_al_use_first=1, et_al_italic=True, demote="sort-only")
CITE_NAMES = NameStyle(form="short", initialize_with=". ", and_="and", precedes_last="never",
                       et_al_min=4, et_al_use_first=1, et_al_italic=True, demote="sort-only")


def _author(item: Item, style: NameStyle) -> Blob | None:
    names = render_names(item.names, style)
    if names is not None:
        return names
    return leaf(item.container, QUOTES, case=title_case, decorations=ITALIC)


def _year(item: Item, first_in_entry: bool = False) -> Blob | None:
    if item.date:
        return group(leaf(str(item.date[0]), QUOTES), leaf(item.year_suffix, QUOTES))
    # citeproc capitalises a term that opens a reference-list entry
    term = "No date" if first_in_entry else "no date"
    return group(leaf(term, QUOTES), leaf(item.year_suffix, QUOTES, prefix=" "))


def reference(item: Item) -> Blob | None:
    author = _author(item, BIB_NAMES)
    container = None
    if item.names:  # else it stood in for the author
        container = group(group(leaf(item.container, QUOTES, decorations=ITALIC), delimiter=" "),
                          delimiter=". ")
    year = _year(item, first_in_entry=author is None)
    head = group(group(author), group(year, prefix="(", suffix=")"),
                 group(group(leaf(item.title, QUOTES, decorations=QUOTED)),
                       group(container, delimiter=" "), delimiter=", "),
                 delimiter=" ")
    published = None
    if item.date:
        published = group(leaf(f"{item.date[2]} {MONTHS[item.date[1] - 1]}", QUOTES))
    access = None
    if item.url:
        access = group(leaf("Available at", QUOTES, suffix=": "), leaf(item.url, QUOTES), prefix=". ")
    return group(group(head, delimiter=". "), group(published, delimiter=", ", prefix=", "), access,
                 suffix=".")


def citation(item: Item, paragraph: int | None = None) -> Blob | None:
    locator = None
    if paragraph is not None:
        locator = group(leaf("para.", QUOTES, suffix=" "), leaf(str(paragraph), QUOTES))
    inner = group(group(group(_author(item, CITE_NAMES)), group(_year(item)), delimiter=", "),
                  locator, delimiter=", ")
    return group(inner, prefix="(", suffix=")")


def author_key(item: Item) -> str | None:
    if item.names:
        return names_sort_text(item.names, BIB_NAMES)
    return item.container or None


def sort_keys():
    return (author_key,
            lambda i: (str(i.date[0]) if i.date else "no date") + i.year_suffix,
            lambda i: i.title)


def ambiguity(item: Item):
    return cite_identity(item, item.container, given_rule="by-cite")
