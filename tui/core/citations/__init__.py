"""Citations of corpus articles, character for character as citeproc-js prints them.

Styles (``STYLES``): APA 7th (``apa``), MLA 9th (``mla``), Chicago 18th
author-date (``chicago``) and Cite Them Right 12th Harvard (``harvard``, en-GB).
Exports (``EXPORTS``): BibTeX, RIS and CSL-JSON.

Every function takes article front matter (see :mod:`.csl` for the one rule
that maps it to CSL).  Plain-text output has no italics markers: italic parts
are printed as plain text, like citeproc-js's ``text`` format.  HTML output is
citeproc-js's ``html`` format: ``<i>`` for italics, ``&#38;``, ``&#60;`` and
``&#62;`` for ``&``, ``<`` and ``>``, without the ``<div class="csl-entry">``
wrapper.  Pure standard library; tests compare with fixtures rendered by
citeproc-js (tools/citeproc).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import Any

from . import apa, chicago, harvard, mla
from .common import Item, assign_year_suffixes, sort_items
from .csl import to_csl
from .exports import EXPORTS, export
from .output import render

__all__ = ["EXPORTS", "STYLES", "bibliography", "export", "in_text", "quote", "reference", "to_csl"]

STYLES = ("apa", "mla", "chicago", "harvard")
_STYLES: dict[str, ModuleType] = {"apa": apa, "mla": mla, "chicago": chicago, "harvard": harvard}

Meta = Mapping[str, Any]


def _style(style: str) -> ModuleType:
    try:
        return _STYLES[style]
    except KeyError:
        raise ValueError(f"unknown citation style {style!r}; choose one of {STYLES}") from None


def _item(meta: Meta) -> Item:
    return Item.from_csl(to_csl(meta))


def reference(meta: Meta, style: str, html: bool = False) -> str:
    """The reference-list entry for one article."""
    module = _style(style)
    return render(module.reference(_item(meta)), module.QUOTES, html)


def in_text(meta: Meta, style: str, paragraph: int | None = None) -> str:
    """The parenthetical in-text citation, e.g. ``(Kazinform, 2023, para. 4)``."""
    module = _style(style)
    return render(module.citation(_item(meta), paragraph), module.QUOTES)


def bibliography(metas: Iterable[Meta], style: str, html: bool = False) -> str:
    """Reference-list entries in the style's order, one a line.

    Entries that would be cited alike get year suffixes (2023a, 2023b) where
    the style uses them; MLA may show more names and uses ``———`` for a
    repeated author, as citeproc-js does for the whole list.
    """
    module = _style(style)
    items = [_item(meta) for meta in metas]
    ordered = sort_items(items, *module.sort_keys())
    if hasattr(module, "disambiguate"):
        ordered = module.disambiguate(ordered)
    elif hasattr(module, "ambiguity"):
        assign_year_suffixes(ordered, module.ambiguity)
    entries = module.entries(ordered) if hasattr(module, "entries") else [
        module.reference(item) for item in ordered]
    return "\n".join(render(entry, module.QUOTES, html) for entry in entries)


def quote(text: str, meta: Meta, style: str, paragraph: int | None = None) -> str:
    """A quotation followed by its in-text citation.

    The text is kept verbatim inside the locale's quotation marks: “…” for
    APA, MLA and Chicago (en-US), ‘…’ for Harvard (en-GB), then a space and
    the citation, e.g. ``“text” (Kazinform 2023, para. 4)``.  APA and Harvard
    cite page-less sources by paragraph; MLA prints ``par.``.
    """
    module = _style(style)
    return f"{module.QUOTES.open}{text}{module.QUOTES.close} {in_text(meta, style, paragraph)}"
