"""Fill in what an article's text did not say: publisher, authors, URL, date (e)."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.core.articles import ArticleMeta
from tui.core.metadata_edit import validate_changes
from tui.core.text import one_line

FIELDS = (
    ("publisher", "Publisher", "e.g. Kazinform (empty: unknown)"),
    ("authors", "Authors", "separated by ;  e.g. Smith, Jane; Reuters Staff"),
    ("url", "URL", "https://…"),
    ("date", "Date", "YYYY-MM-DD (empty: no date)"),
)


class EditMetadataScreen(ModalScreen[dict | None]):
    """Returns the changed fields, or None when cancelled. Validation happens on save."""

    AUTO_FOCUS = "#edit-publisher"

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="edit.cancel"),
                Binding("ctrl+s", "save", "Save", id="edit.save")]

    DEFAULT_CSS = """
    EditMetadataScreen { align: center middle; }
    EditMetadataScreen > Vertical { width: 90; max-width: 95%; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    EditMetadataScreen #edit-error { color: $error; height: auto; }
    """

    def __init__(self, meta: ArticleMeta) -> None:
        super().__init__()
        self.meta = meta

    def compose(self) -> ComposeResult:
        values = {
            "publisher": self.meta.publisher or "",
            "authors": "; ".join(self.meta.authors),
            "url": self.meta.url or "",
            "date": self.meta.date.isoformat() if self.meta.date else "",
        }
        with Vertical():
            yield Label(Text(f"Edit: {one_line(self.meta.title)}", style="bold"))
            yield Label(Text("The file's front matter is rewritten; its text is not touched.", style="dim"))
            for name, label, hint in FIELDS:
                yield Label(Text(label))
                yield Input(values[name], placeholder=hint, id=f"edit-{name}")
            yield Label("", id="edit-error", markup=False)
            yield Label(Text("enter or ctrl+s saves · escape cancels", style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def show_error(self, message: str) -> None:
        self.query_one("#edit-error", Label).update(Text(message))

    def action_save(self) -> None:
        raw = {name: self.query_one(f"#edit-{name}", Input).value.strip() for name, _, _ in FIELDS}
        changes: dict = {
            "publisher": raw["publisher"] or None,
            "authors": [a.strip() for a in raw["authors"].split(";") if a.strip()],
            "url": raw["url"] or None,
        }
        if raw["date"]:
            try:
                changes["date"] = dt.date.fromisoformat(raw["date"])
            except ValueError:
                self.show_error(f"Date {raw['date']!r} is not a real YYYY-MM-DD date.")
                return
        else:
            changes["date"] = None
        try:
            validate_changes(changes)  # the same checks as saving, so nothing typed is lost
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(changes)
