"""Entities at index time: stored in the index and the cache, merged, used to expand queries."""

from tests.conftest import article_text, write
from tui.core import entity_store as store_module
from tui.core.index import CorpusIndex
from tui.core.search import search

A001 = "undated-london-is-trying-to-harm-moscow-by-any-means-available"
A002 = "2023-10-03-kazakhstan-and-the-united-kingdom-are-deepening-mutually"
A004 = "2025-02-28-kazakhstan-and-the-united-kingdom-continue-to-steadily"


def names(index, etype):
    return {e.name: e for e in index.entities.entities if e.type == etype}


def test_sidebar_entities_of_the_bundled_corpus(corpus):
    idx = CorpusIndex(corpus)
    idx.sync()
    people = names(idx, "person")
    assert set(people["Roman Vassilenko"].spellings) >= {"Roman Vasilenko", "Vassilenko", "Vasilenko"}
    assert set(people["James Cleverly"].spellings) >= {"James Cleverley", "Cleverley"}
    assert "Kassym-Jomart Kemelevich Tokayev" in people["Kassym-Jomart Tokayev"].spellings
    assert sorted(people["Roman Vassilenko"].articles) == sorted([A001, A002, A004])
    orgs = names(idx, "organization")
    assert "GLAA" in orgs["Gangmasters and Labor Abuse Authority"].spellings
    places = names(idx, "place")
    assert "Kazakhstan" in places and "Ministry of Foreign Affairs of Kazakhstan" not in places
    junk = {"The", "March", "Photo", "Tell", "During", "Considering"}
    assert not junk & {e.name for e in idx.entities.entities}
    assert any(f.name == "$12 billion" for f in idx.entities.figures)


def test_warm_start_does_not_extract_or_merge(corpus, monkeypatch):
    first = CorpusIndex(corpus)
    first.sync()
    assert first.entities.entities  # merged on first use after the build, and cached

    def forbidden(*args, **kwargs):
        raise AssertionError("a warm start must not recompute entities")

    monkeypatch.setattr(store_module, "merge", forbidden)
    idx = CorpusIndex(corpus)
    monkeypatch.setattr("tui.core.entities.extract", forbidden)
    idx.sync()
    assert names(idx, "person")["James Cleverly"]


def test_query_expansion_finds_every_spelling(corpus):
    idx = CorpusIndex(corpus)
    idx.sync()
    outcome = search(idx, "Vasilenko", expander=idx.expander())
    assert sorted(h.id for h in outcome.hits) == sorted([A001, A002, A004])
    assert outcome.expansions[0][0] == "Vasilenko" and "Roman Vassilenko" in outcome.expansions[0][1]
    assert sorted(h.id for h in search(idx, "Vasilenko").hits) == [A001]  # without expansion


def test_entity_filter_is_an_index_query(corpus):
    idx = CorpusIndex(corpus)
    idx.sync()
    hits = search(idx, 'entity:"Roman Vasilenko" date:2025', expander=idx.expander()).hits
    assert [h.id for h in hits] == [A004]
    assert "No person" in search(idx, "entity:Nobody", expander=idx.expander()).error.message


def test_incremental_update_re_extracts_and_merges(corpus):
    idx = CorpusIndex(corpus)
    idx.sync()
    write(corpus / "articles" / "x.md", article_text("x", "Talks", "Roman Vasilenko met Jane Doe in Paris."))
    idx2 = CorpusIndex(corpus)
    idx2.sync()
    assert "x" in names(idx2, "person")["Roman Vassilenko"].articles
    (corpus / "articles" / "x.md").unlink()
    idx3 = CorpusIndex(corpus)
    idx3.sync()
    assert "x" not in names(idx3, "person")["Roman Vassilenko"].articles


def test_aliases_file_overrides_and_bad_yaml_is_reported(corpus):
    (corpus / "aliases.yaml").write_text(
        "entities:\n  - canonical: Cleverly the Minister\n    type: person\n    variants: [James Cleverly, Cleverly]\n",
        encoding="utf-8",
    )
    idx = CorpusIndex(corpus)
    idx.sync()
    assert "Cleverly the Minister" in names(idx, "person")
    (corpus / "aliases.yaml").write_text("entities: [oops\n", encoding="utf-8")
    idx = CorpusIndex(corpus)
    idx.sync()
    assert "James Cleverly" in names(idx, "person")
    assert any("aliases.yaml" in p.reason and "YAML" in p.reason for p in idx.problems)
