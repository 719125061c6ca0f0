from tests.conftest import article_text, write
from tui.core.boilerplate import Boilerplate
from tui.core.loading import read_article, scan_corpus

BP = Boilerplate()


def load(tmp_path, name, content):
    write(tmp_path / name, content)
    return read_article(tmp_path, name, BP)


def test_good_front_matter(tmp_path):
    article, _, problems = load(tmp_path, "a.md", article_text("a", "A title", "Body"))
    assert article.meta.title == "A title" and problems == []
    assert article.body == "Body\n"


def test_bad_yaml_is_repaired_and_reported(tmp_path):
    article, _, problems = load(tmp_path, "a.md", "---\ntitle: [unclosed\n---\nThe body text is here.\n")
    assert article is not None and article.meta.title == "The body text is here"
    assert any("YAML error at line" in p.reason for p in problems)


def test_missing_title_is_made_from_text(tmp_path):
    article, _, problems = load(tmp_path, "a.md", "---\ndate: 2020-01-01\n---\nFirst sentence. Second.\n")
    assert article.meta.title == "First sentence"
    assert any("missing title" in p.reason for p in problems)


def test_wrong_types_are_reported(tmp_path):
    article, _, problems = load(tmp_path, "a.md", "---\ntitle: 42\ndate: [1, 2]\n---\nBody.\n")
    assert article.meta.title == "42" and article.meta.date is None
    assert len(problems) == 2


def test_empty_binary_and_non_utf8(tmp_path):
    assert load(tmp_path, "e.md", "")[0] is None
    art, _, problems = load(tmp_path, "b.txt", b"\x00\x01\x02binary")
    assert art is None and problems[0].skipped
    art, _, problems = load(tmp_path, "c.txt", "Caf\xe9 society met today. More.".encode("cp1252"))
    assert art.meta.title == "Café society met today" and "Windows-1252" in problems[0].reason


def test_md_without_front_matter_is_read_as_raw(tmp_path):
    article, _, problems = load(tmp_path, "raw.md", " date 2020-02-02 A headline\n\nText.\n")
    assert article.meta.title == "A headline" and "no YAML front matter" in problems[0].reason


def test_scan_skips_hidden_and_other_files(tmp_path):
    write(tmp_path / "a.md", "x")
    write(tmp_path / "sub" / "b.txt", "x")
    write(tmp_path / ".hidden" / "c.md", "x")
    write(tmp_path / "aliases.yaml", "x")
    entries, problems = scan_corpus(tmp_path)
    assert [e.path for e in entries] == ["a.md", "sub/b.txt"] and problems == []


def test_missing_corpus_folder(tmp_path):
    entries, problems = scan_corpus(tmp_path / "nope")
    assert entries == [] and "does not exist" in problems[0].reason
