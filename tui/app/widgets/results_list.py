"""Search results: ranked hits, each a title line and a two-line snippet with matches highlighted."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message

from tui.app.widgets.row_list import RowList, fit
from tui.core.articles import ArticleMeta
from tui.core.text import one_line

if TYPE_CHECKING:  # tui.core.search is imported by the first search, not to start the app
    from tui.core.search import Snippet

    SnippetSource = Callable[[ArticleMeta], Snippet]


class ResultsList(RowList):
    """Posts HitChosen when a hit is opened."""

    ROW_HEIGHT = 3

    class HitChosen(Message):
        def __init__(self, meta: ArticleMeta) -> None:
            super().__init__()
            self.meta = meta

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[ArticleMeta] = []
        self.snippets: SnippetSource | None = None
        self.title_spans: Callable[[str], list[tuple[int, int]]] = lambda title: []
        self._cache: dict[tuple[str, int], list[Text]] = {}
        self.empty_message = "No hits."

    def show(self, hits: list[ArticleMeta], snippets: SnippetSource, title_spans) -> None:
        self.hits = hits
        self.snippets = snippets
        self.title_spans = title_spans
        self._cache.clear()
        self.set_row_count(len(hits), 0)

    def on_resize(self, event) -> None:
        self._cache.clear()
        super().on_resize(event)

    @property
    def current(self) -> ArticleMeta | None:
        return self.hits[self.cursor] if self.hits else None

    def _lines(self, index: int, width: int) -> list[Text]:
        """The three lines of a hit, computed once per width (the snippet reads the file)."""
        key = (self.hits[index].path, width)
        if key not in self._cache:
            meta = self.hits[index]
            match = self.get_component_rich_style("row-list--match")
            dim = self.get_component_rich_style("row-list--dim")
            title = Text(one_line(meta.title), style="bold", no_wrap=True)
            for start, end in self.title_spans(title.plain):
                title.stylize(match, start, end)
            info = f"  {meta.date_label} · {fit(one_line(meta.publisher_label), 20)}"
            title.truncate(max(width - len(info) - 2, 10), overflow="ellipsis")
            first = Text(" ", no_wrap=True) + title + Text(info, style=dim)
            if self.snippets:
                snippet = self.snippets(meta)
            else:
                from tui.core.search import Snippet

                snippet = Snippet("", ())
            body = Text(snippet.text, style=dim)
            for start, end in snippet.spans:
                body.stylize(match, start, end)
            wrapped = list(body.wrap(self.app.console, max(width - 4, 10)))[:2]
            lines = [first] + [Text("   ") + line for line in wrapped]
            lines += [Text("")] * (3 - len(lines))
            self._cache[key] = lines
        return self._cache[key]

    def render_row(self, index: int, line: int, width: int) -> Text:
        row = self._lines(index, width)[line].copy()
        if line == 0 and self.hits[index].path in self.marked:
            row = Text("●", style="bold") + row[1:]
        return row

    def marked_key(self, index: int) -> str | None:
        return self.hits[index].path

    def on_row_chosen(self, index: int) -> None:
        self.post_message(self.HitChosen(self.hits[index]))
