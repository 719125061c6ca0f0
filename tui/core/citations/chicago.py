"""Chicago 18th edition author-date (``chicago-author-date.csl``), en-US.

Reference: ``Author. 2023. “Title.” Newspaper, March 14. URL.``  With no
author the newspaper takes the author's place (``Kazinform. 2023. “Title.”
March 14.``); with neither, the italic title does.  Titles are title-cased;
seven or more authors print the first three and ``et al.``; a name particle
is demoted when the name is inverted (``Leyen, Ursula von der``).
In text: ``(Author 2023, para. 4)``, ``(Newspaper 2023)``, ``(Author, n.d.)``.
"""

from __future__ import annotations

from .common import (EN_US, ITALIC, MONTHS, QUOTED, Item, cite_identity, date_sort_text, leaf,
                     names_sort_text)
from .output import Blob, group
from .people import NameStyle, render_names
from .text import title_case

QUOTES = EN_US
BIB_NAMES = NameStyle(sort_order="first", initialize_with=". ", initialize=False, and_="and",
                      precedes_last="always", et_al_min=7, et_al_use_first=3)
CITE_NAMES = NameStyle(form="short", and_="and", et_al_min=3, et_al_use_first=1)


def _title(item: Item) -> Blob | None:
    decorations = QUOTED if item.container else ITALIC
    return leaf(item.title, QUOTES, case=title_case, decorations=decorations)


def _container(item: Item) -> Blob | None:
    return leaf(item.container, QUOTES, case=title_case, decorations=ITALIC)


def _stand_in(item: Item) -> Blob | None:
    """What replaces a missing author: the newspaper, else the title."""
    return group(_container(item)) if item.container else group(_title(item))


def _year(item: Item) -> Blob | None:
    if item.date is None:
        return group(leaf("n.d.", QUOTES), leaf(item.year_suffix, QUOTES), delimiter="-")
    return group(group(group(leaf(str(item.date[0]), QUOTES), leaf(item.year_suffix, QUOTES)),
                       delimiter=" "), delimiter="-")


def reference(item: Item) -> Blob | None:
    names = render_names(item.names, BIB_NAMES)
    author = group(names) if names is not None else _stand_in(item)
    title = group(_title(item)) if (item.names or item.container) else None
    container = _container(item) if item.names else None
    month_day = None
    if item.date:
        month_day = leaf(f"{MONTHS[item.date[1] - 1]} {item.date[2]}", QUOTES)
    source = group(group(container), month_day, delimiter=", ")
    url = group(leaf(item.url, QUOTES))
    body = group(group(author, delimiter=" "), _year(item),
                 group(title, source, url, delimiter=". "), delimiter=". ")
    return group(body, suffix=".")


def citation(item: Item, paragraph: int | None = None) -> Blob | None:
    names = render_names(item.names, CITE_NAMES)
    author = group(names) if names is not None else _stand_in(item)
    date = _year(item)
    if item.date:
        cited = group(group(author, date, delimiter=" "), delimiter=", ")
    else:
        cited = group(author, date, delimiter=", ")
    locator = None
    if paragraph is not None:
        locator = group(leaf("para.", QUOTES), leaf(str(paragraph), QUOTES), delimiter=" ")
    return group(group(cited, group(locator), delimiter=", "), prefix="(", suffix=")")


def author_key(item: Item) -> str:
    if item.names:
        return names_sort_text(item.names, BIB_NAMES)
    return item.container or item.title


def sort_keys():
    return (author_key, lambda i: "0" if i.date else "1",
            lambda i: str(i.date[0]) if i.date else None,
            lambda i: i.title if (i.names or i.container) else None,
            lambda i: i.container if i.names else None,
            date_sort_text)


def ambiguity(item: Item):
    return cite_identity(item, item.container or item.title, given_rule="primary")
