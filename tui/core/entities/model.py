"""Value types shared by extraction and merging."""

from __future__ import annotations

from dataclasses import dataclass, field

PERSON = "person"
ORGANIZATION = "organization"
PLACE = "place"
FIGURE = "figure"
ENTITY_TYPES = (PERSON, ORGANIZATION, PLACE)
TYPES = ENTITY_TYPES + (FIGURE,)


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence in one text; ``text == source[start:end]``."""

    type: str
    text: str
    start: int
    end: int
    # Identity hint for merge(): a gazetteer canonical name, a country-qualified
    # institution ("Ministry of Foreign Affairs of Kazakhstan"), a person's name
    # as written, or a figure's normalised value.
    key: str = ""
    # True when ``key`` is a curated gazetteer name (it then names the entity).
    curated: bool = False
    # Figures only: "money" | "percent" | "count", the value and its unit
    # (ISO currency code, "%", or the counted noun).
    kind: str = ""
    value: float | None = None
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world referent across the corpus."""

    name: str
    type: str
    aliases: tuple[str, ...]  # other spellings seen in the corpus, sorted
    articles: dict[str, int] = field(hash=False)  # article id -> mention count

    @property
    def mention_count(self) -> int:
        return sum(self.articles.values())

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)
