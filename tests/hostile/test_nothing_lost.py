"""Nothing lost: a whole scripted session of reading never writes into the corpus.

Browsing, searching (good and bad queries), sorting, filtering, help, problems, the palette,
and the read-only command-line subcommands: the corpus tree (names, modes, times,
contents) hashes the same before and after. (Only `import`, and editing metadata on purpose,
write articles.)
"""

from __future__ import annotations

from tests.conftest import write
from tests.hostile.kinds import add_good, good, tree_hash
from tui import cli
from tui.app.app import CorpusExplorerApp
from tui.app.widgets.query_box import QueryBox


async def test_a_reading_session_writes_nothing(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    add_good(corpus)
    write(corpus / "articles" / "extra.md", good("extra", "Extra article", "Cleverly visited again. tokextra"))
    write(corpus / "raw" / "scrape.txt", " date 2020-02-02 A raw scrape headline\n\nCleverly text.\n")
    write(corpus / "articles" / "broken.md", b"\x00\x01binary")
    before = tree_hash(corpus)

    app = CorpusExplorerApp(corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(300):
            await pilot.pause(0.02)
            if app.index_state.startswith(("built", "ready")):
                break
        assert not app.index.cache_dir.resolve().is_relative_to(corpus.resolve())
        # browse the list and read
        await pilot.press("j", "G", "g", "enter", "space", "G", "escape")
        # search, open a hit, step through matches, a bad query, clear
        for query in ("title:kazakhstan OR publisher:kazinform", "date:[2021 to 2023] invest*", 'foo:bar "unclosed'):
            await pilot.press("slash")
            app.query_one(QueryBox).input.value = query
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("escape", "escape", "slash")
        app.query_one(QueryBox).input.value = "Cleverly"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter", "n", "N", "escape", "escape", "escape")
        # sort, filter (the sidebar: first facet), help, problems, palette
        await pilot.press("s", "s", "tab", "g", "j", "enter", "escape", "escape")
        await pilot.press("question_mark", "escape", "p", "escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("escape")
        assert app.is_running
        await pilot.press("q")
    assert tree_hash(corpus) == before

    for argv in (["index", "--status"], ["search", "Cleverly"],
                 ["search", "Cleverly", "--json"], ["show", "extra"]):
        assert cli.main([*argv, "--corpus", str(corpus)]) == 0, argv
    capsys.readouterr()
    assert tree_hash(corpus) == before
