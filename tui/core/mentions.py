"""Mentions in context (every sentence that names an entity) and co-occurring entities."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from tui.core.articles import ArticleMeta
from tui.core.entities import Entity
from tui.core.entity_store import EntityTable, fold_name
from tui.core.facets import sort_articles

# A sentence ends at . ! ? (with closing quotes) before a space, or at a line end.
_SENTENCE = re.compile(r"[^\n]*?(?:[.!?]+[\"”»’)]*(?=\s|$)|\n|$)")
MAX_SENTENCE = 400


@dataclass(frozen=True)
class MentionInContext:
    meta: ArticleMeta
    sentence: str  # on one line
    spans: tuple[tuple[int, int], ...]  # the mentions, relative to sentence
    offset: int  # where the first mention starts in the article's display text
    article_spans: tuple[tuple[int, int], ...]  # every mention of the entity in the article


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.end() > m.start()]


def mentions_in_context(index, entity: Entity, limit: int = 1000) -> list[MentionInContext]:
    """Sentences naming the entity under any spelling, by article (newest first)."""
    spellings = {fold_name(s) for s in entity.spellings}
    by_id = {a.id: a for a in index.articles}
    metas = sort_articles([by_id[i] for i in entity.articles if i in by_id], "date")
    out: list[MentionInContext] = []
    for meta in metas:
        found = [
            m for m in index.entity_store.mentions_of(meta.path)
            if m.type == entity.type and fold_name(m.text if entity.type != "figure" else " ".join(m.text.split())) in spellings
            or entity.type == "figure" and " ".join(m.text.split()) == entity.name
        ]
        if not found:
            continue
        article, _ = index.read(meta)
        if article is None:
            continue
        text = index.boilerplate.clean(article.body)
        bounds = sentence_bounds(text)
        starts = [s for s, _ in bounds]
        article_spans = tuple((m.start, m.end) for m in found)
        groups: dict[int, list[tuple[int, int]]] = {}
        for m in found:
            i = max(bisect.bisect_right(starts, m.start) - 1, 0)
            groups.setdefault(i, []).append((m.start, m.end))
        for i, spans in sorted(groups.items()):
            s, e = bounds[i]
            raw = re.sub(r"\s", " ", text[s:e])  # same length, so offsets still fit
            lead = len(raw) - len(raw.lstrip())
            sentence = raw.strip()
            rel = tuple((a - s - lead, b - s - lead) for a, b in spans)
            if len(sentence) > MAX_SENTENCE:
                sentence = sentence[:MAX_SENTENCE] + "…"
            rel = tuple(r for r in rel if r[1] <= len(sentence))
            out.append(MentionInContext(meta, sentence, rel, spans[0][0], article_spans))
            if len(out) >= limit:
                return out
    return out


def co_occurring(table: EntityTable, entity: Entity, limit: int = 60) -> list[tuple[Entity, int]]:
    """Other entities mentioned in the same articles, by number of shared articles."""
    mine = set(entity.articles)
    pairs = []
    for other in table.entities + table.figures:
        if other is entity or (other.type == entity.type and other.name == entity.name):
            continue
        shared = len(mine.intersection(other.articles))
        if shared:
            pairs.append((other, shared))
    pairs.sort(key=lambda p: (-p[1], -p[0].mention_count, p[0].name))
    return pairs[:limit]
