"""The article list: title, date (or n.d.) and publisher (or unknown) of each article."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.message import Message

from tui.app.widgets.row_list import RowList, fit
from tui.core.articles import ArticleMeta
from tui.core.text import one_line

DATE_WIDTH = 10
PUBLISHER_WIDTH = 14


class ArticleList(RowList):
    """One row per article. Posts ArticleHighlighted as the cursor moves, ArticleChosen on enter."""

    class ArticleHighlighted(Message):
        def __init__(self, meta: ArticleMeta) -> None:
            super().__init__()
            self.meta = meta

    class ArticleChosen(Message):
        def __init__(self, meta: ArticleMeta) -> None:
            super().__init__()
            self.meta = meta

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles: list[ArticleMeta] = []
        self.empty_message = "No articles (yet)."

    def show(self, articles: list[ArticleMeta], keep: str | None = None) -> None:
        """Show a new list, keeping the cursor on the article at path `keep` when it is there."""
        self.articles = articles
        cursor = next((i for i, a in enumerate(articles) if a.path == keep), 0) if keep else 0
        self.set_row_count(len(articles), cursor)

    @property
    def current(self) -> ArticleMeta | None:
        return self.articles[self.cursor] if self.articles else None

    def render_row(self, index: int, line: int, width: int) -> Text:
        meta = self.articles[index]
        dim = self.get_component_rich_style("row-list--dim")
        publisher = fit(one_line(meta.publisher_label), PUBLISHER_WIDTH)
        title_width = max(width - DATE_WIDTH - PUBLISHER_WIDTH - 4, 8)
        title = fit(one_line(meta.title), title_width)
        row = Text(no_wrap=True)
        row.append("●" if meta.path in self.marked else " ", style="bold")
        row.append(f"{meta.date_label:<{DATE_WIDTH}}", style=dim)
        row.append(" ")
        row.append(title)
        row.append(" " * max(title_width - cell_len(title), 0))
        row.append(" ")
        row.append(publisher, style=dim if meta.publisher is None else None)
        return row

    def on_cursor_moved(self, index: int) -> None:
        if self.articles:
            self.post_message(self.ArticleHighlighted(self.articles[index]))

    def on_row_chosen(self, index: int) -> None:
        self.post_message(self.ArticleChosen(self.articles[index]))

    def marked_key(self, index: int) -> str | None:
        return self.articles[index].path
