"""The Textual app: panes, keys and workers. All corpus logic is in tui.core."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import get_current_worker

from tui.app.messages import (
    EntitiesMerged,
    IndexFailed,
    IndexProgressed,
    IndexSynced,
    ManifestLoaded,
    SearchFinished,
)
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.query_box import QueryBox
from tui.app.widgets.reader import Reader
from tui.app.widgets.results_list import ResultsList
from tui.app.widgets.row_list import RowList
from tui.app.widgets.sidebar import FacetList, Sidebar
from tui.app.widgets.status_bar import StatusBar
from tui.core.config import Config
from tui.core.facets import SORTS, Filters, count_facets, sort_articles
from tui.core.state import load_state, save_state
from tui.core.text import one_line, strip_control

# Everything else is imported where it is first used, so the first frame does not wait for
# Whoosh, the entity extractor, the citation styles or the dialogs
# (tests/app/test_lazy_imports.py keeps it so).
if TYPE_CHECKING:
    from tui.app.screens.citation import Choice
    from tui.core.articles import ArticleMeta
    from tui.core.entity_store import EntityTable
    from tui.core.index import CorpusIndex
    from tui.core.loading import Problem
    from tui.core.mentions import MentionInContext
    from tui.core.search import SearchOutcome, Snippet

PREVIEW_DELAY = 0.08  # seconds the list cursor rests before the reader follows it
PRELOAD_MANIFEST_BYTES = 1 << 20  # a cached list this small is read before the first frame
REFOCUS_CHECK_AFTER = 2.0  # seconds since the last sync before regaining focus checks the folder
LIVE_SEARCH_DELAY = 0.3  # seconds of no typing before the results follow the search box


def search(index: CorpusIndex, text: str, **options) -> SearchOutcome:
    """tui.core.search.search, imported by the first search (in its worker)."""
    from tui.core.search import search as search_index

    return search_index(index, text, **options)


class CorpusExplorerApp(App[None]):
    TITLE = "corpus-explorer"
    CSS_PATH = "app.tcss"
    AUTO_FOCUS = "#articles"  # focused from the start: no second focus change (and footer rebuild)
    # Below 120 columns the panes stack and the filters hide until asked for (f).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="app.search"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("n", "next_match", "Next match", id="app.next_match"),
        Binding("N", "previous_match", "Prev match", id="app.previous_match"),
        Binding("s", "cycle_sort", "Sort", id="app.sort"),
        Binding("f", "toggle_sidebar", "Filters", id="app.toggle_sidebar"),
        Binding("c", "cite", "Cite", id="app.cite"),
        Binding("C", "citation_panel", "Cite as…", id="app.citation_panel"),
        Binding("e", "edit_metadata", "Edit", id="app.edit_metadata"),
        Binding("p", "problems", "Problems", id="app.problems"),
        Binding("escape", "back", "Back", id="app.back"),
        Binding("ctrl+r", "check_changes", "Check for changes", show=False, id="app.check_changes"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_always"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="app.next_pane"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="app.previous_pane"),
    ]

    def __init__(
        self,
        corpus: Path,
        rebuild: bool = False,
        cache_dir: Path | None = None,
        config: Config | None = None,
        config_problems: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.config_problems = list(config_problems or [])
        from tui.core.index import CorpusIndex

        self.index = CorpusIndex(corpus, cache_dir=cache_dir)
        self.rebuild_on_start = rebuild
        self.articles: list[ArticleMeta] = []
        self.problems: list[Problem] = []
        self.filters = Filters()
        self.sort = self.config.sort
        self.outcome: SearchOutcome | None = None
        self.entity_table: EntityTable | None = None
        self.members: dict[str, set[str]] = {}  # entity key -> ids of the articles that mention it
        self.merging_entities = False  # the sidebar's entity table is being merged after a change
        self.marked: set[str] = set()  # paths of the articles marked with space
        self.last_copied: str | None = None
        state_choice = load_state().get("citation_choice")
        self.citation_choice: Choice | None = tuple(state_choice) if isinstance(state_choice, list) else None
        self.index_state = "opening"
        self.indexed = False
        self.pending_query: str | None = None
        self._live_timer = None  # the pause before a search as you type
        self._list_drawn = threading.Event()  # set once the cached article list has been painted
        self._syncing = False  # a sync worker is running
        self._last_sync: float | None = None  # when the last one ended (monotonic)
        self.building = False  # an index build or update is running
        self._cancel = threading.Event()
        self._snippets: dict[str, Snippet] = {}
        self._preview_timer = None
        self.sub_title = one_line(Path(corpus).name)

    # --- layout ----------------------------------------------------------------------------

    def on_load(self) -> None:
        # A small cached list (a few milliseconds to read) is read here, so that the first
        # frame shows it; a big one is read by the worker while an empty frame is drawn.
        preloaded = False
        if not self.rebuild_on_start and self.index.manifest_size() <= PRELOAD_MANIFEST_BYTES:
            preloaded = self.index.load_manifest()
            if preloaded:
                self.articles = self.index.articles
                self.indexed = True
                self.index_state = "checking for changes"
        self.sync_index(self.rebuild_on_start, preloaded=preloaded)

    def get_default_screen(self) -> Screen:
        # The breakpoint class for the starting width, which Textual would only add on the first
        # resize event, styling every widget a second time.
        screen = super().get_default_screen()
        width = self.size.width
        screen.add_class(next(name for edge, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True) if width >= edge))
        return screen

    def compose(self) -> ComposeResult:
        yield Header()
        yield QueryBox(id="query-box")
        with Horizontal(id="main"):
            yield Sidebar(id="sidebar")
            with Vertical(id="middle"):
                yield ArticleList(id="articles")
                yield ResultsList(id="results")
            yield Reader(id="reader")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self._apply_settings()
        self.query_one(ArticleList).marked = self.marked
        self.query_one(ResultsList).marked = self.marked
        self.query_one("#sidebar").border_title = "Filters"
        self.query_one("#reader").border_title = "Reader"
        if self.articles:  # read in on_load
            self._refresh_views()
            self.call_after_refresh(self._list_drawn.set)
        else:
            self._update_titles()
            self._update_status()
        self.query_one(ArticleList).focus()

    def _apply_settings(self) -> None:
        """Keymap and theme from the config (a theme picked in the app is remembered and wins)."""
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        theme = load_state().get("theme") or self.config.theme
        if theme in self.available_themes:
            self.theme = theme
        else:
            self.config_problems.append(f"config.yaml: setting 'theme': unknown theme {theme!r}; using the default")
        self.theme_changed_signal.subscribe(self, lambda theme: save_state(theme=theme.name))
        for problem in self.config_problems:
            self.notify(one_line(problem), title="Settings", severity="warning", timeout=10, markup=False)

    # --- workers ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="sync")
    def sync_index(self, rebuild: bool = False, paths: list[str] | None = None, preloaded: bool = False) -> None:
        """Bring the index up to date (only `paths` when given: files the app itself changed).

        The list and search are ready once the index is; the entity table, which a change
        makes stale and a large corpus takes seconds to merge, follows in its own message."""
        if self.is_running:
            self._cancel.clear()  # a cancel applies to the build that was running, not the next one
        self._syncing = True
        try:

            def progress(done: int, total: int, stage: str) -> None:
                self.post_message(IndexProgressed(done, total, stage))

            if paths is not None:
                report = self.index.sync_paths(paths, progress=progress)
            else:
                loaded = preloaded
                if not rebuild and not preloaded and self.index.load_manifest():
                    self.post_message(ManifestLoaded(self.index.articles))
                    loaded = True
                if loaded:
                    # The folder check (Whoosh import, scan) would compete with the UI thread
                    # for the interpreter lock: let the cached list reach the screen first.
                    self._list_drawn.wait(timeout=1.0)
                report = self.index.sync(progress=progress, rebuild=rebuild, cancel=self._cancel)
            self.post_message(IndexSynced(report, self.index.articles, self.index.problems))
            if not self.index.entity_store.table_is_current():
                self.post_message(IndexProgressed(0, 0, "merging entities"))
            table = self.index.entities
            self.index.expander()  # built here, off the UI thread
            self.post_message(EntitiesMerged(table))
        except Exception as exc:  # noqa: BLE001 - shown to the user; the app stays up
            self.post_message(IndexFailed(f"{exc.__class__.__name__}: {exc}"))
        finally:
            self._syncing = False
            self._last_sync = time.monotonic()

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, text: str, live: bool = False) -> None:
        # exclusive: a newer search (the next keystroke) cancels this one's result
        outcome = search(self.index, text, expander=self.index.expander())
        if not get_current_worker().is_cancelled:
            self.post_message(SearchFinished(outcome, live))

    # --- worker results ----------------------------------------------------------------------

    def on_manifest_loaded(self, message: ManifestLoaded) -> None:
        self.articles = message.articles
        self.indexed = True
        self.index_state = "checking for changes"
        # The list first: the sidebar's counts are drawn in the frame after it.
        self._refresh_views(sidebar=False)
        self.call_after_refresh(self._refresh_sidebar)
        self.call_after_refresh(self._list_drawn.set)

    def on_index_progressed(self, message: IndexProgressed) -> None:
        if message.stage == "merging entities":  # after IndexSynced: searchable already
            self.merging_entities = True
            self._update_status()
            return
        self.building = message.stage not in ("ready",)
        if message.total:
            self.index_state = f"{message.stage} {message.done}/{message.total}"
            self.query_one(StatusBar).progress(message.done, message.total)
        else:
            self.index_state = message.stage
        self._update_status()

    def on_index_synced(self, message: IndexSynced) -> None:
        report = message.report
        self.building = False
        self.query_one(StatusBar).idle()
        self.articles = message.articles
        self.problems = message.problems
        self.indexed = self.index.index_exists()
        if report.recovered:
            self.notify(one_line(report.recovered), title="Index", severity="warning", markup=False)
        if report.read_only:
            self.index_state = "read-only"
            self.notify(one_line(report.read_only), title="Index", severity="warning", markup=False)
        elif report.cancelled:
            self.index_state = "partial (indexing cancelled)"
        elif report.rebuilt:
            self.index_state = f"built in {report.seconds:.1f} s"
        elif report.touched:
            self.index_state = f"updated ({report.added} added, {report.changed} changed, {report.removed} removed)"
        else:
            self.index_state = "ready (cached)"
        self._refresh_views()
        if self.problems and (report.rebuilt or report.touched):
            self.notify(
                f"{len(self.problems)} file problem(s); press p to see them.", title="Corpus", severity="warning", markup=False
            )
        if self.pending_query is not None:
            text, self.pending_query = self.pending_query, None
            self.run_search(text)
        elif self.outcome is not None and report.touched:
            self.run_search(self.outcome.text)  # the index changed under the results

    def on_entities_merged(self, message: EntitiesMerged) -> None:
        from tui.core.entity_store import entity_key

        table = message.entities
        self.entity_table = table
        self.members = {entity_key(e): set(e.articles) for e in table.entities + table.figures}
        self.filters = Filters(frozenset(k for k in self.filters.selected if k[0] != "entity" or k[1] in self.members))
        self.merging_entities = False
        self._refresh_views()

    def on_index_failed(self, message: IndexFailed) -> None:
        self.query_one(StatusBar).idle()
        self.index_state = "failed"
        self._update_status()
        self.notify(one_line(f"The index could not be built: {message.reason}"), title="Index", severity="error", markup=False)

    def on_search_finished(self, message: SearchFinished) -> None:
        outcome = message.outcome
        box = self.query_one(QueryBox)
        if message.live and (outcome.error or box.value.strip() != outcome.text):
            return  # half-typed ("unclosed quote) or already retyped: errors wait for enter
        if outcome.error:
            box.show_error(outcome.error)
            return
        box.show_error(None)
        self.outcome = outcome
        self._snippets.clear()
        self.query_one("#middle").add_class("-searching")
        self._refresh_results()
        self._update_status()
        results = self.query_one(ResultsList)
        if not message.live:
            results.focus()
        if results.current is not None:
            self._open(results.current, focus=False)
        else:
            reader = self.query_one(Reader)
            if reader.meta is not None:  # no hits: the old query's matches must not linger
                self._open(reader.meta, focus=False)
            simple = outcome.text.split()
            if len(simple) == 1 and simple[0].isalpha():
                results.empty_message = f"No hits. Misspelt? Try a fuzzy search: {simple[0]}~"
            else:
                results.empty_message = "No hits."
            results.refresh()

    # --- views -----------------------------------------------------------------------------

    def _visible_articles(self) -> list[ArticleMeta]:
        chosen = [a for a in self.articles if self.filters.accepts(a, self.members)] if self.filters else self.articles
        return sort_articles(chosen, self.sort)

    def _refresh_views(self, sidebar: bool = True) -> None:
        article_list = self.query_one(ArticleList)
        keep = article_list.current.path if article_list.current else None
        article_list.show(self._visible_articles(), keep=keep)
        if sidebar:
            self._refresh_sidebar()
        if self.outcome is not None:
            self._refresh_results()
        self._update_titles()
        self._update_status()
        article_list.empty_message = (
            f"No articles match {self.filters.describe()}; escape clears the filters." if self.filters else "No articles (yet)."
        )
        if not self.articles and self.index_state != "opening":
            self.query_one(Reader).clear("This corpus has no articles that could be loaded. Press p for problems.")

    def _refresh_sidebar(self) -> None:
        self.query_one(Sidebar).show(count_facets(self.articles), self.entity_table, self.filters)

    def _refresh_results(self) -> None:
        from tui.core.search import match_spans

        outcome = self.outcome
        if outcome is None:
            return
        by_path = {a.path: a for a in self.articles}
        hits = [
            by_path[h.path] for h in outcome.hits
            if h.path in by_path and self.filters.accepts(by_path[h.path], self.members)
        ]
        words = outcome.words
        self.query_one(ResultsList).show(hits, self._snippet_for, lambda title: match_spans(title, words))
        self._update_titles()

    def _update_titles(self) -> None:
        article_list = self.query_one(ArticleList)
        title = f"Articles {len(article_list.articles)}"
        if len(article_list.articles) != len(self.articles):
            title += f" of {len(self.articles)}"
        title += f" · sort: {self.sort} (s)"
        if self.filters:
            title += f" · filter: {self.filters.describe()} (esc clears)"
        article_list.border_title = Content(title)  # never markup: it holds publisher names and queries
        results = self.query_one(ResultsList)
        if self.outcome is not None:
            shown = len(results.hits)
            total = self.outcome.total
            extra = f" ({total - shown} hidden by filters)" if shown < min(total, len(self.outcome.hits)) else ""
            title = (
                f"Results for {self.outcome.text!r}: {total} hit{'s' if total != 1 else ''}{extra}"
                f" in {self.outcome.seconds * 1000:.0f} ms"
            )
            results.border_title = Content(title)
        self._update_status()

    def _update_status(self) -> None:
        parts = []
        if self.marked:
            parts.append(f"{len(self.marked)} marked (c cites them, esc unmarks)")
        if self.outcome is not None and self.outcome.expansions:
            also = sorted({s for _, spellings in self.outcome.expansions for s in spellings})
            parts.append("search also matched: " + ", ".join(one_line(a) for a in also))
        if self.outcome is not None:
            parts += [one_line(note) for note in self.outcome.notes]  # e.g. a prefix that was capped
        if self.merging_entities:
            parts.append("merging entities…")
        extra = " · ".join(parts)
        self.query_one(StatusBar).show(len(self.articles), self.index_state, len(self.problems), extra)

    def _snippet_for(self, meta: ArticleMeta) -> Snippet:
        if meta.path not in self._snippets:
            from tui.core.search import make_snippet, match_spans

            text = self._display_text(meta)[0]
            words = self.outcome.words if self.outcome else frozenset()
            self._snippets[meta.path] = make_snippet(text, match_spans(text, words))
        return self._snippets[meta.path]

    def _display_text(self, meta: ArticleMeta) -> tuple[str, str]:
        """The article's text as shown (boilerplate hidden), and a notice when it could not be read."""
        try:
            article, problems = self.index.read(meta)
        except Exception as exc:  # noqa: BLE001
            return "", f"Could not read {meta.path}: {exc}"
        if article is None:
            return "", "Could not read the file: " + "; ".join(p.reason for p in problems)
        return self.index.boilerplate.clean(article.body), ""

    def _open(self, meta: ArticleMeta, focus: bool) -> None:
        from tui.core.search import match_spans

        text, notice = self._display_text(meta)
        words = self.outcome.words if self.outcome else frozenset()
        reader = self.query_one(Reader)
        reader.show(meta, text, match_spans(text, words), notice=notice)
        if focus:
            reader.focus()

    # --- widget messages -------------------------------------------------------------------------

    def on_article_list_article_highlighted(self, message: ArticleList.ArticleHighlighted) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        meta = message.meta
        self._preview_timer = self.set_timer(PREVIEW_DELAY, lambda: self._preview(meta))

    def _preview(self, meta: ArticleMeta) -> None:
        # The timer may fire while a modal screen is up or the app is closing.
        if self.is_running and self.screen.query(Reader):
            self._open(meta, focus=False)

    def on_article_list_article_chosen(self, message: ArticleList.ArticleChosen) -> None:
        self._open(message.meta, focus=True)

    def on_results_list_hit_chosen(self, message: ResultsList.HitChosen) -> None:
        self._open(message.meta, focus=True)

    def on_reader_match_moved(self, message: Reader.MatchMoved) -> None:
        reader = self.query_one(Reader)
        title = "Reader"
        if message.total:
            title += f" · match {message.index + 1}/{message.total} (n/N)"
        span = reader.selected_span
        if span is not None:
            first, last = reader.selection
            title += f" · quote: {last - first + 1} sentence(s) from para. {reader.paragraph_number(span[0])} — ) }} extend, y copies"
        reader.border_title = Content(title)

    def on_sidebar_filter_toggled(self, message: Sidebar.FilterToggled) -> None:
        self.filters = self.filters.toggle(message.key)
        self._refresh_views()

    def on_sidebar_mentions_requested(self, message: Sidebar.MentionsRequested) -> None:
        if self.entity_table is None:
            return
        from tui.app.screens.mentions import MentionsScreen

        self.push_screen(MentionsScreen(self.index, self.entity_table, message.entity), self._open_mention)

    def _open_mention(self, context: MentionInContext | None) -> None:
        if context is None:
            return
        text, notice = self._display_text(context.meta)
        reader = self.query_one(Reader)
        reader.show(context.meta, text, list(context.article_spans), notice=notice, at=context.offset)
        reader.focus()

    def on_query_box_query_edited(self, message: QueryBox.QueryEdited) -> None:
        """Search as you type: after a pause in typing, in the search worker (a newer
        keystroke restarts the pause, and a newer search discards an older one's result)."""
        if self._live_timer is not None:
            self._live_timer.stop()
            self._live_timer = None
        text = message.text.strip()
        if not self.config.search_as_you_type or not text or not self.indexed or len(text) < 2:
            return
        self._live_timer = self.set_timer(LIVE_SEARCH_DELAY, lambda: self._live_search(text))

    def _live_search(self, text: str) -> None:
        self._live_timer = None
        if self.query_one(QueryBox).value.strip() == text and (self.outcome is None or self.outcome.text != text):
            self.run_search(text, live=True)

    def on_query_box_search_submitted(self, message: QueryBox.SearchSubmitted) -> None:
        if self._live_timer is not None:
            self._live_timer.stop()
            self._live_timer = None
        text = message.text.strip()
        if not text:
            self.action_clear_search()
            return
        if not self.indexed:
            self.pending_query = text
            self.notify("The index is still being built; the search will run when it is ready.", markup=False)
            return
        self.run_search(text)

    def on_row_list_mark_toggled(self, message: RowList.MarkToggled) -> None:
        self.marked ^= {message.key}
        self.query_one(ArticleList).refresh()
        self.query_one(ResultsList).refresh()
        self._update_status()

    def on_reader_quote_chosen(self, message: Reader.QuoteChosen) -> None:
        from tui.core.cite import cite_quote

        style = self.config.citation_style if self.config.citation_style in ("apa", "mla", "chicago", "harvard") else "apa"
        text = cite_quote(message.text, message.meta, style, message.paragraph)
        self.copy_out(text, f"Quotation with {style.upper() if style == 'apa' else style.title()} citation")

    # --- citing and copying ------------------------------------------------------------------

    def _current_article(self) -> ArticleMeta | None:
        """The article a citation is about: the reader's when it has focus, else the highlighted row."""
        focused = self.focused
        reader = self.query_one(Reader)
        if isinstance(focused, Reader) and reader.meta is not None:
            return reader.meta
        if isinstance(focused, ResultsList) and focused.current is not None:
            return focused.current
        return self.query_one(ArticleList).current or reader.meta

    def _citation_targets(self) -> list[ArticleMeta]:
        if self.marked:
            return [a for a in self.articles if a.path in self.marked]
        current = self._current_article()
        return [current] if current else []

    def action_cite(self) -> None:
        """c: the quote when a passage is selected, else the marked articles or the current one."""
        reader = self.query_one(Reader)
        if reader.selection is not None and self.focused is reader:
            reader.action_copy_quote()
            return
        metas = self._citation_targets()
        if not metas:
            self.notify("No article to cite.", severity="warning", markup=False)
            return
        from tui.app.screens.citation import choice_label
        from tui.core.cite import cite

        style = self.config.citation_style
        what = f"bibliography of {len(metas)} marked articles" if len(metas) > 1 else "citation"
        self.copy_out(cite(metas, style), f"{choice_label((style, False))} {what}")

    def action_citation_panel(self) -> None:
        metas = self._citation_targets()
        if not metas:
            self.notify("No article to cite.", severity="warning", markup=False)
            return
        from tui.app.screens.citation import CitationScreen, choice_label
        from tui.core.cite import cite

        def chosen(choice: Choice | None) -> None:
            if choice is None:
                return
            self.citation_choice = choice
            save_state(citation_choice=list(choice))
            self.copy_out(cite(metas, choice[0], in_text_form=choice[1]), choice_label(choice))

        self.push_screen(CitationScreen(metas, self.citation_choice), chosen)

    def action_edit_metadata(self, meta: ArticleMeta | None = None) -> None:
        meta = meta or self._current_article()
        if meta is None:
            return
        from tui.app.screens.edit_metadata import EditMetadataScreen

        def save(changes: dict | None) -> None:
            if changes is None:
                return
            from tui.core.metadata_edit import update_metadata

            try:
                update_metadata(self.index.corpus, meta.path, changes)
            except (ValueError, OSError) as exc:
                self.notify(one_line(f"Not saved: {exc}"), title="Edit", severity="error", markup=False)
                return
            self.notify(one_line(f"Saved {meta.path}; updating the index."), title="Edit", markup=False)
            self.sync_index(False, paths=[meta.path])

        self.push_screen(EditMetadataScreen(meta), save)

    def copy_out(self, text: str, what: str) -> None:
        self.last_copied = text
        self.copy_worker(text, what)

    @work(thread=True, group="copy")
    def copy_worker(self, text: str, what: str) -> None:
        """Clipboard tools may hang: they run here, with a timeout, never on the UI thread."""
        from tui.core.clipboard import copy as copy_text

        result = copy_text(
            text, self.config.clipboard, osc52_writer=lambda t: self.call_from_thread(self.copy_to_clipboard, t)
        )
        preview = strip_control(text if len(text) <= 300 else text[:300] + "…")
        self.call_from_thread(
            self.notify, f"{preview}\n\n{result.message}", title=f"Copied: {what}", timeout=8, markup=False
        )

    # --- actions ------------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one(QueryBox).input.focus()

    def action_next_match(self) -> None:
        if not self.query_one(Reader).next_match(1):
            self.bell()

    def action_previous_match(self) -> None:
        if not self.query_one(Reader).next_match(-1):
            self.bell()

    def action_cycle_sort(self) -> None:
        self.set_sort(SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)])

    def set_sort(self, order: str) -> None:
        self.sort = order
        self._refresh_views()
        self.notify(f"Sorted by {order}", timeout=1.5, markup=False)

    def action_problems(self) -> None:
        from tui.app.screens.problems import ProblemsScreen

        self.push_screen(ProblemsScreen(self.problems))

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self):
        """The bindings as they are now (the keymap from config.yaml applied)."""
        keymap = self.config.keymap

        def live(bindings):
            return [replace(b, key=keymap[b.id]) if b.id in keymap else b for b in bindings]

        return [(title, live(bindings)) for title, bindings in self._binding_sections()]

    def _binding_sections(self):
        from tui.app.screens.citation import CitationScreen
        from tui.app.screens.mentions import MentionsScreen

        return [
            ("Everywhere", list(self.BINDINGS) + [Binding("ctrl+p", "command_palette", "Command palette")]),
            ("Article list and results", list(RowList.BINDINGS)),
            ("Reader", list(Reader.BINDINGS)),
            ("Filters and entities (sidebar)", list(FacetList.BINDINGS) + [Binding("enter", "select", "Toggle filter")]),
            ("Mentions in context (m)", list(MentionsScreen.BINDINGS) + [Binding("enter", "select", "Open in the reader")]),
            ("Citation panel (C)", list(CitationScreen.BINDINGS) + [Binding("enter", "select", "Copy this one")]),
        ]

    def action_clear_search(self) -> None:
        self.outcome = None
        self._snippets.clear()
        self.query_one(QueryBox).clear()
        self.query_one("#middle").remove_class("-searching")
        self.query_one(ArticleList).focus()
        current = self.query_one(ArticleList).current
        if current is not None:
            self._open(current, focus=False)
        else:
            self.query_one(Reader).clear()

    def action_toggle_sidebar(self) -> None:
        """Show or hide the filters pane; showing it moves the focus there."""
        sidebar = self.query_one(Sidebar)
        shown = not self.screen.has_class("-sidebar-toggled")
        self.screen.set_class(shown, "-sidebar-toggled")
        self.call_after_refresh(lambda: sidebar.focus() if sidebar.display else self.query_one(ArticleList).focus())

    def action_toggle_reader(self) -> None:
        self.screen.toggle_class("-reader-hidden")
        if not self.query_one(Reader).display:
            self.query_one(ArticleList).focus()

    def action_clear_marks(self) -> None:
        self.marked.clear()
        self.query_one(ArticleList).refresh()
        self.query_one(ResultsList).refresh()
        self._update_status()

    def action_clear_filters(self) -> None:
        self.filters = Filters()
        self._refresh_views()

    def action_back(self) -> None:
        """Escape: step back one level — reader → list, then the search, then the filters."""
        focused = self.focused
        box = self.query_one(QueryBox)
        sidebar = self.query_one(Sidebar)
        if focused is not None and sidebar in focused.ancestors_with_self and sidebar.clear_typeahead():
            return
        if isinstance(focused, Reader) and focused.clear_selection():
            return
        if isinstance(focused, Reader):
            target = self.query_one(ResultsList) if self.outcome is not None else self.query_one(ArticleList)
            target.focus()
        elif focused is box.input and (box.value or box.has_class("-error")) and self.outcome is None:
            box.clear()
            self.query_one(ArticleList).focus()
        elif self.outcome is not None or box.value:
            self.action_clear_search()
        elif self.filters:
            self.action_clear_filters()
        elif self.marked:
            self.action_clear_marks()
        elif self.building:
            self.action_cancel_indexing()
        elif focused is box.input:
            self.query_one(ArticleList).focus()

    def action_check_changes(self, quiet: bool = False) -> None:
        """Look for files added, changed or removed outside the app (a folder scan)."""
        if self._syncing or self.building:
            if not quiet:
                self.notify("The index is being updated already.", markup=False)
            return
        self._syncing = True  # until the worker ends (it sets it too)
        self.sync_index(False)

    def on_app_focus(self, event: events.AppFocus) -> None:
        # Back from another window (an editor, a download): the folder may have changed.
        if self._last_sync is not None and time.monotonic() - self._last_sync > REFOCUS_CHECK_AFTER:
            self.action_check_changes(quiet=True)

    def action_rebuild(self) -> None:
        self.index_state = "rebuilding"
        self._update_status()
        self.sync_index(True)

    def action_cancel_indexing(self) -> None:
        if self.building:
            self._cancel.set()
            self.notify("Stopping the index build; what is indexed so far is kept.", markup=False)

    def get_system_commands(self, screen):
        from tui.app.screens.citation import choice_label

        yield from super().get_system_commands(screen)
        for order in SORTS:
            yield SystemCommand(f"Sort by {order}", f"Order the article list by {order}", lambda o=order: self.set_sort(o))
        yield SystemCommand("Search", "Focus the search box (/)", self.action_focus_search)
        yield SystemCommand("Clear search", "Close the results (escape)", self.action_clear_search)
        yield SystemCommand("Clear filters", "Remove publisher, year and entity filters", self.action_clear_filters)
        for fmt in ("apa", "mla", "chicago", "harvard", "bibtex", "ris", "csl-json"):
            yield SystemCommand(
                f"Cite as {choice_label((fmt, False))}", "Copy the citation of the current or marked articles",
                lambda f=fmt: self._cite_as(f),
            )
        yield SystemCommand("Clear marks", "Unmark every article", self.action_clear_marks)
        for kind, facets in count_facets(self.articles).items():
            for facet in facets:
                yield SystemCommand(
                    f"Filter by {kind}: {one_line(facet.value)}",
                    f"{facet.count} article{'s' if facet.count != 1 else ''} (toggles; escape clears)",
                    lambda key=facet.key: self.on_sidebar_filter_toggled(Sidebar.FilterToggled(key)),
                )
        yield SystemCommand("Edit metadata", "Fill in publisher, authors, URL, date (e)", self.action_edit_metadata)
        yield SystemCommand("Show problems", "Files that were skipped or repaired (p)", self.action_problems)
        yield SystemCommand("Toggle filters pane", "Show or hide the publisher/year filters (f)", self.action_toggle_sidebar)
        yield SystemCommand("Toggle reader", "Show or hide the reader pane", self.action_toggle_reader)
        yield SystemCommand(
            "Check for changes", "Find files added, changed or removed outside the app (ctrl+r)", self.action_check_changes
        )
        yield SystemCommand("Rebuild index", "Re-read every article and rebuild the search index", self.action_rebuild)
        yield SystemCommand("Cancel indexing", "Stop a running index build (it resumes next start)", self.action_cancel_indexing)
        yield SystemCommand("Keys and search syntax", "The help screen (? or F1)", self.action_help)

    def _cite_as(self, fmt: str) -> None:
        from tui.app.screens.citation import choice_label
        from tui.core.cite import cite

        metas = self._citation_targets()
        if metas:
            self.copy_out(cite(metas, fmt), choice_label((fmt, False)))

    def on_unmount(self) -> None:
        self._cancel.set()


def binding_ids() -> set[str]:
    """Every binding id the keymap in config.yaml may name."""
    classes = [CorpusExplorerApp, RowList, Reader, FacetList]
    return {b.id for cls in classes for b in cls.BINDINGS if isinstance(b, Binding) and b.id}


def run_app(corpus: Path, rebuild: bool = False, config: Config | None = None, problems: list[str] | None = None) -> int:
    CorpusExplorerApp(corpus, rebuild=rebuild, config=config, config_problems=problems).run()
    return 0
