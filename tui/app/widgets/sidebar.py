"""The sidebar: publishers, years and the entities (people, organisations, places, figures),
each with counts, under a type-ahead filter. Choosing one filters the articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.app.widgets.row_list import fit
from tui.core.facets import Facet, Filters
from tui.core.text import one_line

if TYPE_CHECKING:  # the entity modules load with the index, off the UI thread
    from tui.core.entities import Entity
    from tui.core.entity_store import EntityTable

FACET_HEADINGS = {"publisher": "Publishers", "year": "Years"}
PER_GROUP = 25  # rows per group before "type to filter"


class FacetList(OptionList):
    """The rows of the sidebar; letters that are not keys go to the type-ahead filter."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar.down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar.up"),
        Binding("g", "first", "First", show=False, id="sidebar.first"),
        Binding("G", "last", "Last", show=False, id="sidebar.last"),
        Binding("space", "select", "Toggle filter", show=False, id="sidebar.toggle"),
        Binding("m", "mentions", "Mentions", id="sidebar.mentions"),
    ]

    # Letters and digits start the type-ahead filter, except the list's own keys.
    OWN_KEYS = "jkgGm"

    def _starts_typeahead(self, character: str | None) -> bool:
        return bool(character) and character.isalnum() and character not in self.OWN_KEYS

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Claimed before the app's one-letter bindings (s, n, q, …) can act on it.
        return self._starts_typeahead(character)

    def on_key(self, event: events.Key) -> None:
        if self._starts_typeahead(event.character):
            event.stop()
            event.prevent_default()
            box = self.parent.query_one("#sidebar-filter", Input)
            box.focus()
            box.insert_text_at_cursor(event.character)

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.action_first()

    def action_mentions(self) -> None:
        self.parent.request_mentions()


class Sidebar(Vertical):
    """Posts FilterToggled (enter/space/click) and MentionsRequested (m on an entity)."""

    DEFAULT_CSS = """
    Sidebar #sidebar-filter { border: none; height: 1; padding: 0 1; background: $boost; }
    Sidebar FacetList, Sidebar FacetList:focus { height: 1fr; border: none; scrollbar-gutter: stable; }
    """

    class FilterToggled(Message):
        def __init__(self, key: tuple[str, str]) -> None:
            super().__init__()
            self.key = key

    class MentionsRequested(Message):
        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: dict[str, tuple[str, str]] = {}
        self._entities: dict[str, Entity] = {}
        self._facets: dict[str, list[Facet]] = {}
        self._table: EntityTable | None = None
        self._filters = Filters()

    def compose(self) -> ComposeResult:
        yield Input(placeholder="type to filter…", id="sidebar-filter", select_on_focus=False)
        yield FacetList(id="facets")

    @property
    def rows(self) -> FacetList:
        return self.query_one(FacetList)

    def focus(self, scroll_visible: bool = True):
        return self.rows.focus(scroll_visible)

    def show(self, facets: dict[str, list[Facet]], table: EntityTable | None, filters: Filters) -> None:
        self._facets, self._table, self._filters = facets, table, filters
        self._rebuild()

    def _rebuild(self) -> None:
        needle = self.query_one("#sidebar-filter", Input).value.casefold().strip()
        rows = self.rows
        # Border, scrollbar gutter (kept stable in CSS) and the option's padding.
        width = (self.size.width or 34) - 6
        highlighted = rows.highlighted
        options: list[Option | None] = []
        self._keys.clear()
        self._entities.clear()

        def group(title: str, items: list[tuple[tuple[str, str], str, str, Entity | None]]) -> None:
            if not items:
                return
            if options:
                options.append(None)
            options.append(Option(Text(title, style="bold"), disabled=True))
            shown = items if needle else items[:PER_GROUP]
            for n, (key, label, count, entity) in enumerate(shown):
                option_id = f"{title}-{n}"
                self._keys[option_id] = key
                if entity is not None:
                    self._entities[option_id] = entity
                mark = "●" if key in self._filters.selected else " "
                text = Text(f"{mark} ", no_wrap=True)
                text.append(fit(one_line(label), max(width - len(count) - 4, 6)))
                text.append(f"  {count}", style="dim")
                options.append(Option(text, id=option_id))
            if len(shown) < len(items):
                options.append(Option(Text(f"  … {len(items) - len(shown)} more: type to filter", style="dim italic"), disabled=True))

        def matches(*names: str) -> bool:
            return not needle or any(needle in n.casefold() for n in names)

        for kind, facets in self._facets.items():
            group(FACET_HEADINGS.get(kind, kind), [(f.key, f.value, str(f.count), None) for f in facets if matches(f.value)])
        if self._table is not None:
            from tui.core.entity_store import TYPE_LABELS, entity_key

            by_type: dict[str, list[Entity]] = {}
            for entity in self._table.entities + self._table.figures:
                by_type.setdefault(entity.type, []).append(entity)
            for etype, label in TYPE_LABELS.items():
                entities = sorted(by_type.get(etype, []), key=lambda e: (-len(e.articles), -e.mention_count, e.name))
                group(label, [
                    (("entity", entity_key(e)), e.name, f"{len(e.articles)}·{e.mention_count}", e)
                    for e in entities if matches(*e.spellings)
                ])
        rows.clear_options()
        rows.add_options(options)
        if highlighted is not None and highlighted < rows.option_count:
            rows.highlighted = highlighted

    def on_resize(self) -> None:
        self._rebuild()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._rebuild()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.rows.focus()
        self.rows.action_first()

    def clear_typeahead(self) -> bool:
        box = self.query_one("#sidebar-filter", Input)
        if not box.value:
            return False
        box.value = ""
        self.rows.focus()
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = self._keys.get(event.option.id or "")
        if key:
            self.post_message(self.FilterToggled(key))

    def request_mentions(self) -> None:
        rows = self.rows
        if rows.highlighted is None:
            rows.action_first()
        if rows.highlighted is None:
            return
        option = rows.get_option_at_index(rows.highlighted)
        entity = self._entities.get(option.id or "")
        if entity is None:
            self.app.bell()
            self.app.notify("Mentions are for people, organisations, places and figures.", markup=False)
            return
        self.post_message(self.MentionsRequested(entity))
