"""The status bar: corpus size, index state, problems count, and progress while indexing."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class StatusBar(Horizontal):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $text; }
    StatusBar #status-text { width: 1fr; padding: 0 1; }
    StatusBar ProgressBar { width: 40; display: none; }
    StatusBar.-busy ProgressBar { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="status-text", markup=False)
        yield ProgressBar(total=None, show_eta=False, id="progress")

    def show(self, articles: int, index_state: str, problems: int, extra: str = "") -> None:
        text = Text(f"{articles} articles · index: {index_state}")
        if problems:
            text.append(f" · {problems} problem{'s' if problems != 1 else ''} (p to view)", style="bold")
        else:
            text.append(" · no problems")
        if extra:
            text.append(f" · {extra}")
        self.query_one("#status-text", Static).update(text)

    def progress(self, done: int, total: int) -> None:
        self.add_class("-busy")
        bar = self.query_one(ProgressBar)
        bar.update(total=total or None, progress=done)

    def idle(self) -> None:
        self.remove_class("-busy")
