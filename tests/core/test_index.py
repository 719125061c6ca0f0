import os
import sqlite3

from tests.conftest import article_text, write
from tui.core import index as index_module
from tui.core.index import CorpusIndex
from tui.core.search import search


def ids(outcome):
    return sorted(h.id for h in outcome.hits)


def test_build_then_reuse_without_reading_text(corpus, monkeypatch):
    first = CorpusIndex(corpus)
    report = first.sync()
    assert report.rebuilt and report.added == 5 and len(first.articles) == 5

    def no_reading(*args, **kwargs):
        raise AssertionError("an unchanged corpus must not be read")

    monkeypatch.setattr("tui.core.loading.read_article", no_reading)
    second = CorpusIndex(corpus)
    report = second.sync()
    assert not report.rebuilt and report.unchanged == 5 and report.touched == 0
    assert [a.id for a in second.articles] == [a.id for a in first.articles]
    assert ids(search(second, "Cleverly"))


def test_incremental_add_change_remove(corpus):
    idx = CorpusIndex(corpus)
    idx.sync()
    write(corpus / "articles" / "new.md", article_text("new", "Zebra crossing", "A zebra story."))
    victim = sorted((corpus / "articles").glob("2021-*.md"))[0]
    victim.unlink()
    changed = sorted((corpus / "articles").glob("2023-03-14-*.md"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA wombat appears.\n", encoding="utf-8")
    os.utime(changed, ns=(1, 1))  # a different mtime, whatever the clock

    idx2 = CorpusIndex(corpus)
    report = idx2.sync()
    assert (report.added, report.changed, report.removed, report.rebuilt) == (1, 1, 1, False)
    assert ids(search(idx2, "zebra")) == ["new"]
    assert ids(search(idx2, "wombat")) == ["2023-03-14-uk-foreign-ministers-visit-to-kazakhstan"]
    assert search(idx2, "Abdrakhmanov").hits == []
    # The changed article is found once, not twice.
    assert ids(search(idx2, "Cleverly")).count("2023-03-14-uk-foreign-ministers-visit-to-kazakhstan") == 1


def test_schema_change_forces_rebuild(corpus, monkeypatch):
    CorpusIndex(corpus).sync()
    monkeypatch.setattr(index_module, "SCHEMA_VERSION", index_module.SCHEMA_VERSION + 1)
    report = CorpusIndex(corpus).sync()
    assert report.rebuilt and report.added == 5


def test_boilerplate_change_forces_rebuild_and_hides_lines(corpus):
    CorpusIndex(corpus).sync()
    assert search(CorpusIndex(corpus), '"Tell a friend"').hits == []  # boilerplate is not indexed
    (corpus / "boilerplate.yaml").write_text("patterns: ['nothing matches this']\n", encoding="utf-8")
    idx = CorpusIndex(corpus)
    assert idx.sync().rebuilt
    assert ids(search(idx, '"Tell a friend"')) == ["2025-02-28-kazakhstan-and-the-united-kingdom-continue-to-steadily"]


def test_rebuild_flag_and_corrupt_manifest(corpus):
    idx = CorpusIndex(corpus)
    idx.sync()
    assert CorpusIndex(corpus).sync(rebuild=True).rebuilt
    idx.manifest_path.write_text("{not json", encoding="utf-8")
    report = CorpusIndex(corpus).sync()
    assert report.rebuilt and report.added == 5


def test_cache_lives_outside_the_corpus(corpus, _private_cache):
    idx = CorpusIndex(corpus)
    idx.sync()
    assert str(idx.cache_dir).startswith(str(_private_cache))
    with sqlite3.connect(idx.manifest_path) as conn:
        assert conn.execute("SELECT count(*) FROM files").fetchone()[0] == 5
    assert not any(p.name.endswith((".toc", ".seg")) for p in corpus.rglob("*"))


def test_duplicate_ids_are_repaired_and_reported(tmp_path):
    write(tmp_path / "a.md", article_text("same", "First", "alpha"))
    write(tmp_path / "b.md", article_text("same", "Second", "beta"))
    idx = CorpusIndex(tmp_path)
    idx.sync()
    assert sorted(a.id for a in idx.articles) == ["same", "same-2"]
    assert any("duplicate id" in p.reason and p.path == "b.md" for p in idx.problems)


def test_bad_files_do_not_stop_the_rest(tmp_path):
    write(tmp_path / "good.md", article_text("good", "Good one", "a fine body"))
    write(tmp_path / "empty.md", "")
    write(tmp_path / "bin.txt", b"\x00\x00\x00")
    write(tmp_path / "bad.md", "---\ntitle: [oops\n---\nstill readable text here\n")
    idx = CorpusIndex(tmp_path)
    idx.sync()
    assert sorted(a.path for a in idx.articles) == ["bad.md", "good.md"]
    skipped = sorted(p.path for p in idx.problems if p.skipped)
    assert skipped == ["bin.txt", "empty.md"]
    assert ids(search(idx, "readable")) == ["bad"]
