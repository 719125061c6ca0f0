"""APA 7th edition (``apa.csl``), en-US, for newspaper articles.

Reference: ``Author. (2023, March 14). Title. Newspaper. URL``.  With no
author the title moves to the front; a title without a newspaper is italic;
no date gives ``(n.d.)`` and then ``Retrieved URL``.  APA keeps the title's
case as given in the reference list but title-cases it in text.
In text: ``(Author, 2023, para. 4)``; with no author, the title in quotes
(``(“Title,” 2023)``), or plain when there is no newspaper.
"""

from __future__ import annotations

from .common import (EN_US, ITALIC, MONTHS, QUOTED, Item, cite_identity, date_sort_text, leaf,
                     names_sort_text)
from .output import Blob, group
from .people import NameStyle, render_names
from .text import title_case

QUOTES = EN_US
BIB_NAMES = NameStyle(sort_order="all", initialize_with=". ", and_="&", precedes_last="always",
                      et_al_min=21, et_al_use_first=19, et_al_use_last=True, demote="never")
CITE_NAMES = NameStyle(form="short", and_="&", et_al_min=3, et_al_use_first=1, demote="never")


def _title(item: Item, in_text: bool = False) -> Blob | None:
    if in_text:
        decorations = QUOTED if item.container else ITALIC
        return leaf(item.title, QUOTES, case=title_case, decorations=decorations)
    return leaf(item.title, QUOTES, decorations=[] if item.container else ITALIC)


def _date(item: Item) -> Blob | None:
    if item.date is None:  # "(n.d.)", "(n.d.-a)"
        return group(leaf("n.d.", QUOTES), leaf(item.year_suffix, QUOTES), delimiter="-",
                     prefix="(", suffix=")")
    year, month, day = item.date
    return group(
        group(group(leaf(str(year), QUOTES), leaf(item.year_suffix, QUOTES)),
              leaf(f"{MONTHS[month - 1]} {day}", QUOTES), delimiter=", "),
        delimiter="-", prefix="(", suffix=")")


def reference(item: Item) -> Blob | None:
    author = render_names(item.names, BIB_NAMES)
    title = _title(item)
    if author is None:
        author, title = title, None  # the title stands in for the author
    main = group(group(author), group(_date(item)), group(title),
                 group(leaf(item.container, QUOTES, case=title_case, decorations=ITALIC)),
                 delimiter=". ", suffix=".")
    retrieved = None
    if item.url and item.date is None:
        retrieved = leaf("Retrieved", QUOTES)
    url = group(retrieved, leaf(item.url, QUOTES), delimiter=" ") if item.url else None
    return group(group(main, url, delimiter=" "))


def citation(item: Item, paragraph: int | None = None) -> Blob | None:
    author = render_names(item.names, CITE_NAMES)
    if author is None:
        author = _title(item, in_text=True)
    if item.date is None:
        date = group(leaf("n.d.", QUOTES), leaf(item.year_suffix, QUOTES), delimiter="-")
    else:
        date = group(group(leaf(str(item.date[0]), QUOTES), leaf(item.year_suffix, QUOTES)),
                     delimiter="-")
    locator = None
    if paragraph is not None:
        locator = group(leaf("para.", QUOTES), leaf(str(paragraph), QUOTES), delimiter=" ")
    return group(group(group(author), group(date), locator, delimiter=", "), prefix="(", suffix=")")


def author_key(item: Item) -> str:
    """The author-sort macro: names, else the title that stands in for them."""
    if item.names:
        return names_sort_text(item.names, BIB_NAMES)
    return item.title


def sort_keys():
    return (author_key, lambda i: "1" if i.date else "0", date_sort_text, lambda i: i.title)


def ambiguity(item: Item):
    """What in-text citations can tell apart before a year suffix is added."""
    return cite_identity(item, item.title, given_rule="initials")
