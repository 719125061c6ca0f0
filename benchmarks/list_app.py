"""The article list alone, with many synthetic rows: for keystroke latency.

    python -m benchmarks.list_app [ROWS]

`ArticleList` (the app's own widget) in a minimal App, filled with ROWS `ArticleMeta`
(100,000 by default; no files behind them). `j`/`k` move the cursor as in the app.
"""

from __future__ import annotations

import datetime as dt
import sys

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header

from tui.app.widgets.article_list import ArticleList
from tui.core.articles import ArticleMeta

PUBLISHERS = ["Kazinform", "Astana Times", "Reuters", "BBC News", None]


def synthetic_rows(count: int) -> list[ArticleMeta]:
    start = dt.date(2000, 1, 1)
    rows = []
    for i in range(count):
        date = None if i % 20 == 19 else start + dt.timedelta(days=(i * 7919) % 9131)
        rows.append(
            ArticleMeta(
                id=f"article-{i:06d}",
                title=f"Synthetic article number {i} about cooperation, trade and investment in Central Asia",
                date=date,
                publisher=PUBLISHERS[i % len(PUBLISHERS)],
                path=f"articles/article-{i:06d}.md",
            )
        )
    return rows


class ListApp(App[None]):
    BINDINGS = [("q", "quit", "Quit"), ("ctrl+q", "quit", "Quit")]

    def __init__(self, rows: int = 100_000) -> None:
        super().__init__()
        self.rows = synthetic_rows(rows)

    def compose(self) -> ComposeResult:
        yield Header()
        yield ArticleList(id="articles")
        yield Footer()

    def on_mount(self) -> None:
        articles = self.query_one(ArticleList)
        articles.show(self.rows)
        articles.focus()


if __name__ == "__main__":
    ListApp(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000).run()
