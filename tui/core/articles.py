"""The article: metadata (front matter) and body, and the Markdown-with-front-matter file format.

    ---
    id: 2023-03-14-uk-foreign-ministers-visit-to-kazakhstan
    title: "UK Foreign Minister's visit to Kazakhstan: ..."
    date: 2023-03-14        # or null
    publisher: Kazinform    # or null
    authors: []
    url: null
    language: en
    source: 000_d7446e1abbfc44a4.txt
    ---
    <body, verbatim>
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

import yaml

from tui.core.text import one_line
from tui.core.yamlsafe import YamlError, describe_yaml_error, load_yaml

FIELDS = ("id", "title", "date", "publisher", "authors", "url", "language", "source")
_SAFE_ID = re.compile(r"[^a-z0-9._-]+")

# Front matter is a few hundred bytes of flat fields. Bigger, deeper or alias-heavy YAML is
# hostile (the C parser crashes the process on deep nesting; aliases and merge keys expand
# exponentially), so it is refused before it reaches the parser.
MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_FRONT_MATTER_NESTING = 50
MAX_FRONT_MATTER_ALIASES = 8
_BLOCK_INDICATOR = re.compile(r"(?:^|[ \t])[-?:](?=[ \t]|$)", re.MULTILINE)
_FLOW_BRACKET = re.compile(r"[\[\]{}]")
_ALIAS_LIKE = re.compile(r"(?:^|[\s\[{,:])\*[^\s\[\]{},]")


@dataclass(frozen=True)
class ArticleMeta:
    """Everything about an article but its body: what lists, facets and citations need."""

    id: str
    title: str
    date: dt.date | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    language: str | None = None
    source: str | None = None
    path: str = ""  # relative to the corpus folder, with forward slashes

    @property
    def date_label(self) -> str:
        return self.date.isoformat() if self.date else "n.d."

    @property
    def publisher_label(self) -> str:
        return self.publisher or "unknown"

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def to_json(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["authors"] = list(self.authors)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "ArticleMeta":
        date = dt.date.fromisoformat(data["date"]) if data.get("date") else None
        return cls(**{**data, "date": date, "authors": tuple(data.get("authors") or ())})


@dataclass(frozen=True)
class Article:
    meta: ArticleMeta
    body: str
    problems: tuple[str, ...] = field(default=())


def safe_id(text: str) -> str:
    """A filesystem-safe id: lower case letters, digits, dot, dash, underscore."""
    return _SAFE_ID.sub("-", text.lower()).strip("-.") or "article"


def slugify(title: str, max_len: int = 60) -> str:
    """Slug of a title's main clause: apostrophes dropped, cut at a word boundary."""
    main = re.split(r"[:?!|]", title, maxsplit=1)[0]
    main = re.sub(r"[’'`]", "", main)
    slug = safe_id(main)
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug


def make_id(title: str, date: dt.date | None) -> str:
    return f"{date.isoformat() if date else 'undated'}-{slugify(title)}"


# --- reading -------------------------------------------------------------------------

def split_front_matter(text: str) -> tuple[str, str] | None:
    """(yaml, body) when the text starts with a `---` front matter block, else None."""
    if not text.startswith("---"):
        return None
    first_nl = text.find("\n")
    if first_nl == -1 or text[:first_nl].strip() != "---":
        return None
    match = re.search(r"^---[ \t\r]*$", text[first_nl + 1 :], re.MULTILINE)  # \r: CRLF files
    if match is None:
        return None
    yaml_text = text[first_nl + 1 : first_nl + 1 + match.start()]
    rest = text[first_nl + 1 + match.end() :]
    if rest.startswith("\n"):
        rest = rest[1:]
    return yaml_text, rest


def _as_text(value, name: str, problems: list[str]) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, (dict, list)):
        problems.append(f"'{name}' should be text, found a {type(value).__name__}; ignored")
        return None
    if not isinstance(value, str):
        problems.append(f"'{name}' should be text, found {value!r}; read as text")
    return one_line(str(value)) or None


def _as_date(value, problems: list[str]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if isinstance(value, (dict, list, set, tuple)):  # never str() a container: it may be huge
        problems.append(f"'date' should be a YYYY-MM-DD date, found a {type(value).__name__}; shown as n.d.")
        return None
    problems.append(f"'date' is not a YYYY-MM-DD date ({str(value)[:40]!r}); shown as n.d.")
    return None


def _as_authors(value, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        problems.append(f"'authors' should be a list, found {type(value).__name__}; ignored")
        return ()
    authors = []
    for item in value:
        name = _as_text(item, "authors", problems)
        if name:
            authors.append(name)
    return tuple(authors)


def meta_from_front_matter(data, fallback_id: str, path: str) -> tuple[dict, list[str]]:
    """Validate a parsed front matter mapping. Returns fields (title may be None) and problems."""
    problems: list[str] = []
    if not isinstance(data, dict):
        problems.append("front matter is not a mapping of fields; ignored")
        data = {}
    unknown = sorted(str(k) for k in data if k not in FIELDS)
    if unknown:
        problems.append(f"unknown front matter fields ignored: {', '.join(unknown)}")
    raw_id = _as_text(data.get("id"), "id", problems)
    article_id = safe_id(raw_id) if raw_id else safe_id(fallback_id)
    if raw_id and article_id != raw_id:
        problems.append(f"id {raw_id!r} is not filesystem-safe; using {article_id!r}")
    fields = {
        "id": article_id,
        "title": _as_text(data.get("title"), "title", problems),
        "date": _as_date(data.get("date"), problems),
        "publisher": _as_text(data.get("publisher"), "publisher", problems),
        "authors": _as_authors(data.get("authors"), problems),
        "url": _as_text(data.get("url"), "url", problems),
        "language": _as_text(data.get("language"), "language", problems),
        "source": _as_text(data.get("source"), "source", problems),
        "path": path,
    }
    return fields, problems


def _front_matter_risk(yaml_text: str) -> str | None:
    """Why this YAML must not be parsed at all (too big, too deep, too many aliases), or None.

    Cheap and conservative: flow brackets are counted even inside quotes, and every block
    indicator on a line (`- - - x`) counts as one level.
    """
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        return f"too large: {len(yaml_text) // 1024} KB (at most {MAX_FRONT_MATTER_CHARS // 1024} KB)"
    depth = deepest = 0
    for match in _FLOW_BRACKET.finditer(yaml_text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    for line in yaml_text.split("\n"):
        if line.count(" ") >= MAX_FRONT_MATTER_NESTING:  # only then can a line nest that deep
            deepest = max(deepest, len(_BLOCK_INDICATOR.findall(line)))
    if deepest > MAX_FRONT_MATTER_NESTING:
        return f"nested too deeply (more than {MAX_FRONT_MATTER_NESTING} levels)"
    # Aliases (*name): every real one looks like this; count real tokens only when there are many.
    if len(_ALIAS_LIKE.findall(yaml_text)) > MAX_FRONT_MATTER_ALIASES:
        aliases = 0
        try:
            for token in yaml.scan(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
                aliases += isinstance(token, yaml.AliasToken)
        except YamlError:
            return None  # the parser reports the syntax error itself
        if aliases > MAX_FRONT_MATTER_ALIASES:
            return f"{aliases} YAML aliases (at most {MAX_FRONT_MATTER_ALIASES}): refused as an alias bomb"
    return None


def parse_front_matter(yaml_text: str) -> tuple[object, str | None]:
    """Parse front matter YAML; returns (data, error message). Never raises, stays bounded."""
    risk = _front_matter_risk(yaml_text)
    if risk:
        return None, risk
    try:
        return load_yaml(yaml_text), None
    except YamlError as exc:
        return None, describe_yaml_error(exc)
    except RecursionError:
        return None, "YAML error: nested too deeply"
    except Exception as exc:  # noqa: BLE001 - e.g. ValueError for a date such as 2023-02-30
        return None, f"YAML error: {exc}"


# --- writing -------------------------------------------------------------------------

def render_article(meta: ArticleMeta, body: str) -> str:
    """The file text for an article: front matter in the documented order, then the body."""
    data = {
        "id": meta.id,
        "title": meta.title,
        "date": meta.date,
        "publisher": meta.publisher,
        "authors": list(meta.authors),
        "url": meta.url,
        "language": meta.language,
        "source": meta.source,
    }
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    if not body.endswith("\n"):
        body += "\n"
    return f"---\n{front}---\n{body}"
