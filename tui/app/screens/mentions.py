"""Mentions in context: every sentence naming an entity (by article), and who else appears."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.core.entities import Entity
from tui.core.entity_store import TYPE_LABELS
from tui.core.mentions import MentionInContext, co_occurring, mentions_in_context
from tui.core.text import one_line


class MentionsScreen(ModalScreen[MentionInContext | None]):
    """enter on a sentence opens the reader there; enter on a co-occurring entity shows its mentions."""

    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close", id="mentions.close"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        Binding("tab", "app.focus_next", "Other list", id="mentions.switch"),
    ]

    DEFAULT_CSS = """
    MentionsScreen { align: center middle; }
    MentionsScreen > Vertical { width: 95%; height: 90%; border: thick $accent; background: $surface; }
    MentionsScreen #mentions-title { padding: 0 1; text-style: bold; width: 1fr; }
    MentionsScreen #mention-list { width: 3fr; height: 1fr; }
    MentionsScreen #co-list { width: 1fr; height: 1fr; }
    MentionsScreen OptionList { border: round $panel; }
    MentionsScreen OptionList:focus { border: round $accent; }
    """

    def __init__(self, index, table, entity: Entity) -> None:
        super().__init__()
        self.index = index
        self.table = table
        self.entity = entity
        self.contexts: list[MentionInContext] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("", id="mentions-title", markup=False)
            with Horizontal():
                yield OptionList(id="mention-list")
                yield OptionList(id="co-list")

    def on_mount(self) -> None:
        if not self.query("#mention-list"):  # the app is closing under us
            return
        self.query_one("#mention-list").border_title = "Mentions in context (enter opens the reader there)"
        self.query_one("#co-list").border_title = "Mentioned in the same articles"
        self.show_entity(self.entity)

    def show_entity(self, entity: Entity) -> None:
        self.entity = entity
        kind = TYPE_LABELS.get(entity.type, entity.type).rstrip("s")
        spellings = ", ".join(one_line(s) for s in entity.aliases)
        title = f"{one_line(entity.name)} · {kind} · {len(entity.articles)} articles, {entity.mention_count} mentions"
        if spellings:
            title += f" · also written: {spellings}"
        self.query_one("#mentions-title", Label).update(Text(title))
        mention_list = self.query_one("#mention-list", OptionList)
        mention_list.clear_options()
        mention_list.add_option(Option(Text("reading the articles…", style="dim italic"), disabled=True))
        co_list = self.query_one("#co-list", OptionList)
        co_list.clear_options()
        self._co = co_occurring(self.table, entity)
        for n, (other, shared) in enumerate(self._co):
            label = Text(one_line(other.name))
            label.append(f"  {shared}", style="dim")
            co_list.add_option(Option(label, id=f"co-{n}"))
        self.load_contexts(entity)
        mention_list.focus()

    @work(thread=True, exclusive=True)
    def load_contexts(self, entity: Entity) -> None:
        contexts = mentions_in_context(self.index, entity)
        self.app.call_from_thread(self._show_contexts, entity, contexts)

    def _show_contexts(self, entity: Entity, contexts: list[MentionInContext]) -> None:
        if entity is not self.entity:
            return
        self.contexts = contexts
        mention_list = self.query_one("#mention-list", OptionList)
        mention_list.clear_options()
        options: list[Option | None] = []
        current = None
        for n, ctx in enumerate(contexts):
            if ctx.meta.path != current:
                current = ctx.meta.path
                if options:
                    options.append(None)
                head = Text(f"{ctx.meta.date_label}  ", style="bold")
                head.append(one_line(ctx.meta.title), style="bold")
                options.append(Option(head, disabled=True))
            line = Text("  " + ctx.sentence)
            for a, b in ctx.spans:
                line.stylize("bold reverse", a + 2, b + 2)
            options.append(Option(line, id=f"m-{n}"))
        if not options:
            options.append(Option(Text("No mentions could be read.", style="dim italic"), disabled=True))
        mention_list.add_options(options)
        mention_list.action_first()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("m-"):
            self.dismiss(self.contexts[int(option_id[2:])])
        elif option_id.startswith("co-"):
            self.show_entity(self._co[int(option_id[3:])][0])

    def action_move(self, step: int) -> None:
        focused = self.focused
        if isinstance(focused, OptionList):
            focused.action_cursor_down() if step > 0 else focused.action_cursor_up()
