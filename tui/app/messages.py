"""Messages the background workers post to the app, named for what happened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # only named in annotations: the app must not import the index or search to start
    from tui.core.articles import ArticleMeta
    from tui.core.entity_store import EntityTable
    from tui.core.index import SyncReport
    from tui.core.loading import Problem
    from tui.core.search import SearchOutcome


class ManifestLoaded(Message):
    """The cached article list is available (before the corpus folder was checked)."""

    def __init__(self, articles: list[ArticleMeta]) -> None:
        super().__init__()
        self.articles = articles


class IndexProgressed(Message):
    def __init__(self, done: int, total: int, stage: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.stage = stage


class IndexSynced(Message):
    """The index is up to date: the list and search can use it."""

    def __init__(self, report: SyncReport, articles: list[ArticleMeta], problems: list[Problem]) -> None:
        super().__init__()
        self.report = report
        self.articles = articles
        self.problems = problems


class EntitiesMerged(Message):
    """The entity table for the sidebar is current (it follows IndexSynced)."""

    def __init__(self, entities: EntityTable) -> None:
        super().__init__()
        self.entities = entities


class IndexFailed(Message):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class SearchFinished(Message):
    def __init__(self, outcome: SearchOutcome, live: bool = False) -> None:
        super().__init__()
        self.outcome = outcome
        self.live = live  # run while typing: the focus stays in the search box
