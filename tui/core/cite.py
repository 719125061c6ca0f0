"""Citing articles: from ArticleMeta to the strings the app copies and `corpus-explorer cite` prints."""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.articles import ArticleMeta
from tui.core.citations import EXPORTS, STYLES, bibliography, export, in_text, quote, reference

FORMATS = STYLES + EXPORTS
LABELS = {
    "apa": "APA 7th",
    "mla": "MLA 9th",
    "chicago": "Chicago 18th (author-date)",
    "harvard": "Harvard (Cite Them Right)",
    "bibtex": "BibLaTeX",
    "ris": "RIS",
    "csl-json": "CSL-JSON",
}


def citation_meta(meta: ArticleMeta) -> dict:
    """The front matter fields the citation formatters read (dates as date objects)."""
    return {
        "id": meta.id,
        "title": meta.title,
        "date": meta.date,
        "publisher": meta.publisher,
        "authors": list(meta.authors),
        "url": meta.url,
        "language": meta.language,
    }


def cite(metas: Sequence[ArticleMeta], fmt: str, in_text_form: bool = False) -> str:
    """One article's reference, several articles' bibliography (ordered as the style requires),
    the in-text citation(s), or an export of them all."""
    items = [citation_meta(m) for m in metas]
    if fmt in EXPORTS:
        return export(items, fmt)
    if fmt not in STYLES:
        raise ValueError(f"unknown citation format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if in_text_form:
        return "\n".join(in_text(item, fmt) for item in items)
    if len(items) == 1:
        return reference(items[0], fmt)
    return bibliography(items, fmt)


def cite_quote(text: str, meta: ArticleMeta, style: str, paragraph: int) -> str:
    """A passage, verbatim in quotation marks, with the style's in-text citation and paragraph."""
    return quote(text, citation_meta(meta), style, paragraph)


def unknown_fields(meta: ArticleMeta) -> list[str]:
    """Fields a citation would want that the article does not give (shown, never invented)."""
    missing = []
    if not meta.authors:
        missing.append("authors")
    if meta.date is None:
        missing.append("date")
    if not meta.publisher:
        missing.append("publisher")
    if not meta.url:
        missing.append("URL")
    return missing
