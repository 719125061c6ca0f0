"""A scrolling modal panel: the shared shape of the help and problems screens."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen


class ScrollingModal(ModalScreen[None]):
    """Subclasses compose a VerticalScroll and add their own close keys."""

    BINDINGS = [
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
        Binding("pagedown,space", "scroll(10)", "Page down", show=False),
        Binding("pageup", "scroll(-10)", "Page up", show=False),
    ]

    DEFAULT_CSS = """
    ScrollingModal { align: center middle; }
    ScrollingModal > VerticalScroll { max-width: 95%; background: $surface; padding: 1 2; }
    """

    def action_scroll(self, step: int) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.scroll_to(y=scroll.scroll_offset.y + step, animate=False)
