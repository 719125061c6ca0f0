import datetime as dt
import re
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, ROOT
from tui.core.articles import split_front_matter
from tui.core.boilerplate import load_boilerplate
from tui.core.importing import headline_from, import_text
from tui.core.loading import parse_article_text

SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))  # copies of the raw scrapes
BOILERPLATE, _ = load_boilerplate(BUNDLED / "boilerplate.yaml")


def bundled_articles():
    out = {}
    for path in sorted((BUNDLED / "articles").glob("*.md")):
        article, notes = parse_article_text(path.read_text(encoding="utf-8"), f"articles/{path.name}", BOILERPLATE)
        assert article is not None and notes == [], (path, notes)
        out[article.meta.source] = (article, path.read_text(encoding="utf-8"))
    return out


def test_bundled_corpus_has_the_five_seeds():
    assert sorted(bundled_articles()) == [
        "000_d7446e1abbfc44a4.txt",
        "001_7c15c8f35dccb43e.txt",
        "002_d03f070538b42323.txt",
        "003_fc23e1cdd50d653a.txt",
        "004_7dd407c34da3c265.txt",
    ]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_every_seed_line_appears_unchanged_in_the_corpus(seed):
    article, file_text = bundled_articles()[seed.name]
    body_lines = set(article.body.split("\n"))
    lines = seed.read_text(encoding="utf-8").split("\n")
    first = re.match(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.*)$", lines[0])
    if first:
        assert article.meta.date == dt.date.fromisoformat(first.group(1))
        lines[0] = first.group(2)
    else:
        assert article.meta.date is None
    for line in lines:
        if line.strip():
            assert line in body_lines or line == article.meta.title, line[:80]


def test_bundled_metadata_is_what_the_text_states():
    arts = {k: a.meta for k, (a, _) in bundled_articles().items()}
    first = arts["000_d7446e1abbfc44a4.txt"]
    assert first.id == "2023-03-14-uk-foreign-ministers-visit-to-kazakhstan"
    assert first.title == "UK Foreign Minister's visit to Kazakhstan: New opportunities for both countries"
    assert first.publisher == "Kazinform"  # dateline "LONDON. KAZINFORM"
    assert arts["001_7c15c8f35dccb43e.txt"].date is None
    assert arts["001_7c15c8f35dccb43e.txt"].publisher is None
    assert arts["004_7dd407c34da3c265.txt"].publisher is None  # "press service … reports" is a source, not a publisher
    for meta in arts.values():
        assert meta.url is None and meta.authors == ()
        assert 20 <= len(meta.title) <= 101, meta.title
        assert meta.title != "Tell a friend"


def test_lead_paragraph_on_title_line_stays_in_body():
    raw = " date 2023-10-03 Kazakhstan and the UK are deepening cooperation. Key priorities were reviewed.\n\nMore text.\n"
    article = import_text(raw, "x.txt", BOILERPLATE)
    assert article.meta.title == "Kazakhstan and the UK are deepening cooperation"
    assert article.body.startswith("Kazakhstan and the UK are deepening cooperation. Key priorities")
    assert article.meta.date == dt.date(2023, 10, 3)


def test_boilerplate_title_line_is_not_the_title():
    raw = " date 2025-02-28 Tell a friend\n\nThe two countries held talks in London on Monday.\n"
    article = import_text(raw, "x.txt", BOILERPLATE)
    assert article.meta.title == "The two countries held talks in London on Monday"
    assert article.body.startswith("Tell a friend\n")


def test_no_date_line_means_no_date():
    article = import_text("London said so today. More.\n", "x.txt", BOILERPLATE)
    assert article.meta.date is None
    assert article.meta.id.startswith("undated-")


def test_impossible_date_is_not_invented():
    article = import_text(" date 2023-02-30 Headline here\n\nBody text.\n", "x.txt", BOILERPLATE)
    assert article.meta.date is None
    assert article.problems


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Short sentence. Another one.", "Short sentence"),
        ("A" * 30 + " and more words, then a clause that goes on and on and on well past the limit of a headline here", None),
        ("word " * 40, None),
    ],
)
def test_headlines_are_headline_length(paragraph, expected):
    title = headline_from(paragraph)
    assert len(title) <= 101
    if expected:
        assert title == expected


def test_byline_and_source_url_are_taken_from_the_text():
    raw = "By Jane Smith\n\nThe text of the article goes here.\n\nSource: https://example.org/story\n"
    article = import_text(raw, "x.txt", BOILERPLATE)
    assert article.meta.authors == ("Jane Smith",)
    assert article.meta.url == "https://example.org/story"


def test_import_command_writes_front_matter_files(tmp_path):
    from tui.cli import main

    seed = tmp_path / "raw.txt"
    seed.write_text(" date 2024-05-06 Headline of the piece\n\nLONDON. KAZINFORM Body text here.\n", encoding="utf-8")
    assert main(["import", str(seed), "--corpus", str(tmp_path / "c")]) == 0
    written = tmp_path / "c" / "articles" / "2024-05-06-headline-of-the-piece.md"
    yaml_text, body = split_front_matter(written.read_text(encoding="utf-8"))
    assert "publisher: Kazinform" in yaml_text and "url: null" in yaml_text
    assert body == "LONDON. KAZINFORM Body text here.\n"
    # Importing again replaces the same file rather than adding a second copy.
    assert main(["import", str(seed), "--corpus", str(tmp_path / "c")]) == 0
    assert len(list((tmp_path / "c" / "articles").iterdir())) == 1
