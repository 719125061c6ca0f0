"""Query expansion through entity aliases: a search for one spelling of a name finds them all.

A term or phrase of the query that is exactly one spelling of a known person, organisation
or place ("Vasilenko", "Roman Vassilenko", "Great Britain") is replaced by an OR of every
spelling of that entity, each as a term or phrase in the same field. The outcome says which
other spellings were added, so the results can show them.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import query as wq

from tui.core.entities import Entity
from tui.core.entities.model import FIGURE
from tui.core.entity_store import fold_name
from tui.core.index import TEXT_ANALYZER


def analyse(text: str) -> tuple[str, ...]:
    return tuple(token.text for token in TEXT_ANALYZER(text))


class NameExpander:
    def __init__(self, entities: Iterable[Entity]) -> None:
        # tokens of a spelling -> (that spelling, the entity); more frequent entities win ties.
        self._spellings: dict[tuple[str, ...], tuple[str, Entity]] = {}
        self._by_name: dict[str, Entity] = {}
        for entity in entities:
            if entity.type == FIGURE:
                continue
            for spelling in entity.spellings:
                self._by_name.setdefault(fold_name(spelling), entity)
                tokens = analyse(spelling)
                if tokens:
                    self._spellings.setdefault(tokens, (spelling, entity))

    def entity_named(self, name: str) -> Entity | None:
        return self._by_name.get(fold_name(name))

    def index_terms(self, name: str) -> list[str]:
        """The `entities` field terms of every spelling of the entity called name ([] if none)."""
        entity = self.entity_named(name)
        return sorted({fold_name(s) for s in entity.spellings}) if entity else []

    def expand(self, q: wq.Query) -> tuple[wq.Query, list[tuple[str, tuple[str, ...]]]]:
        """(the expanded query, [(spelling typed, other spellings added)])."""
        added: dict[str, tuple[str, ...]] = {}

        def rewrite(node: wq.Query) -> wq.Query:
            if isinstance(node, wq.Term) and isinstance(node.text, str):
                return leaf(node, node.fieldname, (node.text,))
            if isinstance(node, wq.Phrase):
                return leaf(node, node.fieldname, tuple(node.words))
            if node.is_leaf():
                return node
            return node.apply(rewrite)

        def leaf(node: wq.Query, fieldname: str, tokens: tuple[str, ...]) -> wq.Query:
            found = self._spellings.get(tokens)
            if found is None or fieldname not in ("title", "body"):
                return node
            typed, entity = found
            others = []
            alternatives: list[wq.Query] = [node]
            for spelling in entity.spellings:
                other = analyse(spelling)
                if other and other != tokens:
                    others.append(spelling)
                    alternatives.append(wq.Term(fieldname, other[0]) if len(other) == 1 else wq.Phrase(fieldname, list(other)))
            if not others:
                return node
            added[typed] = tuple(others)
            return wq.Or(alternatives)

        expanded = rewrite(q)
        return expanded, sorted(added.items())
