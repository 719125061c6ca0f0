"""Index faults: the cached index or its manifest damaged, locked, out of date or unwritable,
the process killed mid-build, two instances at once. The next start must notice, say so,
rebuild or work read-only, and lose nothing (every article back, the corpus untouched).
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from whoosh.writing import SegmentWriter

from tests.conftest import write
from tests.hostile.kinds import add_good, good, is_root, tree_hash
from tui import cli
from tui.core import index as index_module
from tui.core.index import CorpusIndex
from tui.core.search import search

ARTICLES = 2000  # "a few thousand": enough for a build that can be killed half-way


def generate(root: Path, count: int, start: int = 0) -> None:
    rnd = random.Random(count + start)
    words = "minister visit trade energy investment london astana oil gas bank talks treaty summit".split()
    folder = root / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        body = " ".join(rnd.choice(words) for _ in range(30))
        (folder / f"gen{i:05d}.md").write_text(good(f"gen{i:05d}", f"Generated {i}", f"{body} tokgen{i:05d}x"), encoding="utf-8")


def doc_count(index: CorpusIndex) -> int:
    with index.open_index().searcher() as searcher:
        return searcher.doc_count()


def assert_complete(root: Path, expected: int) -> CorpusIndex:
    """Nothing lost: every article listed once, indexed once, and found by its own token."""
    index = CorpusIndex(root)
    report = index.sync()
    assert report.read_only is None
    assert len(index.articles) == expected
    assert doc_count(index) == expected
    for i in random.Random(1).sample(range(expected), min(expected, 15)):
        name = f"articles/gen{i:05d}.md"
        if any(a.path == name for a in index.articles):
            assert [h.path for h in search(index, f"tokgen{i:05d}x").hits] == [name]
    return index


@pytest.fixture
def built(tmp_path):
    """The bundled corpus, indexed; returns (corpus, index)."""
    root = tmp_path / "corpus"
    root.mkdir()
    add_good(root)
    index = CorpusIndex(root)
    index.sync()
    return root, index


def cleverly(index: CorpusIndex) -> int:
    outcome = search(index, "Cleverly")
    assert outcome.error is None, outcome.error
    return len(outcome.hits)


# --- damaged cache ---------------------------------------------------------------------------

def test_index_folder_deleted(built, capsys):
    root, index = built
    before = tree_hash(root)
    shutil.rmtree(index.index_dir)
    again = CorpusIndex(root)
    report = again.sync()
    assert report.rebuilt and report.added == 5 and cleverly(again) == 2
    shutil.rmtree(index.index_dir)
    assert cli.main(["index", "--corpus", str(root)]) == 0
    out = capsys.readouterr().out
    assert "5 articles; 5 added" in out and "rebuilt" in out
    assert tree_hash(root) == before


def _damage(index: CorpusIndex, how: str) -> None:
    files = sorted(index.index_dir.iterdir())
    segment = next(p for p in files if p.suffix == ".seg")
    toc = next(p for p in files if p.suffix == ".toc")
    if how == "segment truncated":
        segment.write_bytes(segment.read_bytes()[:100])
    elif how == "segment garbage":
        segment.write_bytes(random.Random(3).randbytes(segment.stat().st_size))
    elif how == "segment deleted":
        segment.unlink()
    elif how == "toc garbage":
        toc.write_bytes(b"\x00garbage")
    elif how == "manifest garbage":
        index.manifest_path.write_text("{not json", encoding="utf-8")
    elif how == "manifest truncated":
        index.manifest_path.write_bytes(index.manifest_path.read_bytes()[:50])
    elif how == "manifest of an older schema":
        with closing(sqlite3.connect(index.manifest_path)) as conn, conn:
            conn.execute("UPDATE info SET value = '0:000000000000' WHERE key = 'fingerprint'")
    elif how == "manifest with wrong types":
        with closing(sqlite3.connect(index.manifest_path)) as conn, conn:
            first = conn.execute("SELECT path FROM files ORDER BY path").fetchone()[0]
            conn.execute("UPDATE files SET meta = ? WHERE path = ?", (json.dumps({"id": 1, "date": "not a date"}), first))
    else:
        raise ValueError(how)


@pytest.mark.parametrize("how", [
    "segment truncated",
    "segment garbage",
    "segment deleted",
    "toc garbage",
    "manifest garbage",
    "manifest truncated",
    "manifest of an older schema",
    "manifest with wrong types",
])
def test_damaged_cache_is_detected_and_rebuilt(built, how):
    root, index = built
    before = tree_hash(root)
    _damage(index, how)
    again = CorpusIndex(root)
    report = again.sync()
    assert report.rebuilt, "the damage was not noticed"
    assert len(again.articles) == 5 and cleverly(again) == 2
    assert tree_hash(root) == before


@pytest.mark.parametrize("how", ["segment truncated", "segment garbage", "segment deleted"])
def test_damaged_segment_is_reported_by_the_cli_and_repaired(built, how, capsys):
    root, index = built
    _damage(index, how)
    assert cli.main(["index", "--corpus", str(root)]) == 0
    assert "warning: the cached index was damaged; it has been rebuilt" in capsys.readouterr().err
    assert cli.main(["search", "Cleverly", "--corpus", str(root)]) == 0
    assert capsys.readouterr().out.count("\n    ") == 2


def test_schema_version_bump_rebuilds(built, monkeypatch):
    root, _ = built
    monkeypatch.setattr(index_module, "SCHEMA_VERSION", index_module.SCHEMA_VERSION + 1)
    again = CorpusIndex(root)
    report = again.sync()
    assert report.rebuilt and cleverly(again) == 2


# --- locks, kills and two instances ------------------------------------------------------------

_HOLD_LOCK = """
import sys, time
from contextlib import closing
from pathlib import Path
from tui.core.index import CorpusIndex
writer = CorpusIndex(Path(sys.argv[1])).open_index().writer()
print("locked", flush=True)
time.sleep(60)
"""


def hold_lock(root: Path) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(root)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "locked"
    return child


def test_stale_write_lock_of_a_killed_process(built):
    root, index = built
    holder = hold_lock(root)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert any(p.name.endswith("WRITELOCK") for p in index.index_dir.iterdir())  # the file stays behind
    write(root / "articles" / "new.md", good("new", "New", "toknew"))
    again = CorpusIndex(root)
    report = again.sync()
    assert report.read_only is None and report.added == 1
    assert [h.path for h in search(again, "toknew").hits] == ["articles/new.md"]


async def test_app_works_read_only_while_another_instance_holds_the_lock(built):
    from tui.app.app import CorpusExplorerApp

    root, _ = built
    write(root / "articles" / "new.md", good("new", "New", "toknew"))
    holder = hold_lock(root)
    try:
        app = CorpusExplorerApp(root)
        async with app.run_test(size=(160, 48)) as pilot:
            for _ in range(300):
                await pilot.pause(0.02)
                if app.index_state == "read-only":
                    break
            assert app.index_state == "read-only"
            assert any("another corpus-explorer is updating" in n.message for n in app._notifications)
            assert len(app.articles) == 5  # what the manifest knew, still listed ...
            app.run_search("Cleverly")  # ... and still searchable
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.outcome is not None and app.outcome.total == 2
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    again = CorpusIndex(root)
    assert again.sync().added == 1 and len(again.articles) == 6  # the next start catches up


_BUILD = """
import sys
from contextlib import closing
from pathlib import Path
from tui.core import index as index_module
if len(sys.argv) > 2:
    index_module.COMMIT_EVERY = int(sys.argv[2])
def progress(done, total, stage):
    if stage == "indexing" and done >= 700:
        print("mid-build", done, flush=True)
        sys.stdin.readline()  # wait here, writer open, until the test kills the process
index_module.CorpusIndex(Path(sys.argv[1])).sync(progress=progress)
print("finished", flush=True)
"""


@pytest.mark.parametrize("commit_every", [None, 250], ids=["before-any-commit", "after-some-commits"])
def test_killed_during_a_build(tmp_path, commit_every):
    """A real build of a few thousand articles, SIGKILLed half-way; the next sync recovers."""
    root = tmp_path / "corpus"
    generate(root, ARTICLES)
    before = tree_hash(root)
    args = [sys.executable, "-c", _BUILD, str(root)] + ([str(commit_every)] if commit_every else [])
    child = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = child.stdout.readline()
    assert line.startswith("mid-build"), line
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    index = CorpusIndex(root)
    report = index.sync()
    if commit_every:  # the committed part was kept: only the rest is indexed again
        assert not report.rebuilt and 0 < report.added <= ARTICLES - 500
    else:
        assert report.rebuilt and report.added == ARTICLES
    assert_complete(root, ARTICLES)
    assert tree_hash(root) == before


def test_two_command_line_instances_at_once(tmp_path):
    """Two real `corpus-explorer index` processes updating the same index together."""
    root = tmp_path / "corpus"
    generate(root, 600)
    CorpusIndex(root).sync()
    generate(root, 600, start=600)  # both instances find 600 new articles
    before = tree_hash(root)
    runs = [subprocess.Popen([sys.executable, "-m", "tui", "index", "--corpus", str(root)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0 and "Traceback" not in err, err[-2000:]
        assert "1200 articles" in out or "another corpus-explorer is updating" in err
    assert_complete(root, 1200)
    assert tree_hash(root) == before


def test_a_second_instance_does_not_wipe_a_build_in_progress(tmp_path):
    root = tmp_path / "corpus"
    generate(root, 300)
    first, second = CorpusIndex(root), CorpusIndex(root)
    reports = []

    def progress(done, total, stage):
        if stage == "indexing" and done >= 100 and not reports:
            reports.append(second.sync())  # the second instance starts while the first builds

    first.sync(progress=progress)
    assert reports and reports[0].read_only
    assert_complete(root, 300)


# --- an unwritable cache -----------------------------------------------------------------------

def _unwritable_cache(tmp_path, monkeypatch) -> None:
    """A cache root below a regular file: no mkdir can succeed there, not even as root."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CORPUS_EXPLORER_CACHE", str(blocker / "cache"))


def test_unwritable_cache_is_reported_and_nothing_crashes(tmp_path, monkeypatch, capsys):
    root = tmp_path / "corpus"
    root.mkdir()
    add_good(root)
    before = tree_hash(root)
    _unwritable_cache(tmp_path, monkeypatch)
    index = CorpusIndex(root)
    report = index.sync()
    assert report.read_only and "cannot write the index cache" in report.read_only
    assert "temporary index" in report.read_only
    assert cli.main(["index", "--corpus", str(root)]) == 0
    assert "warning: cannot write the index cache" in capsys.readouterr().err
    assert tree_hash(root) == before


def test_unwritable_cache_still_lists_and_searches(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    root.mkdir()
    add_good(root)
    _unwritable_cache(tmp_path, monkeypatch)
    index = CorpusIndex(root)
    index.sync()
    assert len(index.articles) == 5 and cleverly(index) == 2


def test_read_only_cache_folder_for_real(tmp_path, monkeypatch):
    if is_root():
        pytest.skip("running as root: a read-only folder is still writable; "
                    "test_unwritable_cache_is_reported_and_nothing_crashes simulates it")
    root = tmp_path / "corpus"
    root.mkdir()
    add_good(root)
    cache = tmp_path / "ro-cache"
    cache.mkdir()
    os.chmod(cache, 0o555)
    monkeypatch.setenv("CORPUS_EXPLORER_CACHE", str(cache))
    try:
        report = CorpusIndex(root).sync()
        assert report.read_only and "cannot write the index cache" in report.read_only
    finally:
        os.chmod(cache, 0o755)


@pytest.mark.parametrize("where", ["segment commit", "manifest"])
def test_out_of_space_while_writing(built, monkeypatch, where):
    """ENOSPC while committing the index or saving the manifest: reported, nothing lost."""
    root, _ = built
    generate(root, 40)
    before = tree_hash(root)

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    target, name = (SegmentWriter, "commit") if where == "segment commit" else (CorpusIndex, "_save")
    original = getattr(target, name)
    monkeypatch.setattr(target, name, no_space)
    index = CorpusIndex(root)
    report = index.sync()
    assert report.read_only and "No space left on device" in report.read_only
    assert cleverly(index) == 2  # what was indexed before still answers
    monkeypatch.setattr(target, name, original)  # space is freed
    again = CorpusIndex(root)
    again.sync()
    assert len(again.articles) == 45 and doc_count(again) == 45 and cleverly(again) == 2
    assert [h.path for h in search(again, "tokgen00007x").hits] == ["articles/gen00007.md"]
    assert tree_hash(root) == before
