"""The reader: one article as plain text, wrapped to the pane, with search matches highlighted."""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.articles import ArticleMeta
from tui.core.text import one_line
from tui.core.wrapping import line_of, wrap_offsets


class Reader(ScrollView, can_focus=True):
    """Draws only visible lines. `n`/`N` (app bindings) call next_match/previous_match."""

    BINDINGS = [
        Binding("j,down", "scroll_lines(1)", "Down", show=False, id="reader.down"),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False, id="reader.up"),
        Binding("g,home", "top", "Top", show=False, id="reader.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="reader.bottom"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="reader.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="reader.page_up"),
    ]

    COMPONENT_CLASSES = {"reader--title", "reader--meta", "reader--match", "reader--current", "reader--empty"}

    DEFAULT_CSS = """
    Reader { background: $surface; overflow-x: hidden; }
    Reader > .reader--title { text-style: bold; color: $text; }
    Reader > .reader--meta { color: $text-muted; }
    Reader > .reader--match { background: $warning 40%; }
    Reader > .reader--current { background: $warning; color: $background; text-style: bold; }
    Reader > .reader--empty { color: $text-muted; text-style: italic; }
    """

    class MatchMoved(Message):
        """The current match changed (index is 0-based; total may be 0)."""

        def __init__(self, index: int, total: int) -> None:
            super().__init__()
            self.index = index
            self.total = total

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.meta: ArticleMeta | None = None
        self.text = ""
        self.header: list[tuple[str, str]] = []  # (text, component class)
        self.spans: list[tuple[int, int]] = []
        self.current_match = -1
        self._lines: list[tuple[int, int]] = []
        self._header_lines: list[tuple[str, str]] = []
        self._width = 0
        self.message = "Open an article: choose it in the list (enter) or in the search results."

    # --- content -------------------------------------------------------------------------

    def show(
        self, meta: ArticleMeta | None, text: str, spans: list[tuple[int, int]], notice: str = "", at: int | None = None
    ) -> None:
        """Show an article's display text, scrolled to the match at offset `at`, else the first."""
        self.meta = meta
        self.text = text
        self.spans = sorted(spans)
        self.current_match = 0 if self.spans else -1
        if at is not None and self.spans:
            self.current_match = next((i for i, (s, _) in enumerate(self.spans) if s >= at), 0)
        self.header = []
        if meta is not None:
            self.header = [
                (one_line(meta.title), "reader--title"),
                (f"{meta.date_label} · {one_line(meta.publisher_label)} · source: {one_line(meta.source or meta.path)}", "reader--meta"),
            ]
            if notice:
                self.header.append((one_line(notice), "reader--meta"))
            self.header.append(("", "reader--meta"))
        self._relayout()
        if self.spans:
            self._scroll_to_match()
        else:
            self.scroll_to(y=0, animate=False)
        self.post_message(self.MatchMoved(self.current_match, len(self.spans)))

    def clear(self, message: str | None = None) -> None:
        if message:
            self.message = message
        self.show(None, "", [])

    def _relayout(self) -> None:
        width = max(self._text_width(), 10)
        self._width = width
        self._header_lines = []
        for text, cls in self.header:
            if not text:
                self._header_lines.append(("", cls))
            for start, end in wrap_offsets(text, width):
                self._header_lines.append((text[start:end], cls))
        self._lines = wrap_offsets(self.text, width) if self.text else []
        self.virtual_size = Size(width, len(self._header_lines) + len(self._lines))
        self.refresh()

    def _text_width(self) -> int:
        # One cell of margin each side; the scrollbar gutter is reserved in CSS so this is stable.
        return (self.scrollable_content_region.width or self.size.width) - 2

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    # --- matches ---------------------------------------------------------------------------

    @property
    def match_count(self) -> int:
        return len(self.spans)

    def _scroll_to_match(self) -> None:
        start = self.spans[self.current_match][0]
        y = len(self._header_lines) + line_of(start, self._lines)
        height = self.scrollable_content_region.height or self.size.height
        self.scroll_to(y=max(0, y - max(height // 3, 1)), animate=False)
        self.refresh()

    def next_match(self, step: int = 1) -> bool:
        if not self.spans:
            return False
        self.current_match = (self.current_match + step) % len(self.spans)
        self._scroll_to_match()
        self.post_message(self.MatchMoved(self.current_match, len(self.spans)))
        return True

    # --- keys ------------------------------------------------------------------------------

    def action_scroll_lines(self, step: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + step, animate=False)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False)

    def action_page(self, direction: int) -> None:
        height = self.scrollable_content_region.height or self.size.height
        self.scroll_to(y=self.scroll_offset.y + direction * max(height - 1, 1), animate=False)

    # --- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        base = self.rich_style
        index = y + int(self.scroll_offset.y)
        if self.meta is None:
            if y == 1:
                text = Text(self.message, style=self.get_component_rich_style("reader--empty"))
                return self._strip(text, width)
            return Strip.blank(width, base)
        if index < len(self._header_lines):
            text, cls = self._header_lines[index]
            return self._strip(Text(text, style=self.get_component_rich_style(cls)), width)
        index -= len(self._header_lines)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[index]
        line = Text(self.text[start:end])
        match = self.get_component_rich_style("reader--match")
        current = self.get_component_rich_style("reader--current")
        for i, (s, e) in enumerate(self.spans):
            if e <= start:
                continue
            if s >= end:
                break
            line.stylize(current if i == self.current_match else match, max(s, start) - start, min(e, end) - start)
        return self._strip(line, width)

    def _strip(self, text: Text, width: int) -> Strip:
        base = self.rich_style
        text = Text(" ") + text
        text.no_wrap = True
        segments = [Segment(s.text, base + s.style if s.style else base) for s in text.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, base)
