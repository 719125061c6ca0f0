"""The bundled corpus is found from a checkout and from a non-editable install (a built wheel)."""

import subprocess
import sys
import zipfile
from pathlib import Path

from tui.core.locations import bundled_corpus

ROOT = Path(__file__).resolve().parent.parent


def test_checkout_finds_the_corpus():
    assert bundled_corpus() == ROOT / "corpus"
    assert len(list((bundled_corpus() / "articles").glob("*.md"))) == 5


def test_wheel_carries_the_corpus_and_finds_it(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("corpus_explorer-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "tui/_corpus/boilerplate.yaml" in names
    assert sum(n.startswith("tui/_corpus/articles/") for n in names) == 5
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from tui.core.locations import bundled_corpus; from tui.core.index import CorpusIndex;"
        "p = bundled_corpus(); assert 'site' in str(p), p;"
        "i = CorpusIndex(p); i.sync(); print(len(i.articles))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(target)], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "5"
