"""Merging mentions across a corpus into entities, and query expansion.

Steps (all deterministic):

1. Each mention gets a key: the aliases.yaml canonical name if its spelling
   (or its extractor key) is listed there; else, within its article, a
   surname alone ("Vasilenko") takes the key of the one full name it matches
   there ("Roman Vasilenko", spelling variants allowed) and an unqualified
   institution ("Ministry of Foreign Affairs") the key of the one qualified
   form in the article ("... of Kazakhstan"); else the extractor's key.
2. Mentions with the same (type, key) form a node; a surname left alone is a
   node of its article only (surnames are ambiguous across articles).
3. Nodes are united: full person names that are transliteration or
   patronymic variants (same first name), then a lone surname with the one
   full name in the corpus that has it. A union that would join a
   keep_apart pair is refused.
4. Name of an entity: the aliases.yaml canonical, else the gazetteer name,
   else its most frequent full form in the corpus (ties: the longest, then
   alphabetical).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from .aliases import Aliases
from .model import ENTITY_TYPES, ORGANIZATION, PERSON, Entity, Mention
from .names import core_name, fold, same_person, similar_surname, surname_tolerance

_TYPE_ORDER = {t: n for n, t in enumerate(ENTITY_TYPES)}


class _Node:
    __slots__ = ("type", "key", "surfaces", "articles", "curated", "forced")

    def __init__(self, etype: str, key: str):
        self.type = etype
        self.key = key
        self.surfaces: Counter[str] = Counter()
        self.articles: Counter[str] = Counter()
        self.curated = False
        self.forced: str | None = None  # canonical name from aliases.yaml


class _Union:
    """Union-find that refuses to join names kept apart."""

    def __init__(self, nodes: list[_Node], aliases: Aliases):
        self.parent = list(range(len(nodes)))
        self.aliases = aliases
        self.names: list[set[str]] = []
        for node in nodes:
            names = {fold(node.key), *(fold(s) for s in node.surfaces)}
            if node.forced:
                names.add(fold(node.forced))
            self.names.append(names)

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        na, nb = self.names[ra], self.names[rb]
        if len(na) > len(nb):
            na, nb = nb, na
        for name in na:
            if self.aliases.kept_apart_from(name) & nb:
                return False
        if ra > rb:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.names[ra] |= self.names[rb]
        self.names[rb] = set()
        return True


def merge(
    mentions_by_article: Mapping[str, Sequence[Mention]], aliases: Aliases | None = None
) -> list[Entity]:
    """One Entity per real-world referent, sorted by type, frequency, name."""
    aliases = aliases if aliases is not None else Aliases()
    nodes: list[_Node] = []
    index: dict[tuple, int] = {}
    for aid in sorted(mentions_by_article):
        mentions = [m for m in mentions_by_article[aid] if m.type in _TYPE_ORDER]
        for m, (key, forced) in zip(mentions, _article_keys(mentions, aliases)):
            single_person = m.type == PERSON and " " not in key and not forced
            nid = (m.type, fold(key), aid if single_person else "")
            n = index.get(nid)
            if n is None:
                n = index[nid] = len(nodes)
                nodes.append(_Node(m.type, key))
            node = nodes[n]
            node.surfaces[m.text] += 1
            node.articles[aid] += 1
            node.curated |= m.curated
            if forced:
                node.forced = key
    uf = _Union(nodes, aliases)
    _unite_people(nodes, uf)
    groups: dict[int, list[_Node]] = defaultdict(list)
    for n, node in enumerate(nodes):
        groups[uf.find(n)].append(node)
    entities = [_entity(group) for group in groups.values()]
    entities.sort(key=lambda e: (_TYPE_ORDER[e.type], -e.mention_count, e.name))
    return entities


# ---------------------------------------------------------------- step 1
def _article_keys(mentions: list[Mention], aliases: Aliases) -> list[tuple[str, bool]]:
    """(key, from aliases.yaml) for each mention of one article."""
    keys: list[str] = []
    forced: list[bool] = []
    for m in mentions:
        key = m.key or m.text
        entry = aliases.entry_for(m.text, m.type) or aliases.entry_for(key, m.type)
        keys.append(entry.canonical if entry else key)
        forced.append(entry is not None)
    full = sorted({k for m, k in zip(mentions, keys) if m.type == PERSON and " " in k})
    orgs = sorted({k for m, k in zip(mentions, keys) if m.type == ORGANIZATION})
    resolved: dict[tuple[str, str], str] = {}
    out = []
    for m, k, f in zip(mentions, keys, forced):
        if f:
            out.append((k, True))
            continue
        target = resolved.get((m.type, k))
        if target is None:
            target = k
            if m.type == PERSON and " " not in k and full:
                target = _full_name_for(k, full) or k
            elif m.type == ORGANIZATION:
                qualified = [o for o in orgs if o.startswith(k + " of ")]
                if len(qualified) == 1:
                    target = qualified[0]
            resolved[(m.type, k)] = target
        out.append((target, False))
    return out


def _full_name_for(surname: str, full_names: list[str]) -> str | None:
    words = [tuple(f.split()) for f in full_names]
    exact = [f for f in words if f[-1].casefold() == surname.casefold()]
    cands = exact or [f for f in words if similar_surname(f[-1], surname)]
    if cands and all(same_person(cands[0], c) for c in cands[1:]):
        return " ".join(cands[0])
    return None


# ---------------------------------------------------------------- step 3
def _unite_people(nodes: list[_Node], uf: _Union) -> None:
    people = [(n, tuple(node.key.split())) for n, node in enumerate(nodes) if node.type == PERSON]
    full = [(n, w) for n, w in people if len(w) >= 2]
    # Full names: same first name, surname equal up to transliteration.
    by_variant: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, words in full:
        first, last = words[0].casefold(), core_name(words)[-1].casefold()
        for variant in _deletions(last, surname_tolerance(last, last)):
            by_variant[(first, variant)].append(n)
    words_of = dict(full)
    for bucket in by_variant.values():
        for a_pos, a in enumerate(bucket):
            for b in bucket[a_pos + 1:]:
                if same_person(words_of[a], words_of[b]):
                    uf.union(a, b)
    # A surname left alone: the one full-name entity in the corpus that has it.
    by_surname: dict[str, set[int]] = defaultdict(set)
    surname_variants: dict[str, set[str]] = defaultdict(set)
    for n, words in full:
        last = words[-1].casefold()
        by_surname[last].add(n)
        for variant in _deletions(last, surname_tolerance(last, last)):
            surname_variants[variant].add(last)
    full_roots = {uf.find(n) for n, _ in full}
    for n, words in people:
        if len(words) != 1 or uf.find(n) in full_roots:
            continue
        surname = words[0].casefold()
        cands = {uf.find(m) for m in by_surname.get(surname, ())}
        if not cands:
            near = {s for v in _deletions(surname, surname_tolerance(surname, surname))
                    for s in surname_variants.get(v, ()) if similar_surname(s, surname)}
            cands = {uf.find(m) for s in near for m in by_surname[s]}
        if len(cands) == 1:
            uf.union(n, cands.pop())


def _deletions(word: str, depth: int) -> set[str]:
    """``word`` with up to ``depth`` letters deleted (symmetric-delete candidates)."""
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


# ---------------------------------------------------------------- step 4
def _entity(group: list[_Node]) -> Entity:
    etype = group[0].type
    surfaces: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    for node in group:
        surfaces.update(node.surfaces)
        articles.update(node.articles)
    name = _choose_name(group, surfaces)
    seen = {fold(name)}
    spellings = []
    # Prefer the mixed-case spelling of a word seen in capitals ("LONDON").
    for surface in sorted(surfaces, key=lambda s: (s.isupper() and " " not in s, -surfaces[s], s)):
        f = fold(surface)
        if f not in seen:
            seen.add(f)
            spellings.append(surface)
    return Entity(name, etype, tuple(sorted(spellings, key=str.casefold)), dict(sorted(articles.items())))


def _choose_name(group: list[_Node], surfaces: Counter[str]) -> str:
    forced = sorted({n.forced for n in group if n.forced})
    if forced:
        return forced[0]
    curated = Counter()
    for node in group:
        if node.curated:
            curated[node.key] += sum(node.surfaces.values())
    if curated:
        return min(curated, key=lambda k: (-curated[k], k))
    etype = group[0].type
    full = [s for s in surfaces if _is_full(s, etype)] or list(surfaces)
    return min(full, key=lambda s: (-surfaces[s], -len(s), s))


def _is_full(surface: str, etype: str) -> bool:
    if etype == PERSON:
        return " " in surface.strip()
    return not surface.isupper()  # an acronym or a dateline in capitals is not


# ---------------------------------------------------------------- queries
class NameIndex:
    """Every spelling of every entity, for query expansion."""

    def __init__(self, entities: Iterable[Entity]):
        self._by_name: dict[str, list[Entity]] = defaultdict(list)
        for e in entities:
            for spelling in e.spellings:
                self._by_name[fold(spelling)].append(e)

    def expand(self, name: str) -> list[str]:
        found = self._by_name.get(fold(name))
        if not found:
            return [name]
        out: list[str] = []
        seen: set[str] = set()
        for e in found:
            for spelling in e.spellings:
                if fold(spelling) not in seen:
                    seen.add(fold(spelling))
                    out.append(spelling)
        return out


def expand_query_name(name: str, entities: Iterable[Entity] | NameIndex) -> list[str]:
    """Every spelling of the entity (or entities) ``name`` belongs to, canonical
    name first; ``[name]`` when it is unknown. Pass a NameIndex when expanding
    many names against the same entities."""
    index = entities if isinstance(entities, NameIndex) else NameIndex(entities)
    return index.expand(name)
