"""The problems view (p): every file that was skipped or repaired, and why."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.screens.modal import ScrollingModal

from tui.core.loading import Problem
from tui.core.text import one_line


class ProblemsScreen(ScrollingModal):
    BINDINGS = [
        Binding("escape,q,p", "dismiss", "Close", id="problems.close"),
    ]

    DEFAULT_CSS = """
    ProblemsScreen > VerticalScroll { width: 120; max-width: 95%; height: 80%; border: thick $warning; }
    """

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            count = len(self.problems)
            yield Static(Text(f"{count} problem{'s' if count != 1 else ''} in the corpus", style="bold"))
            if not self.problems:
                yield Static(Text("Every file loaded cleanly."))
            for problem in self.problems:
                line = Text()
                line.append("skipped  " if problem.skipped else "repaired ", style="bold red" if problem.skipped else "yellow")
                line.append(one_line(problem.path or "(corpus)"), style="bold")
                line.append(": " + one_line(problem.reason))
                yield Static(line)
            yield Static(Text("\nThe other articles are loaded and searchable. escape closes.", style="dim"))
