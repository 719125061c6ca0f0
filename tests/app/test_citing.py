"""Citing from the keyboard: c, C, marks with space, quote with citation, e to fill in metadata."""

from __future__ import annotations

import datetime as dt
import re

from tests.pilot_helpers import SIZE, ready
from tui.app.app import CorpusExplorerApp
from tui.app.screens.citation import CitationScreen
from tui.app.screens.edit_metadata import EditMetadataScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.core.clipboard import last_copy_path
from tui.core.config import Config

APA_000 = (
    "UK Foreign Minister’s visit to Kazakhstan: New opportunities for both countries. (2023, March 14). Kazinform."
)


def app_for(corpus, **settings) -> CorpusExplorerApp:
    # Only the terminal route (recorded by Textual) and the file: no system tool is run by tests.
    return CorpusExplorerApp(corpus, config=Config(clipboard=("osc52", "file"), **settings))


async def copied(pilot, app, before: str | None = None) -> str:
    for _ in range(200):
        await pilot.pause(0.02)
        if app.clipboard and app.clipboard != before and last_copy_path().exists():
            break
    assert last_copy_path().read_text(encoding="utf-8") == app.clipboard
    return app.clipboard


async def select_article(pilot, app, prefix: str) -> None:
    articles = app.query_one(ArticleList)
    articles.cursor = next(i for i, a in enumerate(articles.articles) if a.id.startswith(prefix))
    articles.focus()
    await pilot.pause()


async def test_c_copies_the_default_style(corpus):
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await select_article(pilot, app, "2023-03-14")
        await pilot.press("c")
        assert await copied(pilot, app) == APA_000
        assert any("Copied: APA 7th citation" in n.title for n in app._notifications)


async def test_config_style_is_the_default(corpus):
    app = app_for(corpus, citation_style="mla")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await select_article(pilot, app, "2023-03-14")
        await pilot.press("c")
        text = await copied(pilot, app)
        assert text == "“UK Foreign Minister’s Visit to Kazakhstan: New Opportunities for Both Countries.” Kazinform, 14 Mar. 2023."


async def test_panel_previews_every_format_and_remembers_the_choice(corpus):
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await select_article(pilot, app, "2023-03-14")
        await pilot.press("C")
        assert isinstance(app.screen, CitationScreen)
        preview = app.screen.query_one("#cite-preview")
        assert str(preview.render()).startswith("UK Foreign Minister’s visit")
        await pilot.press("j", "j", "j", "j", "j", "j", "j", "j", "j")  # down to RIS
        assert str(preview.render()).startswith("TY  - NEWS")
        await pilot.press("enter")
        assert (await copied(pilot, app)).startswith("TY  - NEWS\nTI  - UK Foreign Minister's visit")
        assert app.citation_choice == ("ris", False)
    again = app_for(corpus)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot, again)
        await pilot.press("C")
        assert again.screen.query_one("OptionList").highlighted == 9  # RIS again


async def test_marked_articles_give_a_bibliography(corpus):
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await select_article(pilot, app, "2023-03-14")
        await pilot.press("space")
        await select_article(pilot, app, "undated")
        await pilot.press("space")
        assert len(app.marked) == 2 and "2 marked" in str(app.query_one("#status-text").render())
        await pilot.press("c")
        text = await copied(pilot, app)
        assert text.split("\n") == [
            "London is trying to harm Moscow by any means available. (n.d.).",
            APA_000,
        ]
        await pilot.press("escape")
        assert not app.marked


async def test_quote_with_citation_is_verbatim_with_a_paragraph(corpus):
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await select_article(pilot, app, "2023-03-14")
        await pilot.press("enter")
        reader = app.query_one(Reader)
        assert app.focused is reader
        await pilot.press("pagedown", "v")
        assert reader.selection is not None
        first = reader.selection[0]
        await pilot.press("right_parenthesis")
        assert reader.selection == (first, first + 1)
        passage = reader.selected_text()
        paragraph = reader.paragraph_number(reader.selected_span[0])
        assert passage in reader.text and paragraph > 1
        await pilot.press("y")
        text = await copied(pilot, app)
        assert text.startswith("“" + passage + "”")
        assert re.search(rf"2023, para\.\s{paragraph}\)$", text)  # citeproc puts a no-break space there
        await pilot.press("escape")
        assert reader.selection is None and app.focused is reader


async def test_edit_metadata_rewrites_front_matter_and_reindexes(corpus):
    app = app_for(corpus)
    path = next((corpus / "articles").glob("undated-*.md"))
    body_before = path.read_bytes().split(b"\n---\n", 1)[1]
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await select_article(pilot, app, "undated")
        await pilot.press("e")
        assert isinstance(app.screen, EditMetadataScreen)
        app.screen.query_one("#edit-publisher").value = "Example News"
        app.screen.query_one("#edit-date").value = "2023-03-18"
        await pilot.press("ctrl+s")
        for _ in range(200):
            await pilot.pause(0.02)
            if any(a.date == dt.date(2023, 3, 18) for a in app.articles):
                break
        meta = next(a for a in app.articles if a.path.endswith(path.name))
        assert meta.publisher == "Example News" and meta.date == dt.date(2023, 3, 18)
    assert path.read_bytes().split(b"\n---\n", 1)[1] == body_before


async def test_bad_metadata_is_refused_with_a_message(corpus):
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("e")
        app.screen.query_one("#edit-date").value = "2023-02-30"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, EditMetadataScreen)
        assert "not a real YYYY-MM-DD" in str(app.screen.query_one("#edit-error").render())


async def test_paragraphs_are_lines_of_the_text_as_shown(corpus):
    from tui.core.articles import ArticleMeta

    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        reader = app.query_one(Reader)
        text = "First para. Still first.\nSecond para.\n\nThird para."
        reader.show(ArticleMeta(id="x", title="T"), text, [])
        assert [reader.paragraph_number(text.index(w)) for w in ("Still", "Second", "Third")] == [1, 2, 3]


async def test_paragraph_steps_cross_blank_lines(corpus):
    from tui.core.articles import ArticleMeta

    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        reader = app.query_one(Reader)
        text = "One. Two.\n\nThree. Four.\n\nFive."
        await pilot.pause(0.3)  # let the list's preview of the first article happen first
        reader.show(ArticleMeta(id="x", title="T"), text, [])
        reader.focus()
        await pilot.pause()
        await pilot.press("v")
        assert reader.selected_text() == "One."
        await pilot.press("right_curly_bracket")  # to the end of this paragraph
        assert reader.selected_text() == "One. Two."
        await pilot.press("right_curly_bracket")  # then the next, over the blank line
        assert reader.selected_text() == "One. Two.\n\nThree. Four."
        await pilot.press("right_curly_bracket")
        assert reader.selected_text().endswith("Five.")
        await pilot.press("left_curly_bracket")
        assert reader.selected_text() == "One. Two.\n\nThree. Four."


async def test_a_bad_url_keeps_the_form_and_what_was_typed(corpus):
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("e")
        app.screen.query_one("#edit-publisher").value = "Typed Publisher"
        app.screen.query_one("#edit-url").value = "not a url"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, EditMetadataScreen)
        assert "http" in str(app.screen.query_one("#edit-error").render())
        assert app.screen.query_one("#edit-publisher").value == "Typed Publisher"
