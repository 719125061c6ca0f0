"""Messages the background workers post to the app, named for what happened."""

from __future__ import annotations

from textual.message import Message

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
    def __init__(self, report: SyncReport, articles: list[ArticleMeta], problems: list[Problem], entities: EntityTable) -> None:
        super().__init__()
        self.report = report
        self.articles = articles
        self.problems = problems
        self.entities = entities


class IndexFailed(Message):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class SearchFinished(Message):
    def __init__(self, outcome: SearchOutcome) -> None:
        super().__init__()
        self.outcome = outcome
