"""Start-up stays light: what the first frame does not need is imported where it is first used.

A fresh interpreter imports the command line and the app, as `corpus-explorer` does before it
draws anything, and lists the modules that must not have come with them (see the first-frame
benchmark in benchmarks/RESULTS.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui.cli import _app_args

ROOT = Path(__file__).resolve().parents[2]

# Needed only by a search, a dialog, a citation, the clipboard or the index worker.
LAZY = (
    "argparse",
    "whoosh",
    "tui.core.search",
    "tui.core.index",
    "tui.core.entities",
    "tui.core.entity_store",
    "tui.core.mentions",
    "tui.core.cite",
    "tui.core.citations",
    "tui.core.clipboard",
    "tui.core.metadata_edit",
    "tui.app.screens",
)


def test_starting_the_app_imports_nothing_it_does_not_draw():
    code = (
        "import sys\n"
        "import tui.cli, tui.app.app\n"
        f"lazy = {LAZY!r}\n"
        "print(sorted(m for m in sys.modules if any(m == l or m.startswith(l + '.') for l in lazy)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_apps_own_arguments_are_read_without_argparse():
    assert _app_args([]) == (None, False)
    assert _app_args(["some/folder"]) == (Path("some/folder"), False)
    assert _app_args(["--rebuild", "x"]) == _app_args(["x", "--rebuild"]) == (Path("x"), True)
    # Anything else goes to argparse: help, version, unknown options, a second folder, "--".
    for argv in (["-h"], ["--version"], ["--rebuild", "--rebuild"], ["a", "b"], ["--", "x"], ["--reb"], ["-x"]):
        assert _app_args(argv) is None, argv
