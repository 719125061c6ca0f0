"""The citation panel (C): every style and export for the chosen article(s); enter copies one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.core.articles import ArticleMeta
from tui.core.cite import FORMATS, LABELS, cite, unknown_fields
from tui.core.citations import STYLES
from tui.core.text import one_line

Choice = tuple[str, bool]  # (format, in-text)


def choices() -> list[Choice]:
    out: list[Choice] = []
    for fmt in FORMATS:
        out.append((fmt, False))
        if fmt in STYLES:
            out.append((fmt, True))
    return out


def choice_label(choice: Choice) -> str:
    fmt, in_text = choice
    return LABELS[fmt] + (" — in-text" if in_text else "")


class CitationScreen(ModalScreen[Choice | None]):
    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close", id="citation.close"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        Binding("e", "edit", "Edit metadata", id="citation.edit"),
    ]

    DEFAULT_CSS = """
    CitationScreen { align: center middle; }
    CitationScreen > Vertical { width: 110; max-width: 95%; height: 85%; border: thick $accent; background: $surface; padding: 0 1; }
    CitationScreen #cite-heading { text-style: bold; }
    CitationScreen #cite-unknown { color: $warning; }
    CitationScreen OptionList { height: 13; border: round $panel; }
    CitationScreen VerticalScroll { height: 1fr; border: round $panel; }
    """

    def __init__(self, metas: list[ArticleMeta], last: Choice | None = None) -> None:
        super().__init__()
        self.metas = metas
        self.last = last
        self.options = choices()

    def compose(self) -> ComposeResult:
        with Vertical():
            if len(self.metas) == 1:
                heading = f"Cite: {one_line(self.metas[0].title)}"
            else:
                heading = f"Cite {len(self.metas)} marked articles (a bibliography, in each style's order)"
            yield Label(Text(heading), id="cite-heading")
            missing = sorted({f for m in self.metas for f in unknown_fields(m)})
            note = f"Unknown: {', '.join(missing)} — left out, never invented" if missing else "All fields known."
            if len(self.metas) == 1:
                note += " · e edits the metadata"
            yield Label(Text(note), id="cite-unknown")
            yield OptionList(*[Option(Text(choice_label(c)), id=str(n)) for n, c in enumerate(self.options)])
            with VerticalScroll():
                yield Static("", id="cite-preview", markup=False)
            yield Label(Text("enter copies the highlighted one · escape closes", style="dim"))

    def on_mount(self) -> None:
        found = self.query(OptionList)
        if not found:  # the app is closing under us
            return
        options = found.first()
        options.highlighted = self.options.index(self.last) if self.last in self.options else 0
        options.focus()

    def preview(self, choice: Choice) -> str:
        return cite(self.metas, choice[0], in_text_form=choice[1])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        choice = self.options[int(event.option.id)]
        self.query_one("#cite-preview", Static).update(Text(self.preview(choice)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.options[int(event.option.id)])

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_edit(self) -> None:
        if len(self.metas) == 1:
            meta = self.metas[0]
            self.dismiss(None)
            self.app.call_later(self.app.action_edit_metadata, meta)
