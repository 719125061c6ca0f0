"""Page boilerplate ("Tell a friend", "Photo: mfa.gov.kz"): kept in the files, hidden everywhere else.

Patterns come from `boilerplate.yaml` in the corpus folder (or the bundled one): each is a
regular expression that must match a whole line (trimmed, case-insensitive). Matching lines
are hidden by the reader, left out of the index and never shown in snippets.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.text import collapse_blank_lines, strip_control
from tui.core.yamlsafe import YamlError, describe_yaml_error, load_yaml

BOILERPLATE_FILE = "boilerplate.yaml"

# Used when a corpus has no boilerplate.yaml of its own and the bundled one is missing too.
DEFAULT_PATTERNS = (
    r"tell a friend",
    r"photos?(?: used)?\s*:\s*\S+\.[a-z]{2,}\S*",
)


@dataclass(frozen=True)
class Boilerplate:
    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    _regex: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        joined = "|".join(f"(?:{p})" for p in self.patterns) or r"(?!x)x"
        object.__setattr__(self, "_regex", re.compile(joined, re.IGNORECASE))

    @property
    def fingerprint(self) -> str:
        """Changes whenever the patterns do, so the index is rebuilt with the new ones."""
        return hashlib.sha1("\n".join(self.patterns).encode()).hexdigest()[:12]

    def matches(self, line: str) -> bool:
        stripped = line.strip()
        return bool(stripped) and self._regex.fullmatch(stripped) is not None

    def clean(self, body: str) -> str:
        """The body as a reader sees it: no boilerplate, no control codes, blank runs collapsed."""
        body = strip_control(body)
        kept = [line.rstrip() for line in body.split("\n") if not self.matches(line)]
        return collapse_blank_lines("\n".join(kept))


def load_boilerplate(path: Path) -> tuple[Boilerplate, list[str]]:
    """Read patterns from a YAML file; on any problem fall back to the defaults and say why."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Boilerplate(), []
    except YamlError as exc:
        return Boilerplate(), [f"{path.name}: {describe_yaml_error(exc)}; using the default patterns"]
    except (OSError, UnicodeDecodeError) as exc:
        return Boilerplate(), [f"{path.name}: cannot read ({exc}); using the default patterns"]
    raw = data.get("patterns") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        return Boilerplate(), [f"{path.name}: expected a 'patterns:' list; using the default patterns"]
    patterns, problems = [], []
    for item in raw:
        try:
            re.compile(str(item))
        except re.error as exc:
            problems.append(f"{path.name}: bad pattern {item!r}: {exc}")
            continue
        patterns.append(str(item))
    return Boilerplate(tuple(patterns)), problems
