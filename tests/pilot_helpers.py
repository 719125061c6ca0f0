"""Pilot helpers shared by the app tests: wait for the index, run a search, read a pane."""

from __future__ import annotations

from tui.app.widgets.query_box import QueryBox

SIZE = (160, 48)


async def ready(pilot, app) -> None:
    """Wait until the index sync has finished, whatever its outcome, and the entity table
    (which follows the index in its own message) has reached the sidebar."""
    for _ in range(1000):
        await pilot.pause(0.02)
        if app.index_state.startswith("failed"):
            break
        if app.index_state.startswith(("built", "ready", "updated", "read-only")) and app.entity_table is not None:
            break
    else:
        raise AssertionError(f"index never became ready: {app.index_state}")
    await pilot.pause()


async def search(pilot, text: str) -> None:
    """Type a query into the search box (set directly: typing is tested elsewhere) and run it."""
    app = pilot.app
    await pilot.press("slash")
    app.query_one(QueryBox).input.value = text
    await pilot.press("enter")
    for _ in range(200):
        await pilot.pause(0.02)
        if app.outcome is not None and app.outcome.text == text or app.query_one(QueryBox).has_class("-error"):
            break
    await pilot.pause()


def lines(widget) -> list[str]:
    """What a Line-API widget shows, one string per screen row."""
    return [widget.render_line(y).text for y in range(widget.size.height)]
