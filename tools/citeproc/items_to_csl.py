"""Print the fixture items as CSL-JSON, mapped by the project's own to_csl rule.

render.mjs runs this so citeproc-js sees exactly the CSL items that
tui.core.citations builds from the front matter.
"""

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tui.core.citations.csl import to_csl  # noqa: E402

fixture = json.loads((ROOT / "tests/fixtures/citations/items.json").read_text("utf-8"))
json.dump([to_csl(meta) for meta in fixture["items"]], sys.stdout, ensure_ascii=False, indent=1)
