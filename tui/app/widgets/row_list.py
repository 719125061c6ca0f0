"""A list that draws only the rows on screen (Line API), so 100k rows cost what 20 do."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class RowList(ScrollView, can_focus=True):
    """Fixed-height rows, a cursor, keyboard and mouse. Subclasses say how a row looks."""

    ROW_HEIGHT = 1

    BINDINGS = [
        Binding("j,down", "cursor(1)", "Down", show=False, id="list.down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="list.up"),
        Binding("g,home", "first", "First", show=False, id="list.first"),
        Binding("G,end", "last", "Last", show=False, id="list.last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("enter", "choose", "Open", id="list.open"),
        Binding("space", "mark", "Mark", id="list.mark"),
    ]

    COMPONENT_CLASSES = {"row-list--cursor", "row-list--dim", "row-list--match", "row-list--empty"}

    DEFAULT_CSS = """
    RowList { background: $surface; overflow-x: hidden; }
    RowList > .row-list--cursor { background: $accent 30%; }
    RowList:focus > .row-list--cursor { background: $accent 60%; }
    RowList > .row-list--dim { color: $text-muted; }
    RowList > .row-list--match { background: $warning 40%; text-style: bold; }
    RowList > .row-list--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._count = 0
        self.marked: set[str] = set()  # shared with the app: keys of marked rows
        self.empty_message = "Nothing here."

    # --- what subclasses provide ---------------------------------------------------------

    def render_row(self, index: int, line: int, width: int) -> Text:
        raise NotImplementedError

    def on_cursor_moved(self, index: int) -> None:
        """Called when the cursor lands on a row."""

    def on_row_chosen(self, index: int) -> None:
        """Called on enter or click."""

    def marked_key(self, index: int) -> str | None:
        """What identifies a row for marking (subclasses: the article path)."""
        return None

    class MarkToggled(Message):
        """space on a row: add it to (or take it from) the marked set."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    # --- model -----------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._count

    def set_row_count(self, count: int, cursor: int = 0) -> None:
        self._count = count
        self.virtual_size = Size(self.size.width, count * self.ROW_HEIGHT)
        self.refresh()
        self.cursor = min(max(cursor, 0), max(count - 1, 0))

    def validate_cursor(self, value: int) -> int:
        return min(max(value, 0), max(self._count - 1, 0))

    def watch_cursor(self, old: int, new: int) -> None:
        if self._count:
            self._scroll_to_cursor()
            self.on_cursor_moved(new)
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        region = Region(0, self.cursor * self.ROW_HEIGHT, max(self.size.width, 1), self.ROW_HEIGHT)
        self.scroll_to_region(region, animate=False, force=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self._count * self.ROW_HEIGHT)
        self.refresh()

    # --- keys and mouse --------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        self.cursor += step

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self._count - 1

    def action_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // self.ROW_HEIGHT - 1)
        self.cursor += direction * rows

    def action_mark(self) -> None:
        key = self.marked_key(self.cursor) if self._count else None
        if key is not None:
            self.post_message(self.MarkToggled(key))
            self.cursor += 1

    def action_choose(self) -> None:
        if self._count:
            self.on_row_chosen(self.cursor)

    def on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_offset.y)) // self.ROW_HEIGHT
        if 0 <= index < self._count:
            self.cursor = index
            if event.chain >= 2 or self.ROW_HEIGHT > 1:
                self.on_row_chosen(index)

    # --- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        if self._count == 0:
            if y == 0:
                text = Text(" " + self.empty_message, style=self.get_component_rich_style("row-list--empty"))
                return self._strip(text, width, base)
            return Strip.blank(width, base)
        absolute = y + int(self.scroll_offset.y)
        index, line = divmod(absolute, self.ROW_HEIGHT)
        if index >= self._count:
            return Strip.blank(width, base)
        text = self.render_row(index, line, width)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("row-list--cursor")
        return self._strip(text, width, style)

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.no_wrap = True
        text.overflow = "ellipsis"
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = [Segment(seg.text, style + seg.style if seg.style else style) for seg in text.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, style)


def fit(text: str, width: int) -> str:
    """Cut to a width in cells with an ellipsis (no wrapping)."""
    if width <= 0:
        return ""
    t = Text(text, no_wrap=True)
    t.truncate(width, overflow="ellipsis")
    return t.plain
