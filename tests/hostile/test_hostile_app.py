"""The app (Pilot) over the corpus holding every bad kind, and untrusted text on every surface.

One app run covers the whole hostile corpus: it starts, lists every problem with its file and
reason, loads and finds every article that can be used, and draws hostile titles, publishers
and bodies literally (markup), without control sequences, and with correct cell widths.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.conftest import article_text, write
from tests.hostile.kinds import (
    CJK_TITLE,
    EMOJI_TITLE,
    MARKUP_TITLE,
    WIDTH_PUBLISHER,
    outcome_failures,
    shown_path,
    simulated_faults,
    tokens,
)
from tui.app.app import CorpusExplorerApp
from tui.app.screens.help import HelpScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.widgets.article_list import DATE_WIDTH, PUBLISHER_WIDTH, ArticleList
from tui.app.widgets.query_box import QueryBox
from tui.app.widgets.reader import Reader
from tui.app.widgets.results_list import ResultsList
from tui.app.widgets.sidebar import Sidebar
from tui.app.widgets.status_bar import StatusBar
from tui.core.index import CorpusIndex
from tui.core.text import one_line

from tests.pilot_helpers import SIZE, lines, ready
from tests.pilot_helpers import search as run_search
CONTROL = {chr(c) for c in range(0x20) if c != 0x0A} | {chr(c) for c in range(0x7F, 0xA0)} | {"\u202e"}


def flat(widget) -> str:
    """The widget's visible text with wrapping undone (lines joined, runs of spaces as one)."""
    return " ".join(" ".join(lines(widget)).split())


def screen_text(app, selector: str = "Static") -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(selector))


def assert_clean(text: str) -> None:
    bad = sorted({repr(ch) for ch in text if ch in CONTROL})
    assert not bad, f"control characters on screen: {bad}"


async def open_article(pilot, app, path: str) -> Reader:
    """Move the list cursor onto the article: the reader previews it (as the keyboard does)."""
    articles = app.query_one(ArticleList)
    articles.focus()
    articles.cursor = next(i for i, a in enumerate(articles.articles) if a.path == path)
    reader = app.query_one(Reader)
    for _ in range(200):
        await pilot.pause(0.02)
        if reader.meta is not None and reader.meta.path == path:
            break
    await pilot.pause()
    assert reader.meta is not None and reader.meta.path == path
    reader.focus()
    return reader


async def toggle_facet(pilot, app, label: str) -> None:
    """Highlight the sidebar row showing label and press enter (as a user would)."""
    from textual.widgets import OptionList

    sidebar = app.query_one(Sidebar)
    rows = sidebar if isinstance(sidebar, OptionList) else sidebar.query_one(OptionList)
    index = next(
        i for i in range(rows.option_count)
        if not rows.get_option_at_index(i).disabled and label in str(rows.get_option_at_index(i).prompt)
    )
    rows.focus()
    rows.highlighted = index
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def reader_body_fits(reader: Reader) -> None:
    """Every visible body line shows exactly its wrapped slice of the text: nothing cropped."""
    width = reader.scrollable_content_region.width
    header = len(reader._header_lines)
    for y in range(reader.size.height):
        strip = reader.render_line(y)
        assert strip.cell_length == width
        index = y + int(reader.scroll_offset.y) - header
        if 0 <= index < len(reader._lines):
            start, end = reader._lines[index]
            expected = reader.text[start:end]
            assert cell_len(expected) <= reader._width
            assert strip.text.rstrip() == (" " + expected).rstrip()


async def test_app_over_every_bad_kind(big_corpus, monkeypatch):
    with simulated_faults(monkeypatch, big_corpus.made):
        app = CorpusExplorerApp(big_corpus.root)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot, app)
            assert app.index_state.startswith("built")
            assert outcome_failures(big_corpus.made, app.articles, app.problems) == []
            status = str(app.query_one(StatusBar).query_one("#status-text").render())
            assert f"{len(app.articles)} articles" in status and f"{len(app.problems)} problems" in status
            assert any("press p to see them" in n.message for n in app._notifications)

            # Every usable article is found, the good ones too.
            expected = tokens(big_corpus.made)
            await run_search(pilot, " OR ".join(expected))
            found = {h.path for h in app.query_one(ResultsList).hits}
            for token, kind in expected.items():
                assert found & set(big_corpus.made[kind.name]), f"{kind.name}: {token} not found"
            await run_search(pilot, "Cleverly")
            assert len(app.query_one(ResultsList).hits) == 2

            # Snippets: markup literal, no control characters.
            await run_search(pilot, "tokmarkup")
            results = "\n".join(lines(app.query_one(ResultsList)))
            assert "[@click=app.quit]Qu" in results and "[@click=app.quit]click[/]" in results
            assert "[@click=app.quit]Pu" in results  # the results pane is narrow: cut with …
            await run_search(pilot, "tokescapes")
            results = "\n".join(lines(app.query_one(ResultsList)))
            assert "Escapes in the title" in results and "EvilPub" in results
            assert_clean(results)

            # The reader: markup literal; control sequences gone; the text after an
            # unterminated OSC still there.
            reader = await open_article(pilot, app, "bad/markup.md")
            shown = flat(reader)
            assert "[@click=app.quit]Quit me[/] [link=https://evil.example]link[/link]" in shown
            assert "[@click=app.quit]Pub[/] [red]" in shown
            assert "[bold]bold[/bold], an unbalanced [/] and [/i] and [not a tag" in shown
            reader = await open_article(pilot, app, "bad/escapes.md")
            shown = flat(reader)
            assert_clean("".join(lines(reader)))
            assert "Escapes in the title" in shown and "EvilPub" in shown
            assert "next line tokescapesnext end" in shown
            assert_clean(shown)

            # Widths: right-to-left, CJK and emoji titles keep the columns aligned ...
            articles = app.query_one(ArticleList)
            await pilot.press("escape")
            articles.focus()
            width = articles.scrollable_content_region.width
            title_width = max(width - DATE_WIDTH - PUBLISHER_WIDTH - 4, 8)
            for path in ("bad/rtl.md", "bad/cjk.md", "bad/emoji.md"):
                articles.cursor = next(i for i, a in enumerate(articles.articles) if a.path == path)
                await pilot.pause()
                strip = articles.render_line(articles.cursor - int(articles.scroll_offset.y))
                assert strip.cell_length == width
                row = strip.text
                assert cell_len(row[: row.index(WIDTH_PUBLISHER)]) == 1 + DATE_WIDTH + 1 + title_width + 1, (path, row)
            # ... and the reader wraps them without cropping.
            for path, title in (("bad/cjk.md", CJK_TITLE[:10]), ("bad/emoji.md", EMOJI_TITLE[:8]),
                                ("bad/rtl.md", "مرحبا"), ("bad/long_line.md", "One line")):
                reader = await open_article(pilot, app, path)
                assert title in "\n".join(lines(reader))
                assert_clean("\n".join(lines(reader)))
                reader_body_fits(reader)
                if path == "bad/long_line.md":
                    await pilot.press("G")
                    reader_body_fits(reader)

            # Problems view: every problem, with its file and reason, as plain text.
            await pilot.press("escape", "escape", "p")
            assert isinstance(app.screen, ProblemsScreen)
            text = screen_text(app)
            for problem in app.problems:
                assert f"{shown_path(problem.path)}: {one_line(problem.reason)}" in text, problem
            assert_clean(text)
            await pilot.press("escape")

            # Help, sorting and a (harmless) filter over the hostile corpus.
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            assert_clean(screen_text(app))
            await pilot.press("escape", "s")  # by title: markup, CJK, emoji and RTL titles sorted
            assert app.sort == "title"
            await toggle_facet(pilot, app, "Kazinform")
            assert [a.publisher for a in articles.articles] == ["Kazinform", "Kazinform"]
            await pilot.press("escape")
            assert len(articles.articles) == len(app.articles)

            # The list itself: markup literal on its row.
            articles.cursor = next(i for i, a in enumerate(articles.articles) if a.path == "bad/markup.md")
            await pilot.pause()
            row = articles.render_line(articles.cursor - int(articles.scroll_offset.y)).text
            assert MARKUP_TITLE[:30] in row
            await pilot.click(ArticleList, offset=(20, 0))
            assert app.is_running

            # Last (it is the slowest to lay out): the 20 MB article opens, what was read of it.
            reader = await open_article(pilot, app, "bad/huge_20mb.md")
            assert "tokhuge" in "\n".join(lines(reader))
            await pilot.press("q")
        assert app.return_code == 0
    big_corpus.assert_untouched()


async def test_markup_in_a_query_error_is_plain_text(tmp_path):
    write(tmp_path / "a.md", article_text("a", "A", "zzword body"))
    app = CorpusExplorerApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await run_search(pilot, 'zzword "[@click=app.quit]x')
        box = app.query_one(QueryBox)
        assert box.has_class("-error")
        assert "quote" in str(box.query_one("#query-error").render())
        await run_search(pilot, "[@click=app.quit]x:y")
        assert "[@click=app.quit]x" not in str(box.query_one("#query-error").render()) or app.is_running
        await run_search(pilot, "zzword [@click=app.quit]x [link=https://e]y")
        assert app.is_running


# --- known failures in the app (tui/app/app.py): see docs/reliability.md ------------------------

MARKUP_CRASH = (
    "tui/app/app.py _update_titles() assigns a str to border_title, which Textual parses as "
    "content markup: a '[/]' in a publisher name (shown as 'filter: publisher: …') or in the query "
    "(shown as \"Results for '…'\") raises MarkupError and the app exits. Fix: assign "
    "Content(title) (textual.content.Content) or Text(title) instead of the str."
)



async def test_filter_on_a_publisher_with_markup(tmp_path):
    write(tmp_path / "a.md", article_text("a", "A", "zzword body", publisher="'[@click=app.quit]Pub[/] [red]'"))
    write(tmp_path / "b.md", article_text("b", "B", "zzword body", publisher="Other"))
    app = CorpusExplorerApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await toggle_facet(pilot, app, "[@click=app.quit]Pub")  # the row is cut to fit the sidebar
        assert app.is_running
        assert "[@click=app.quit]Pub[/] [red]" in app.query_one(ArticleList)._border_title.plain



async def test_search_for_text_with_a_closing_tag(tmp_path):
    write(tmp_path / "a.md", article_text("a", "A", "zzword body"))
    app = CorpusExplorerApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await run_search(pilot, "zzword [/]")
        await pilot.pause()
        assert app.is_running and app.outcome is not None


HOSTILE_MESSAGE = "[/] [@click=app.quit]boom[/] \x1b]52;c;cHduZWQ=\x1b\\ \x1b]0;PWNED\x1b\\ end"


async def test_index_failure_notification_is_literal(tmp_path, monkeypatch):
    """An index failure is shown as a notification; its markup is not interpreted."""
    write(tmp_path / "a.md", article_text("a", "A", "zzword body"))

    def fail(self, *args, **kwargs):
        raise RuntimeError(HOSTILE_MESSAGE)

    monkeypatch.setattr(CorpusIndex, "sync", fail)
    app = CorpusExplorerApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        assert app.index_state == "failed" and app.is_running
        messages = [n for n in app._notifications if "could not be built" in n.message]
        assert messages and not messages[0].markup
        assert "[@click=app.quit]boom[/]" in messages[0].message


async def test_index_failure_notification_has_no_escape_sequences(tmp_path, monkeypatch):
    write(tmp_path / "a.md", article_text("a", "A", "zzword body"))

    def fail(self, *args, **kwargs):
        raise RuntimeError(HOSTILE_MESSAGE)

    monkeypatch.setattr(CorpusIndex, "sync", fail)
    app = CorpusExplorerApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        for notification in app._notifications:
            assert "\x1b" not in notification.message


async def test_corpus_folder_name_with_escapes_in_the_header(tmp_path):
    root = tmp_path / "corpus\x1b]0;PWNED\x1b\\[@click=app.quit]x"
    write(root / "a.md", article_text("a", "A", "zzword body"))
    app = CorpusExplorerApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        header = str(app.query_one("HeaderTitle").render())
        assert "[@click=app.quit]x" in header
        assert "\x1b" not in header


@pytest.mark.parametrize("state", ["missing", "empty", "a file"])
async def test_app_opens_on_an_unusable_corpus_folder(state, tmp_path):
    root = tmp_path / "corpus"
    if state == "empty":
        root.mkdir()
    elif state == "a file":
        root.write_text("not a folder", encoding="utf-8")
    app = CorpusExplorerApp(root)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        assert app.articles == [] and app.is_running
        if state != "empty":
            assert [p.reason for p in app.problems] == ["corpus folder 'corpus' does not exist or is not a folder"]
        await run_search(pilot, "anything")
        assert app.is_running
        await pilot.press("q")
    if state == "missing":
        assert not root.exists()  # nothing created either
