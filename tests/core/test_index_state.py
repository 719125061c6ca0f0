"""The index's bookkeeping rows (state.sqlite): one-file updates, the deferred entity merge."""

import os
import sqlite3
import threading

from tests.conftest import article_text, write
from tui.core import entity_store as store_module
from tui.core.index import CorpusIndex
from tui.core.search import search

CHANGED = "articles/2023-03-14-uk-foreign-ministers-visit-to-kazakhstan.md"


def ids(index, query):
    return sorted(h.id for h in search(index, query).hits)


def rows(index, table):
    with sqlite3.connect(index.manifest_path) as conn:
        return dict(conn.execute(f"SELECT path, {'size' if table == 'files' else 'article_id'} FROM {table}"))


def test_sync_paths_updates_only_the_named_files(corpus, monkeypatch):
    idx = CorpusIndex(corpus)
    idx.sync()
    assert idx.entities.entities
    write(corpus / "articles" / "new.md", article_text("new", "Zebra crossing", "A zebra story."))
    changed = corpus / CHANGED
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA wombat appears.\n", encoding="utf-8")
    os.utime(changed, ns=(1, 1))
    victim = sorted((corpus / "articles").glob("2021-*.md"))[0]
    victim_path = f"articles/{victim.name}"
    victim.unlink()
    untouched = sorted((corpus / "articles").glob("2025-*.md"))[0]
    untouched.write_text(untouched.read_text(encoding="utf-8") + "\nAn okapi hides.\n", encoding="utf-8")
    os.utime(untouched, ns=(2, 2))

    def no_scan(*args, **kwargs):
        raise AssertionError("sync_paths must not scan the corpus folder")

    with monkeypatch.context() as patch:
        patch.setattr("tui.core.loading.scan_corpus", no_scan)
        report = idx.sync_paths(["articles/new.md", CHANGED, victim_path])
        assert idx.sync_paths([CHANGED]).touched == 0  # nothing changed since: nothing is done
    assert (report.added, report.changed, report.removed, report.rebuilt) == (1, 1, 1, False)
    assert ids(idx, "zebra") == ["new"] and ids(idx, "wombat") == ["2023-03-14-uk-foreign-ministers-visit-to-kazakhstan"]
    assert ids(idx, "Cleverly").count("2023-03-14-uk-foreign-ministers-visit-to-kazakhstan") == 1
    assert search(idx, "Abdrakhmanov").hits == [] and ids(idx, "okapi") == []  # not named: not seen
    assert victim_path not in rows(idx, "files") and victim_path not in rows(idx, "mentions")
    assert "articles/new.md" in rows(idx, "mentions")
    assert sorted(a.path for a in idx.articles) == sorted(rows(idx, "files"))
    fresh = CorpusIndex(corpus)
    report = fresh.sync()  # a new process sees what sync_paths wrote, and the file it skipped
    assert (report.added, report.changed, report.removed) == (0, 1, 0)
    assert ids(fresh, "okapi") and ids(fresh, "zebra") == ["new"]


def test_sync_paths_without_an_index_builds_it(corpus):
    idx = CorpusIndex(corpus)
    report = idx.sync_paths(["articles/whatever.md"])
    assert report.rebuilt and len(idx.articles) == 5


def test_a_change_leaves_the_merge_to_the_first_use(corpus, monkeypatch):
    idx = CorpusIndex(corpus)
    idx.sync()
    before = idx.entities
    assert idx.entity_store.table_is_current()
    write(corpus / "articles" / "new.md", article_text("new", "Zebra", "Boris Johnson met Roman Vasilenko."))
    merged = []
    real_merge = store_module.merge
    monkeypatch.setattr(store_module, "merge", lambda *a: merged.append(1) or real_merge(*a))
    idx.sync_paths(["articles/new.md"])
    assert merged == [] and not idx.entity_store.table_is_current()  # searchable, not yet merged
    assert ids(idx, "zebra") == ["new"]
    table = idx.entities
    assert merged == [1] and table is not before and idx.entity_store.table_is_current()
    assert "new" in {a for e in table.entities if e.name == "Boris Johnson" for a in e.articles}
    assert CorpusIndex(corpus).entity_store.table_is_current()  # cached on disk for the next start


def test_a_search_does_not_wait_for_a_merge(corpus):
    idx = CorpusIndex(corpus)
    idx.sync()
    old = idx.entities
    write(corpus / "articles" / "new.md", article_text("new", "Zebra", "Roman Vasilenko again."))
    idx.sync_paths(["articles/new.md"])
    idx.entity_store._table_lock.acquire()  # as if the sync worker were merging now
    try:
        got = []
        worker = threading.Thread(target=lambda: got.append(idx.entity_store.table(stale_ok=True)))
        worker.start()
        worker.join(5)
        assert got == [old]  # the previous table, at once
        assert search(idx, "Vasilenko", expander=idx.expander()).hits
    finally:
        idx.entity_store._table_lock.release()
    assert idx.entities is not old
