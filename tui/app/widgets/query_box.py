"""The search box, with the query language's error shown right under what was typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

if TYPE_CHECKING:
    from tui.core.search import QueryError

PLACEHOLDER = 'Search (/): words  "a phrase"  a OR b  -word  pre*  fuzzy~  title:x  publisher:x  date:2023  date:[2021 to 2023]'


class QueryBox(Vertical):
    """Posts SearchSubmitted on enter, and QueryEdited when the text changes (for live search)."""

    DEFAULT_CSS = """
    QueryBox { height: auto; }
    QueryBox Input { border: tall $panel; }
    QueryBox Input:focus { border: tall $accent; }
    QueryBox.-error Input { border: tall $error; }
    QueryBox #query-error { color: $error; height: auto; padding: 0 2; display: none; }
    QueryBox.-error #query-error { display: block; }
    """

    class SearchSubmitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class QueryEdited(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="query")
        yield Static("", id="query-error", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#query", Input)

    @property
    def value(self) -> str:
        return self.input.value

    def clear(self) -> None:
        self.input.value = ""
        self.show_error(None)

    def show_error(self, error: QueryError | None) -> None:
        self.set_class(error is not None, "-error")
        message = self.query_one("#query-error", Static)
        if error is None:
            message.update("")
            return
        text = Text()
        if error.position is not None:
            # A caret under the offending character (the input has a 1-cell border and padding).
            text.append(" " * (error.position + 1) + "^ ")
        text.append(error.message)
        message.update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.SearchSubmitted(event.value))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryEdited(event.value))
