"""Editing metadata: the body survives byte for byte, the write is atomic, bad values are refused."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, write
from tui.core.boilerplate import Boilerplate
from tui.core.loading import read_article
from tui.core.metadata_edit import update_metadata

FRONT = (
    "---\nid: a-story\ntitle: 'A story: with a colon'\ndate: 2024-01-02\npublisher: null\n"
    "authors: []\nurl: null\nlanguage: en\nsource: a.txt\n---\n"
)
HOSTILE_BODY = b"First line  \r\nsecond\ttabbed \r\n\r\n---\r\nnot front matter\r\nlast line, no newline   "
CHANGES = {
    "publisher": "Kazinform",
    "authors": ["Aigerim Seitkali", "John Smith"],
    "url": "https://www.inform.kz/en/a-story",
    "date": dt.date(2023, 3, 14),
}


def load(corpus: Path, rel: str):
    article, _, problems = read_article(corpus, rel, Boilerplate([]))
    return article, [p.reason for p in problems]


def test_body_is_byte_identical_and_front_matter_updated(tmp_path):
    path = write(tmp_path / "articles" / "a.md", FRONT.encode() + HOSTILE_BODY)
    assert update_metadata(tmp_path, "articles/a.md", CHANGES) == path.resolve()
    data = path.read_bytes()
    assert data.endswith(HOSTILE_BODY)
    assert data[: -len(HOSTILE_BODY)] == (
        b"---\nid: a-story\ntitle: 'A story: with a colon'\ndate: 2023-03-14\npublisher: Kazinform\n"
        b"authors: [Aigerim Seitkali, John Smith]\nurl: https://www.inform.kz/en/a-story\n"
        b"language: en\nsource: a.txt\n---\n"
    )
    article, problems = load(tmp_path, "articles/a.md")
    assert problems == []
    meta = article.meta
    assert (meta.publisher, meta.authors, meta.url, meta.date) == (
        "Kazinform", ("Aigerim Seitkali", "John Smith"), "https://www.inform.kz/en/a-story", dt.date(2023, 3, 14)
    )
    assert meta.title == "A story: with a colon" and meta.source == "a.txt"


def test_crlf_file_keeps_crlf_front_matter(tmp_path):
    front = FRONT.replace("\n", "\r\n").encode()
    path = write(tmp_path / "a.md", front + HOSTILE_BODY)
    update_metadata(tmp_path, "a.md", {"publisher": "Astana Times"})
    data = path.read_bytes()
    assert data == front.replace(b"publisher: null", b"publisher: Astana Times") + HOSTILE_BODY
    assert load(tmp_path, "a.md")[0].meta.publisher == "Astana Times"


def test_clearing_values_and_bom(tmp_path):
    body = b"Text\n\n"
    path = write(tmp_path / "a.md", b"\xef\xbb\xbf" + FRONT.encode() + body)
    update_metadata(tmp_path, "a.md", {"publisher": "X", "url": "http://x.kz"})
    update_metadata(tmp_path, "a.md", {"publisher": "", "url": None, "date": None, "authors": []})
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\n") and data.endswith(b"---\n" + body)
    meta = load(tmp_path, "a.md")[0].meta
    assert (meta.publisher, meta.url, meta.date, meta.authors) == (None, None, None, ())


def test_other_fields_keep_order_and_unknown_fields_are_kept(tmp_path):
    text = "---\ntitle: Story\nsection: World   # a field of our own\nid: story\nlanguage: kk\n---\nBody\n"
    path = write(tmp_path / "s.md", text)
    update_metadata(tmp_path, "s.md", {"url": "https://example.org/s", "publisher": "Tengri"})
    lines = path.read_text(encoding="utf-8").split("\n")
    # url and publisher are new: each goes after the standard field that precedes it.
    assert lines[:7] == ["---", "title: Story", "section: World", "id: story", "publisher: Tengri", "url: https://example.org/s", "language: kk"]
    assert path.read_text(encoding="utf-8").endswith("---\nBody\n")


def test_bundled_article_changes_only_the_edited_line(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED, corpus)
    rel = sorted(p.relative_to(corpus).as_posix() for p in (corpus / "articles").glob("*.md"))[0]
    before = (corpus / rel).read_text(encoding="utf-8").split("\n")
    update_metadata(corpus, rel, {"url": "https://example.org/x"})
    after = (corpus / rel).read_text(encoding="utf-8").split("\n")
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and changed == [("url: null", "url: https://example.org/x")]


def test_same_values_leave_the_file_alone(tmp_path):
    path = write(tmp_path / "a.md", FRONT + "Body\n")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    update_metadata(tmp_path, "a.md", {"publisher": None, "date": dt.date(2024, 1, 2), "authors": []})
    assert path.stat().st_mtime_ns == 1_000_000_000


def test_failed_replace_leaves_the_original_and_no_temp_file(tmp_path, monkeypatch):
    original = FRONT.encode() + HOSTILE_BODY
    path = write(tmp_path / "articles" / "a.md", original)

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        update_metadata(tmp_path, "articles/a.md", CHANGES)
    assert path.read_bytes() == original
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.md"]


def test_file_mode_is_kept(tmp_path):
    path = write(tmp_path / "a.md", FRONT + "Body\n")
    path.chmod(0o644)
    update_metadata(tmp_path, "a.md", {"publisher": "P"})
    assert path.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"url": "ftp://example.org/x"}, "must start with http:// or https://"),
        ({"url": "javascript:alert(1)"}, "must start with http:// or https://"),
        ({"url": "https://"}, "not a web address"),
        ({"url": "https://exa mple.org"}, "not a web address"),
        ({"date": "2023-02-30"}, "not a real date"),
        ({"date": "14/03/2023"}, "YYYY-MM-DD"),
        ({"date": dt.datetime(2023, 3, 14, 12, 0)}, "without a time"),
        ({"date": 20230314}, "YYYY-MM-DD"),
        ({"authors": "John Smith"}, "list of names"),
        ({"authors": ["John Smith", "  "]}, "non-empty name"),
        ({"authors": ["John", 7]}, "must be text"),
        ({"publisher": "Kaz\ninform"}, "one line"),
        ({"publisher": "Kaz\x1b[31minform"}, "control characters"),
        ({"title": "New"}, "cannot edit title"),
    ],
)
def test_invalid_values_are_refused(tmp_path, changes, message):
    original = FRONT + "Body\n"
    path = write(tmp_path / "a.md", original)
    with pytest.raises(ValueError, match=re.escape(message)):
        update_metadata(tmp_path, "a.md", changes)
    assert path.read_text(encoding="utf-8") == original


def test_string_dates_are_accepted(tmp_path):
    write(tmp_path / "a.md", FRONT + "Body\n")
    update_metadata(tmp_path, "a.md", {"date": " 2020-02-29 "})
    assert load(tmp_path, "a.md")[0].meta.date == dt.date(2020, 2, 29)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("raw.txt", "date 2023-03-14 A headline\nText.\n", "corpus-explorer import raw.txt"),
        ("plain.md", "Just text, no front matter.\n", "corpus-explorer import plain.md"),
        ("open.md", "---\ntitle: never closed\nText\n", "corpus-explorer import open.md"),
        ("broken.md", "---\ntitle: [unclosed\n---\nText\n", "cannot be read"),
        ("list.md", "---\n- a\n- b\n---\nText\n", "not a mapping"),
    ],
)
def test_files_without_usable_front_matter_are_refused(tmp_path, name, content, message):
    path = write(tmp_path / name, content)
    with pytest.raises(ValueError, match=message):
        update_metadata(tmp_path, name, {"publisher": "P"})
    assert path.read_text(encoding="utf-8") == content


def test_paths_outside_the_corpus_are_refused(tmp_path):
    corpus = tmp_path / "corpus"
    write(tmp_path / "outside.md", FRONT + "Body\n")
    write(corpus / "a.md", FRONT + "Body\n")
    for rel in ("../outside.md", str(tmp_path / "outside.md"), "missing.md", "."):
        with pytest.raises(ValueError, match="not an article file inside the corpus"):
            update_metadata(corpus, rel, {"publisher": "P"})
    (corpus / "link.md").symlink_to(tmp_path / "outside.md")
    with pytest.raises(ValueError, match="not an article file inside the corpus"):
        update_metadata(corpus, "link.md", {"publisher": "P"})
    assert "publisher: null" in (tmp_path / "outside.md").read_text(encoding="utf-8")
