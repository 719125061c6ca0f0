"""The help screen (? or F1): every key, generated from the live bindings, and the query syntax."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.screens.modal import ScrollingModal

QUERY_HELP = """\
words                 articles containing all of the words (stems match: invest → investment)
a OR b                either word; NOT b or -b excludes; ( ) groups
"a phrase"            the words next to each other
prefix*               words that start with prefix (2+ letters; the 200 most common if more)
fuzzy~  fuzzy~2       words one (two) letters away, same first letter (two): Tokaev~ finds Tokayev
title:x  body:x       search one field; publisher:kazinform
entity:"Roman Vasilenko"   articles naming the entity under any spelling
                      a name typed as a word or phrase also finds its other spellings
date:2023             also date:2023-03, date:2023-03-14, date:[2021 to 2023], date:>2022, date:<=2021
                      date filters AND with the rest; undated articles never match them
Results follow the search box as you type (after a short pause; search_as_you_type: false
in config.yaml turns it off); enter runs the search and moves to the results; errors show
on enter."""

CITE_HELP = """\
c copies the citation of the article in view (or of the marked articles: space marks) in the
style set in config.yaml (APA by default); C shows every style and export to pick from.
In the reader: v selects the sentence at the top, ) and } extend it by a sentence or paragraph,
( and { shrink it, y (or c) copies it verbatim with the in-text citation and paragraph number.
e fills in what the text did not say (publisher, authors, URL, date); nothing is ever invented."""

CORPUS_HELP = """\
The corpus is a folder of articles: Markdown files with YAML front matter (id, title, date,
publisher, authors, url, language, source) and the text verbatim, or raw .txt scrapes.
Lines matching boilerplate.yaml (e.g. "Tell a friend") are hidden and not indexed.
Files that cannot be read are listed in the problems view (p)."""


def binding_rows(app, sections: list[tuple[str, list[Binding]]]) -> Text:
    """One line per action: its keys (as the footer shows them) and what it does."""
    text = Text()
    for title, bindings in sections:
        text.append(title + "\n", style="bold underline")
        seen = set()
        for binding in bindings:
            if binding.description in seen or not binding.description:
                continue
            seen.add(binding.description)
            keys = [k for b in bindings if b.description == binding.description for k in b.key.split(",")]
            shown = " ".join(dict.fromkeys(app.get_key_display(Binding(k, "")) for k in keys))
            text.append(f"  {shown:<14}", style="bold")
            text.append(f"{binding.description:<24}")
            text.append(f"{binding.id or ''}\n", style="dim")
        text.append("\n")
    return text


class HelpScreen(ScrollingModal):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen > VerticalScroll { width: 110; max-width: 95%; height: 90%; border: thick $accent; }
    """

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("corpus-explorer — keys", style="bold"))
            yield Static(Text("The last column is the binding id: rebind it under keymap: in config.yaml.\n", style="dim"))
            yield Static(binding_rows(self.app, self.sections))
            yield Static(Text("Search syntax", style="bold underline"))
            yield Static(Text(QUERY_HELP))
            yield Static(Text(""))
            yield Static(Text("Citing", style="bold underline"))
            yield Static(Text(CITE_HELP))
            yield Static(Text(""))
            yield Static(Text("The corpus", style="bold underline"))
            yield Static(Text(CORPUS_HELP))
            yield Static(Text("\nescape, q, ? or F1 closes this help.", style="dim"))
