"""Screenshots of the main screen, a search, help and the palette, so layout regressions show.

Run `pytest tests/app/test_snapshots.py --snapshot-update` after an intended change and look
at the report. Timings are fixed and the index is built beforehand so the text is stable.
"""

from __future__ import annotations

import pytest

from tui.app import app as app_module
from tui.app.app import CorpusExplorerApp
from tui.core.index import CorpusIndex


@pytest.fixture
def stable_app(corpus, monkeypatch):
    CorpusIndex(corpus).sync()  # the app then says "ready (cached)", not a build time

    real_search = app_module.search

    def fixed_time_search(index, text, **options):
        outcome = real_search(index, text, **options)
        outcome.seconds = 0.004
        return outcome

    monkeypatch.setattr(app_module, "search", fixed_time_search)
    return CorpusExplorerApp(corpus)


async def settle(pilot):
    from textual.widgets import Input

    for box in pilot.app.query(Input):
        box.cursor_blink = False  # a blinking cursor would make the picture depend on timing
    for _ in range(1000):
        await pilot.pause(0.02)
        if pilot.app.index_state == "ready (cached)" and pilot.app.entity_table is not None:
            break
    await pilot.pause(0.2)


def test_main_screen(snap_compare, stable_app):
    assert snap_compare(stable_app, terminal_size=(160, 48), run_before=settle)


def test_main_screen_small_terminal(snap_compare, stable_app):
    assert snap_compare(stable_app, terminal_size=(80, 24), run_before=settle)


def test_search(snap_compare, stable_app):
    async def run_search(pilot):
        await settle(pilot)
        await pilot.press("slash", *"Vassilenko", "enter")
        for _ in range(500):
            await pilot.pause(0.02)
            if pilot.app.outcome is not None:
                break
        await pilot.press("enter")
        await pilot.pause(0.2)

    assert snap_compare(stable_app, terminal_size=(160, 48), run_before=run_search)


def test_help(snap_compare, stable_app):
    async def open_help(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause(0.2)

    assert snap_compare(stable_app, terminal_size=(160, 48), run_before=open_help)


def test_palette(snap_compare, stable_app):
    async def open_palette(pilot):
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        from textual.widgets import Input

        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        await pilot.pause(0.2)

    assert snap_compare(stable_app, terminal_size=(120, 36), run_before=open_palette)
