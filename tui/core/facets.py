"""Facets (publisher, year) with counts, and the filters that combine them with a search."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Collection, Iterable, Mapping

from tui.core.articles import ArticleMeta

UNKNOWN = "unknown"
UNDATED = "n.d."


@dataclass(frozen=True)
class Facet:
    kind: str  # "publisher" or "year"
    value: str  # a publisher name, "unknown", a year, or "n.d."
    count: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.value)


def facet_value(meta: ArticleMeta, kind: str) -> str:
    if kind == "publisher":
        return meta.publisher or UNKNOWN
    if kind == "year":
        return str(meta.year) if meta.year else UNDATED
    raise ValueError(kind)


def count_facets(articles: Iterable[ArticleMeta]) -> dict[str, list[Facet]]:
    """Publishers by count (then name), years newest first; unknown and undated last."""
    articles = list(articles)
    publishers = Counter(facet_value(a, "publisher") for a in articles)
    years = Counter(facet_value(a, "year") for a in articles)
    by_count = sorted(publishers.items(), key=lambda kv: (kv[0] == UNKNOWN, -kv[1], kv[0].lower()))
    by_year = sorted(years.items(), key=lambda kv: (kv[0] == UNDATED, -int(kv[0]) if kv[0].isdigit() else 0))
    return {
        "publisher": [Facet("publisher", v, n) for v, n in by_count],
        "year": [Facet("year", v, n) for v, n in by_year],
    }


@dataclass(frozen=True)
class Filters:
    """Active selections. Publishers (or years) are ORed among themselves; kinds are ANDed;
    entities are ANDed with each other (an article must mention every selected entity).

    Entity selections are ("entity", entity key); `members` maps an entity key to the ids of
    the articles that mention it (from the merged entity table)."""

    selected: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def toggle(self, key: tuple[str, str]) -> "Filters":
        return Filters(self.selected ^ {key})

    def __bool__(self) -> bool:
        return bool(self.selected)

    def accepts(self, meta: ArticleMeta, members: Mapping[str, Collection[str]] | None = None) -> bool:
        kinds: dict[str, set[str]] = {}
        for kind, value in self.selected:
            if kind == "entity":
                if meta.id not in (members or {}).get(value, ()):
                    return False
                continue
            kinds.setdefault(kind, set()).add(value)
        return all(facet_value(meta, kind) in values for kind, values in kinds.items())

    def describe(self) -> str:
        def label(kind: str, value: str) -> str:
            return value.split(":", 1)[1] if kind == "entity" else f"{kind}: {value}"

        return " + ".join(label(kind, value) for kind, value in sorted(self.selected))


SORTS = ("date", "title", "publisher")


def sort_articles(articles: Iterable[ArticleMeta], order: str) -> list[ArticleMeta]:
    """date: newest first, undated last; title and publisher: A–Z (unknown publisher last)."""
    articles = list(articles)
    if order == "date":
        dated = sorted((a for a in articles if a.date), key=lambda a: (a.date, a.title.lower()), reverse=True)
        return dated + sorted((a for a in articles if not a.date), key=lambda a: a.title.lower())
    if order == "title":
        return sorted(articles, key=lambda a: (a.title.casefold(), a.path))
    if order == "publisher":
        return sorted(articles, key=lambda a: (a.publisher is None, (a.publisher or "").casefold(), a.title.casefold()))
    raise ValueError(f"unknown sort order {order!r}")
