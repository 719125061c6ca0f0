"""The sidebar: facets (publishers, years) with counts; choosing one filters the articles."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.facets import Facet, Filters
from tui.core.text import one_line

HEADINGS = {"publisher": "Publishers", "year": "Years"}


class Sidebar(OptionList):
    """Posts FacetToggled when a facet is chosen (enter, space or click)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar.down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar.up"),
        Binding("g", "first", "First", show=False, id="sidebar.first"),
        Binding("G", "last", "Last", show=False, id="sidebar.last"),
        Binding("space", "select", "Toggle", show=False, id="sidebar.toggle"),
    ]

    class FacetToggled(Message):
        def __init__(self, key: tuple[str, str]) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: dict[str, tuple[str, str]] = {}

    def show(self, facets: dict[str, list[Facet]], filters: Filters) -> None:
        highlighted = self.highlighted
        options: list[Option | None] = []
        self._keys.clear()
        for kind, items in facets.items():
            if options:
                options.append(None)
            options.append(Option(Text(HEADINGS.get(kind, kind), style="bold"), disabled=True))
            for n, facet in enumerate(items):
                option_id = f"{kind}-{n}"
                self._keys[option_id] = facet.key
                mark = "●" if facet.key in filters.selected else " "
                label = Text(f"{mark} ")
                label.append(one_line(facet.value))
                label.append(f"  {facet.count}", style="dim")
                options.append(Option(label, id=option_id))
        self.clear_options()
        self.add_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = self._keys.get(event.option.id or "")
        if key:
            self.post_message(self.FacetToggled(key))
