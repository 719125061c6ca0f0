"""Offline rule-based named entities: extraction, alias merging, query expansion.

Typical use at index time::

    gazetteer, problems = load_gazetteer()      # corpus/gazetteer.yaml
    aliases, problems = load_aliases()          # corpus/aliases.yaml
    mentions = {aid: extract(text, gazetteer) for aid, text in articles}
    entities = merge(mentions, aliases)
    expand_query_name("Vasilenko", entities)    # every spelling of the person

Decisions (see also the comments in corpus/gazetteer.yaml and corpus/aliases.yaml):

* Types: person, organization, place, figure. Figures (money with currency and
  scale, percentages, counts of things) are mentions only; merge() skips them.
  A bare "661 million" is money only if the text stated a currency before and
  a money word is near (figures.py).
* Titles ("President", "Deputy Foreign Minister", "MP") are never part of a
  person mention; a country or demonym right before an institution is
  ("Kazakh MFA") and makes the country part of a generic institution's
  identity, so Kazakhstan's and Russia's ministries stay apart.
* "Great Britain"/"Britain"/"UK" are the United Kingdom; a bare "MFA" is
  Kazakhstan's ministry in this corpus (aliases.yaml).
* Entity names: aliases.yaml canonical, else the gazetteer name, else the most
  frequent full form in the corpus (ties: longest, then alphabetical).

Only the standard library and PyYAML are used; nothing here imports Textual.
"""

from .aliases import AliasEntry, Aliases, load_aliases, parse_aliases
from .extract import extract
from .gazetteer import Gazetteer, default_gazetteer, load_gazetteer, parse_gazetteer
from .merge import NameIndex, expand_query_name, merge
from .model import ENTITY_TYPES, FIGURE, ORGANIZATION, PERSON, PLACE, TYPES, Entity, Mention

__all__ = [
    "AliasEntry",
    "Aliases",
    "ENTITY_TYPES",
    "Entity",
    "FIGURE",
    "Gazetteer",
    "Mention",
    "NameIndex",
    "ORGANIZATION",
    "PERSON",
    "PLACE",
    "TYPES",
    "default_gazetteer",
    "expand_query_name",
    "extract",
    "load_aliases",
    "load_gazetteer",
    "merge",
    "parse_aliases",
    "parse_gazetteer",
]
