"""The benchmark suite's quick mode runs end to end: `python -m benchmarks --quick`.

No timing is asserted (1,000 articles on a CI machine say nothing about the targets); the
test checks that every measurement still runs, that the results file is complete, and the
one functional check the suite makes: an incremental update finds the changed and added
articles exactly once and the removed one never.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the suite reads /proc and drives a pseudo-terminal"
)


def test_quick_benchmark_runs(tmp_path):
    output = tmp_path / "RESULTS.md"
    env = {k: v for k, v in os.environ.items() if k != "CORPUS_EXPLORER_CACHE"}
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--workdir", str(tmp_path / "work"), "--output", str(output)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    text = output.read_text(encoding="utf-8")
    for part in ("## Machine", "## Results", "first frame", "cold build", "warm start", "incremental",
                 "search + snippets", "FTS5", "memory", "key press"):
        assert part in text, part
    correctness = next(line for line in text.splitlines() if "found exactly once" in line)
    assert correctness.rstrip(" |").endswith("met"), correctness
    assert str(tmp_path) not in text  # no machine paths in the results
    assert output.with_suffix(".json").exists()
