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
        Binding("v", "select", "Select quote", id="reader.select"),
        Binding("right_parenthesis", "extend_sentence(1)", "Quote: +sentence", show=False, id="reader.sentence_more"),
        Binding("left_parenthesis", "extend_sentence(-1)", "Quote: −sentence", show=False, id="reader.sentence_less"),
        Binding("right_curly_bracket", "extend_paragraph(1)", "Quote: +paragraph", show=False, id="reader.paragraph_more"),
        Binding("left_curly_bracket", "extend_paragraph(-1)", "Quote: −paragraph", show=False, id="reader.paragraph_less"),
        Binding("y", "copy_quote", "Copy quote", id="reader.copy_quote"),
    ]

    COMPONENT_CLASSES = {
        "reader--title", "reader--meta", "reader--match", "reader--current", "reader--empty", "reader--selection",
    }

    DEFAULT_CSS = """
    Reader { background: $surface; overflow-x: hidden; }
    Reader > .reader--title { text-style: bold; color: $text; }
    Reader > .reader--meta { color: $text-muted; }
    Reader > .reader--match { background: $warning 40%; }
    Reader > .reader--current { background: $warning; color: $background; text-style: bold; }
    Reader > .reader--empty { color: $text-muted; text-style: italic; }
    Reader > .reader--selection { background: $primary 50%; }
    """

    class QuoteChosen(Message):
        """The user asked to copy the selected passage (verbatim) as a quotation."""

        def __init__(self, meta: ArticleMeta, text: str, paragraph: int) -> None:
            super().__init__()
            self.meta = meta
            self.text = text
            self.paragraph = paragraph

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
        self._sentences: list[tuple[int, int]] = []
        self.selection: tuple[int, int] | None = None  # (first, last) sentence index, inclusive
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
        self.selection = None
        from tui.core.mentions import sentence_bounds  # with the entity modules: not needed to start

        self._sentences = [(a, b) for a, b in sentence_bounds(text) if text[a:b].strip()] if text else []
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
        if y < height - 2 and self.current_match == 0:
            self.scroll_to(y=0, animate=False)  # the match shows with the title above it
            self.refresh()
            return
        self.scroll_to(y=max(0, y - max(height // 3, 1)), animate=False)
        self.refresh()

    def next_match(self, step: int = 1) -> bool:
        if not self.spans:
            return False
        self.current_match = (self.current_match + step) % len(self.spans)
        self._scroll_to_match()
        self.post_message(self.MatchMoved(self.current_match, len(self.spans)))
        return True

    # --- quote selection -------------------------------------------------------------------

    @property
    def selected_span(self) -> tuple[int, int] | None:
        if self.selection is None:
            return None
        first, last = self.selection
        return self._sentences[first][0], self._sentences[last][1]

    def selected_text(self) -> str:
        span = self.selected_span
        return self.text[span[0] : span[1]].strip() if span else ""

    def paragraph_number(self, offset: int) -> int:
        """1-based paragraph of an offset. A paragraph is a non-blank line of the text as shown:
        scrapes put one paragraph on a line, with or without blank lines between them."""
        line_start = self.text.rfind("\n", 0, offset) + 1
        return sum(1 for line in self.text[:line_start].split("\n") if line.strip()) + 1

    def _sentence_at_top(self) -> int:
        line = max(int(self.scroll_offset.y) - len(self._header_lines), 0)
        offset = self._lines[min(line, len(self._lines) - 1)][0] if self._lines else 0
        if self.spans and 0 <= self.current_match < len(self.spans):
            match = self.spans[self.current_match][0]
            offset = match if line <= line_of(match, self._lines) else offset
        return next((i for i, (s, e) in enumerate(self._sentences) if e > offset), 0)

    def action_select(self) -> None:
        if not self._sentences:
            self.app.bell()
            return
        if self.selection is None:
            first = self._sentence_at_top()
            self.selection = (first, first)
        else:
            self.selection = None
        self._after_selection()

    def action_extend_sentence(self, step: int) -> None:
        if self.selection is None:
            return self.action_select()
        first, last = self.selection
        last = min(max(last + step, first), len(self._sentences) - 1)
        self.selection = (first, last)
        self._after_selection()

    def action_extend_paragraph(self, step: int) -> None:
        if self.selection is None:
            return self.action_select()
        first, last = self.selection
        if step > 0:  # to the end of the next paragraph (a line), over blank lines
            pos = self._sentences[last][1]
            while pos < len(self.text) and self.text[pos].isspace():
                pos += 1
            brk = self.text.find("\n", pos)
            target = len(self.text) if brk == -1 else brk
        else:  # back to the end of the paragraph before the last one, never before the first sentence
            target = self.text.rfind("\n", 0, self._sentences[last][0])
        candidates = [i for i, (s, e) in enumerate(self._sentences) if e <= target and i >= first]
        last = max(candidates, default=first)
        self.selection = (first, last)
        self._after_selection()

    def clear_selection(self) -> bool:
        if self.selection is None:
            return False
        self.selection = None
        self._after_selection()
        return True

    def _after_selection(self) -> None:
        span = self.selected_span
        if span is not None:
            y = len(self._header_lines) + line_of(span[1] - 1, self._lines)
            self.scroll_to_region_y(y)
        self.refresh()
        self.post_message(self.MatchMoved(self.current_match, len(self.spans)))

    def scroll_to_region_y(self, y: int) -> None:
        height = self.scrollable_content_region.height or self.size.height
        top = int(self.scroll_offset.y)
        if y >= top + height:
            self.scroll_to(y=y - height + 2, animate=False)
        elif y < top:
            self.scroll_to(y=y, animate=False)

    def action_copy_quote(self) -> None:
        if self.meta is None or self.selection is None:
            self.app.notify("Select a passage first: v, then ) or } to extend it.", markup=False)
            return
        span = self.selected_span
        self.post_message(self.QuoteChosen(self.meta, self.selected_text(), self.paragraph_number(span[0])))

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
        selected = self.selected_span
        if selected and selected[0] < end and selected[1] > start:
            selection_style = self.get_component_rich_style("reader--selection")
            line.stylize(selection_style, max(selected[0], start) - start, min(selected[1], end) - start)
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
