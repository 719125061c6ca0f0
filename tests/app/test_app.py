"""Keyboard flows through Textual's Pilot, on a copy of the bundled corpus."""

from __future__ import annotations

from tests.conftest import article_text, write
from tests.pilot_helpers import SIZE, lines, ready, search
from tui.app.app import CorpusExplorerApp
from tui.app.screens.help import HelpScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.query_box import QueryBox
from tui.app.widgets.reader import Reader
from tui.app.widgets.results_list import ResultsList
from tui.app.widgets.sidebar import Sidebar


async def test_opens_on_the_corpus_and_moves(corpus):
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        articles = app.query_one(ArticleList)
        assert len(articles.articles) == 5 and app.focused is articles
        assert articles.current.date.isoformat() == "2025-02-28"  # newest first
        await pilot.press("j")
        assert articles.cursor == 1
        await pilot.press("G")
        assert articles.cursor == 4 and articles.current.date is None  # undated last
        await pilot.press("k", "g")
        assert articles.cursor == 0
        await pilot.press("enter")
        assert app.focused is app.query_one(Reader)
        assert app.query_one(Reader).meta == articles.current
        screen = "\n".join(lines(articles))
        assert "n.d." in screen and "unknown" in screen and "Kazinform" in screen


async def test_sort_cycles(corpus):
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("s")
        titles = [a.title for a in app.query_one(ArticleList).articles]
        assert app.sort == "title" and titles == sorted(titles, key=str.casefold)
        await pilot.press("s")
        assert app.sort == "publisher"
        assert app.query_one(ArticleList).articles[0].publisher == "Kazinform"
        await pilot.press("s")
        assert app.sort == "date"


async def test_facet_filters_the_list_and_escape_clears(corpus):
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        sidebar = app.query_one(Sidebar)
        sidebar.rows.focus()
        await pilot.pause()
        await pilot.press("g", "enter")
        await pilot.pause()  # the heading is skipped: the first publisher is Kazinform
        assert [a.publisher for a in app.query_one(ArticleList).articles] == ["Kazinform", "Kazinform"]
        assert "filter: publisher: Kazinform" in app.query_one(ArticleList).border_title
        await pilot.press("escape")
        assert len(app.query_one(ArticleList).articles) == 5


async def test_search_open_hit_and_step_through_matches(corpus):
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await search(pilot, "Cleverly")
        results = app.query_one(ResultsList)
        assert len(results.hits) == 2 and app.focused is results
        assert "2 hits" in results.border_title
        assert "search also matched: Cleverley, James Cleverley" in str(app.query_one("#status-text").render())
        results.cursor = next(i for i, h in enumerate(results.hits) if h.id.startswith("2023-03-14"))
        await pilot.press("enter")
        reader = app.query_one(Reader)
        assert app.focused is reader and reader.meta.id.startswith("2023-03-14")
        assert reader.match_count == 7 and reader.current_match == 0  # "James Cleverly" is one match
        first = reader.scroll_offset.y
        await pilot.press("n", "n", "n")
        assert reader.current_match == 3 and "match 4/7" in reader.border_title
        assert reader.scroll_offset.y >= first
        await pilot.press("N")
        assert reader.current_match == 2
        snippet_rows = "\n".join(lines(results))
        assert "Cleverly" in snippet_rows
        await pilot.press("escape")  # reader → results
        assert app.focused is results
        await pilot.press("escape")  # clears the search
        assert app.outcome is None and not results.display or not app.query_one("#middle").has_class("-searching")


async def test_bad_query_shows_a_message_and_keeps_going(corpus):
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await search(pilot, 'foo:bar "unclosed')
        box = app.query_one(QueryBox)
        assert box.has_class("-error")
        assert "quote" in str(box.query_one("#query-error").render())
        await search(pilot, "Vassilenko")
        assert not box.has_class("-error") and len(app.query_one(ResultsList).hits) == 3  # Vasilenko too


async def test_help_problems_and_quit(corpus):
    write(corpus / "articles" / "broken.md", b"\x00\x01binary")
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        assert len(app.problems) == 1
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "Next match" in help_text and "date:[2021 to 2023]" in help_text
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "p")
        assert isinstance(app.screen, ProblemsScreen)
        text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "broken.md" in text and "binary" in text
        await pilot.press("escape", "q")
    assert app.return_code == 0


async def test_markup_and_escapes_in_articles_are_plain_text(tmp_path):
    write(
        tmp_path / "evil.md",
        article_text("evil", '"[@click=app.quit]x[/] [link=http://e]y[/link]"', "Body [bold]z[/] \x1b]52;c;aGk=\x07 end"),
    )
    app = CorpusExplorerApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        row = lines(app.query_one(ArticleList))[0]
        assert "[@click=app.quit]x[/]" in row
        await pilot.press("enter")
        reader_text = "\n".join(lines(app.query_one(Reader)))
        assert "[@click=app.quit]x[/] [link=http://e]y[/link]" in reader_text
        assert "Body [bold]z[/]  end" in reader_text and "\x1b" not in reader_text
        await pilot.click(ArticleList, offset=(20, 0))
        assert app.is_running


async def test_palette_has_the_app_commands(corpus):
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Sort by title", "Show problems", "Rebuild index", "Keys and search syntax"):
            assert wanted in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"


async def test_empty_corpus_opens(tmp_path):
    app = CorpusExplorerApp(tmp_path / "missing")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        assert app.articles == [] and len(app.problems) == 1
        await search(pilot, "anything")
        assert app.is_running


async def test_keymap_from_config_rebinds_and_the_footer_shows_it(corpus):
    from textual.widgets import Footer

    from tui.core.config import parse_config
    from tui.app.app import binding_ids

    config, problems = parse_config("keymap:\n  app.search: ctrl+s\n  app.sort: o\n", binding_ids())
    assert problems == []
    app = CorpusExplorerApp(corpus, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        footer_keys = [item.key for item in app.query_one(Footer).query("FooterKey")]
        assert "ctrl+s" in footer_keys and "o" in footer_keys and "slash" not in footer_keys
        await pilot.press("o")
        assert app.sort == "title"
        await pilot.press("ctrl+s")
        assert app.focused is app.query_one(QueryBox).input
        await pilot.press("escape", "question_mark")
        help_text = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "^s" in help_text and "app.search" in help_text


async def test_bad_config_is_reported_and_the_app_opens(corpus):
    from tui.core.config import parse_config

    config, problems = parse_config("sort: [oops\n")
    app = CorpusExplorerApp(corpus, config=config, config_problems=problems)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        messages = [n.message for n in app._notifications]
        assert any("YAML error at line" in m for m in messages)
        assert len(app.articles) == 5


async def test_theme_is_remembered(corpus):
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        app.theme = "nord"
        await pilot.pause()
    again = CorpusExplorerApp(corpus)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot, again)
        assert again.theme == "nord"


async def focus_entity(pilot, app, name: str) -> None:
    sidebar = app.query_one(Sidebar)
    sidebar.query_one("#sidebar-filter").value = name
    await pilot.pause()
    sidebar.rows.focus()
    sidebar.rows.action_first()
    await pilot.pause()


async def test_entity_filters_combine_and_escape_clears(corpus):
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await focus_entity(pilot, app, "Vassilenko")
        await pilot.press("enter")
        ids = {a.id[:10] for a in app.query_one(ArticleList).articles}
        assert ids == {"2023-10-03", "2025-02-28", "undated-lo"}
        await focus_entity(pilot, app, "Cleverly")
        await pilot.press("space")
        assert [a.id[:10] for a in app.query_one(ArticleList).articles] == ["undated-lo"]  # AND
        assert "Roman Vassilenko + James Cleverly" in app.query_one(ArticleList).border_title or \
            "James Cleverly + Roman Vassilenko" in app.query_one(ArticleList).border_title
        await search(pilot, "Moscow")
        assert [h.id[:10] for h in app.query_one(ResultsList).hits] == ["undated-lo"]
        await pilot.press("escape")  # clears the search
        assert app.outcome is None and app.filters
        app.query_one(ArticleList).focus()
        await pilot.press("escape")  # then the filters
        assert not app.filters and len(app.query_one(ArticleList).articles) == 5


async def test_mentions_in_context_and_co_occurrence(corpus):
    from textual.widgets import OptionList

    from tui.app.screens.mentions import MentionsScreen

    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await focus_entity(pilot, app, "Vasilenko")
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MentionsScreen) and screen.entity.name == "Roman Vassilenko"
        for _ in range(500):
            await pilot.pause(0.02)
            if screen.contexts:
                break
        assert len(screen.contexts) == 9
        assert {screen.contexts[i].meta.date_label for i in range(9)} == {"2025-02-28", "2023-10-03", "n.d."}
        co = screen.query_one("#co-list", OptionList)
        assert "Kazakhstan" in str(co.get_option_at_index(0).prompt)
        last = screen.contexts[-1]
        assert last.sentence[last.spans[0][0]:last.spans[0][1]] == "Vasilenko"
        screen.query_one("#mention-list", OptionList).focus()
        await pilot.press("end", "enter")
        reader = app.query_one(Reader)
        assert app.screen is not screen and reader.meta.id.startswith("undated")
        s, e = reader.spans[reader.current_match]
        assert reader.text[s:e] == "Vasilenko" and s == last.offset


async def test_escape_cancels_a_running_build_and_the_rest_is_kept(tmp_path):
    from tui.core import index as index_module

    for n in range(120):
        write(tmp_path / f"a{n:03}.md", article_text(f"a{n:03}", f"Article {n}", f"Body number {n} of many."))
    app = CorpusExplorerApp(tmp_path)
    original = index_module.CorpusIndex._index_one

    def slow_index_one(self, *args):
        import time

        time.sleep(0.01)
        return original(self, *args)

    index_module.CorpusIndex._index_one = slow_index_one
    try:
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(200):
                await pilot.pause(0.02)
                if app.building and "indexing" in app.index_state:
                    break
            assert app.building
            await pilot.press("escape")
            for _ in range(200):
                await pilot.pause(0.02)
                if not app.building:
                    break
            assert app.index_state.startswith("partial") and 0 < len(app.articles) < 120
    finally:
        index_module.CorpusIndex._index_one = original
    again = articles_after_next_start(tmp_path)
    assert again == 120  # the next start finishes the job


def articles_after_next_start(root) -> int:
    from tui.core.index import CorpusIndex

    idx = CorpusIndex(root)
    report = idx.sync()
    assert not report.rebuilt
    return len(idx.articles)


async def test_palette_filters_by_publisher(corpus):
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Filter by publisher: Kazinform")
        command.callback()
        await pilot.pause()
        assert [a.publisher for a in app.query_one(ArticleList).articles] == ["Kazinform", "Kazinform"]


async def test_sidebar_letters_start_the_typeahead(corpus):
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        sidebar = app.query_one(Sidebar)
        sidebar.rows.focus()
        await pilot.pause()
        await pilot.press("s", "t", "a", "r")  # s would sort anywhere else
        assert app.sort == "date"
        assert sidebar.query_one("#sidebar-filter").value == "star"
        await pilot.press("enter", "m")
        assert app.screen.__class__.__name__ == "MentionsScreen" and app.screen.entity.name == "Keir Starmer"


async def test_results_follow_the_search_box_as_you_type(corpus):
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("slash", *"Cleverly")
        box = app.query_one(QueryBox)
        for _ in range(500):
            await pilot.pause(0.02)
            if app.outcome is not None:
                break
        assert app.outcome is not None and app.outcome.text == "Cleverly" and app.outcome.total == 2
        assert app.focused is box.input  # typing goes on where it was
        assert len(app.query_one(ResultsList).hits) == 2
        # A half-typed query leaves the last results and shows no error until enter.
        await pilot.press("space", "quotation_mark", *"Strat")
        await pilot.pause(0.6)
        assert app.outcome.text == "Cleverly" and not box.has_class("-error")
        await pilot.press("enter")
        for _ in range(500):
            await pilot.pause(0.02)
            if box.has_class("-error"):
                break
        assert box.has_class("-error")
        await pilot.press("quotation_mark", "enter")
        for _ in range(500):
            await pilot.pause(0.02)
            if app.outcome.text == 'Cleverly "Strat"':
                break
        assert app.focused is app.query_one(ResultsList)  # enter moves to the results


async def test_search_as_you_type_can_be_turned_off(corpus):
    from tui.core.config import Config

    app = CorpusExplorerApp(corpus, config=Config(search_as_you_type=False))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("slash", *"Cleverly")
        await pilot.pause(0.8)
        assert app.outcome is None
        await pilot.press("enter")
        for _ in range(500):
            await pilot.pause(0.02)
            if app.outcome is not None:
                break
        assert app.outcome.total == 2


async def test_a_big_cached_list_is_read_by_the_worker(corpus, monkeypatch):
    """Over PRELOAD_MANIFEST_BYTES the cached list arrives from the worker, not before the
    first frame; either way the app opens on it and the folder check follows."""
    from tui.app import app as app_module
    from tui.core.index import CorpusIndex

    CorpusIndex(corpus).sync()
    monkeypatch.setattr(app_module, "PRELOAD_MANIFEST_BYTES", 0)
    seen = []
    real = CorpusExplorerApp.on_manifest_loaded

    def on_manifest_loaded(self, message):
        seen.append(len(message.articles))
        real(self, message)

    monkeypatch.setattr(CorpusExplorerApp, "on_manifest_loaded", on_manifest_loaded)
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        assert seen == [5] and app.index_state == "ready (cached)"
        assert len(app.query_one(ArticleList).articles) == 5


async def test_a_small_cached_list_is_in_the_first_frame(corpus):
    from tui.core.index import CorpusIndex

    CorpusIndex(corpus).sync()
    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        assert len(app.query_one(ArticleList).articles) == 5  # before the worker has said anything
        await ready(pilot, app)
        assert app.index_state == "ready (cached)"


async def test_changes_made_outside_are_found_on_ctrl_r_and_on_regaining_focus(corpus, monkeypatch):
    from textual import events

    from tui.app import app as app_module

    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        write(corpus / "articles" / "new.md", article_text("new", "Zebra crossing", "A zebra story."))
        await pilot.press("ctrl+r")
        for _ in range(200):
            await pilot.pause(0.02)
            if len(app.articles) == 6:
                break
        assert len(app.articles) == 6 and app.index_state.startswith("updated (1 added")
        (corpus / "articles" / "new.md").unlink()
        monkeypatch.setattr(app_module, "REFOCUS_CHECK_AFTER", 3600.0)
        app.post_message(events.AppFocus())  # too soon after the last check: nothing happens
        await pilot.pause(0.3)
        assert len(app.articles) == 6
        monkeypatch.setattr(app_module, "REFOCUS_CHECK_AFTER", 0.0)
        app.post_message(events.AppFocus())  # back from another window
        for _ in range(200):
            await pilot.pause(0.02)
            if len(app.articles) == 5:
                break
        assert len(app.articles) == 5 and "1 removed" in app.index_state
