"""The logic modules never import Textual: a fresh interpreter imports them all and checks."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import tui.core

ROOT = Path(__file__).resolve().parent.parent


def core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(tui.core.__path__, "tui.core."))


def test_core_does_not_import_textual():
    modules = core_modules() + ["tui.cli"]
    assert "tui.core.search" in modules and "tui.core.index" in modules
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    code += "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
    code += "print(bad); sys.exit(1 if bad else 0)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_yaml_is_only_read_safely():
    offenders = []
    for path in (ROOT / "tui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for bad in ("yaml.load(", "yaml.unsafe_load", "yaml.full_load", "yaml.Loader", "UnsafeLoader", "FullLoader"):
            if bad in text and path.name != "yamlsafe.py":
                offenders.append(f"{path.name}: {bad}")
    assert offenders == []
