"""Bad corpus files, one kind at a time (core) and all at once (the command line).

For every kind: the other articles load and are searchable, the bad file is listed with its
path and the reason, and nothing is written into the corpus. The app's run over the same
corpus is in test_hostile_app.py.
"""

from __future__ import annotations

import errno
import json
import os
import time
import tracemalloc

import pytest

from tests.hostile.kinds import (
    KIND_IDS,
    KINDS,
    LOADED,
    REPAIRED,
    add_good,
    good,
    is_root,
    make_kinds,
    outcome_failures,
    set_read_only,
    shown_path,
    simulated_faults,
    supported,
    tokens,
    tree_hash,
)
from tui import cli
from tui.core import index as index_module
from tui.core import loading as loading_module
from tui.core.boilerplate import Boilerplate
from tui.core.index import CorpusIndex
from tui.core.loading import read_article, scan_corpus
from tui.core.search import search


def hit_paths(index, query: str) -> set[str]:
    outcome = search(index, query)
    assert outcome.error is None, outcome.error
    return {h.path for h in outcome.hits}


# --- one kind at a time ------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS, ids=KIND_IDS)
def test_each_kind_alone(kind, tmp_path, monkeypatch):
    if supported(kind):
        pytest.skip(supported(kind))
    root = tmp_path / "corpus"
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "good.md").write_text(good("good", "A good article", "Cleverly visited. tokgood"), encoding="utf-8")
    made = make_kinds(root, [kind])
    before = tree_hash(root)
    started = time.perf_counter()
    with simulated_faults(monkeypatch, made, [kind]):
        index = CorpusIndex(root)
        report = index.sync()
    seconds = time.perf_counter() - started
    assert report.read_only is None
    assert outcome_failures(made, index.articles, index.problems) == []
    # The good article is there and searchable (the big corpus tests do all five bundled ones).
    assert "articles/good.md" in {a.path for a in index.articles}
    assert hit_paths(index, "tokgood OR Cleverly") >= {"articles/good.md"}
    if kind.token and kind.outcome in (LOADED, REPAIRED):
        assert hit_paths(index, kind.token) & set(made[kind.name])
    assert tree_hash(root) == before
    assert seconds < 15, f"{kind.name} took {seconds:.1f} s to index"


YAML_BOMBS = [k for k in KINDS if k.name.startswith("yaml_")]


@pytest.mark.parametrize("kind", YAML_BOMBS, ids=[k.name for k in YAML_BOMBS])
def test_hostile_yaml_is_fast_and_bounded(kind, tmp_path):
    """Deep nesting (which crashes the C parser), alias and merge-key bombs, huge front matter."""
    made = make_kinds(tmp_path, [kind])
    rel = made[kind.name][0]
    tracemalloc.start()
    started = time.perf_counter()
    try:
        article, _, problems = read_article(tmp_path, rel, Boilerplate())
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert article is not None and problems
    assert seconds < 1.0, f"{seconds:.2f} s"
    assert peak < 40 * 2**20, f"peak {peak / 2**20:.0f} MB"


def test_unreadable_file_for_real(tmp_path):
    if is_root():
        pytest.skip("running as root: chmod 000 does not stop root from reading; "
                    "the same fault is simulated in test_each_kind_alone[unreadable]")
    add_good(tmp_path)
    unreadable = next(k for k in KINDS if k.name == "unreadable")
    made = make_kinds(tmp_path, [unreadable])
    index = CorpusIndex(tmp_path)
    index.sync()
    assert outcome_failures(made, index.articles, index.problems) == []
    os.chmod(tmp_path / made["unreadable"][0], 0o644)


def test_file_deleted_while_indexing(tmp_path, monkeypatch):
    """Listed by the scan, gone when read: a problem now, and forgotten by the next sync."""
    add_good(tmp_path)
    victim = tmp_path / "articles" / "victim.md"
    victim.write_text(good("victim", "Victim", "tokvictim"), encoding="utf-8")
    real = loading_module.read_article

    def read_after_delete(root, rel, boilerplate):
        if rel.endswith("victim.md") and victim.exists():
            victim.unlink()
        return real(root, rel, boilerplate)

    monkeypatch.setattr(loading_module, "read_article", read_after_delete)
    index = CorpusIndex(tmp_path)
    index.sync()
    assert [p.reason for p in index.problems if p.path == "articles/victim.md"] == ["cannot read: No such file or directory"]
    assert len(index.articles) == 5 and len(hit_paths(index, "Cleverly")) == 2
    monkeypatch.setattr(loading_module, "read_article", real)
    again = CorpusIndex(tmp_path)
    report = again.sync()
    assert report.removed == 1 and again.problems == [] and len(again.articles) == 5


def test_file_changed_while_indexing(tmp_path, monkeypatch):
    """Changed between the scan and the read: what was read is indexed, and the next sync
    notices the file differs from what the scan recorded and indexes the final text."""
    add_good(tmp_path)
    moving = tmp_path / "articles" / "moving.md"
    moving.write_text(good("moving", "Moving", "tokbefore"), encoding="utf-8")
    real = loading_module.read_article

    def read_after_change(root, rel, boilerplate):
        if rel.endswith("moving.md"):
            moving.write_text(good("moving", "Moving", "tokafter and some more text"), encoding="utf-8")
            os.utime(moving, ns=(10**18, 10**18))
        return real(root, rel, boilerplate)

    monkeypatch.setattr(loading_module, "read_article", read_after_change)
    index = CorpusIndex(tmp_path)
    index.sync()
    monkeypatch.setattr(loading_module, "read_article", real)
    again = CorpusIndex(tmp_path)
    report = again.sync()
    assert report.changed == 1
    assert hit_paths(again, "tokafter") == {"articles/moving.md"} and hit_paths(again, "tokbefore") == set()


# --- the corpus folder itself ----------------------------------------------------------------

def _make_folder(state: str, tmp_path):
    root = tmp_path / "corpus"
    if state == "missing":
        return root
    if state == "a file":
        root.write_text("not a folder", encoding="utf-8")
        return root
    root.mkdir()
    if state in ("read-only", "unreadable subfolder"):
        add_good(root)
    if state == "read-only":
        set_read_only(root, True)
    return root


@pytest.mark.parametrize("state", ["missing", "empty", "a file", "read-only", "unreadable subfolder"])
def test_corpus_folder_states(state, tmp_path, monkeypatch, capsys):
    root = _make_folder(state, tmp_path)
    if state == "unreadable subfolder":
        (root / "locked").mkdir()
        (root / "locked" / "inside.md").write_text(good("inside", "Inside", "tokinside"), encoding="utf-8")
    before = tree_hash(root) if root.exists() else None
    if state == "unreadable subfolder":  # root reads any folder: make listing this one fail
        real_scandir = os.scandir

        def scandir(path="."):
            if os.fsdecode(path).endswith("locked"):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    index = CorpusIndex(root)
    report = index.sync()
    assert report.read_only is None
    expected = {"missing": 0, "empty": 0, "a file": 0, "read-only": 5, "unreadable subfolder": 5}[state]
    assert len(index.articles) == expected
    if state in ("missing", "a file"):
        assert [p.reason for p in index.problems] == ["corpus folder 'corpus' does not exist or is not a folder"]
    if state == "unreadable subfolder":
        assert [(p.path, p.reason) for p in index.problems] == [("locked", "cannot read folder: Permission denied")]
    if state in ("missing", "a file"):  # an input error for the command line: one line, exit 2
        assert cli.main(["index", "--corpus", str(root)]) == 2
        assert "does not exist or is not a folder" in capsys.readouterr().err
        assert cli.main(["search", "Cleverly", "--corpus", str(root)]) == 2
    else:
        assert cli.main(["index", "--corpus", str(root)]) == 0
        out = capsys.readouterr().out
        assert f"{expected} articles" in out
        if state == "unreadable subfolder":
            assert "problem: locked: cannot read folder: Permission denied" in out
        status = cli.main(["search", "Cleverly", "--corpus", str(root)])
        assert status == (0 if expected else 1)
    monkeypatch.undo()
    assert (tree_hash(root) if root.exists() else None) == before
    if state == "read-only":
        set_read_only(root, False)


# --- everything at once, through the command line -----------------------------------------------

def test_cli_over_every_bad_kind(big_corpus, monkeypatch, capsys):
    root = str(big_corpus.root)
    with simulated_faults(monkeypatch, big_corpus.made):
        assert cli.main(["index", "--corpus", root]) == 0
        out = capsys.readouterr().out
        index = CorpusIndex(big_corpus.root)
        index.sync()
        assert outcome_failures(big_corpus.made, index.articles, index.problems) == []
        problem_lines = [line for line in out.splitlines() if line.startswith("problem: ")]
        for problem in index.problems:
            assert any(shown_path(problem.path) in line and problem.reason in line for line in problem_lines), problem
        assert f"{len(index.articles)} articles" in out
        expected = tokens(big_corpus.made)
        assert cli.main(["search", " OR ".join(expected), "--corpus", root, "--json", "--limit", "500"]) == 0
        hits = json.loads(capsys.readouterr().out)["hits"]
        found = {h["id"] for h in hits}
        by_id = {a.id: a for a in index.articles}
        for token, kind in expected.items():
            paths = {a.path for a in index.articles if a.id in found}
            assert paths & set(big_corpus.made[kind.name]), f"{kind.name}: {token} not found"
        assert all(i in by_id for i in found)
        assert cli.main(["search", "Cleverly", "--corpus", root]) == 0
        assert capsys.readouterr().out.count("\n    ") == 2
    big_corpus.assert_untouched()


def test_scan_lists_every_bad_file_without_reading_it(big_corpus):
    """The stat-only scan already names the files it cannot use (links, FIFO, bad names)."""
    entries, problems = scan_corpus(big_corpus.root)
    listed = {p.path for p in problems}
    for name in ("symlink_loop", "dangling_symlink", "fifo", "non_utf8_name"):
        if name in big_corpus.made:
            assert {shown_path(p) for p in big_corpus.made[name]} <= {shown_path(p) for p in listed}, name
    assert not any(e.path.startswith("bad/dirloop/") for e in entries)
    assert not any(e.path == "bad/fifo.md" for e in entries)


def test_ordinary_front_matter_passes_the_yaml_guards(tmp_path):
    """The guards refuse bombs, not articles: asterisks, brackets, a few aliases, long lists."""
    text = (
        "---\nid: ok\ntitle: '5 * 3 = 15 [*] and {braces} *emphasis*'\ndate: 2024-01-02\n"
        "publisher: &p Kazinform\nsource: *p\nauthors:\n" + "".join(f"  - Author {i}\n" for i in range(300)) +
        "url: 'https://example.com/a*b?c=[1]'\n---\nBody.\n"
    )
    (tmp_path / "ok.md").write_text(text, encoding="utf-8")
    article, _, problems = read_article(tmp_path, "ok.md", Boilerplate())
    assert problems == [] and article.meta.title == "5 * 3 = 15 [*] and {braces} *emphasis*"
    assert article.meta.source == "Kazinform" and len(article.meta.authors) == 300
