"""Raw scrapes → articles.

A raw scrape is plain text. Its first line may carry metadata: ` date 2023-03-14 Title…`.
What the importer does, in order:

1. A leading ` date YYYY-MM-DD ` is the publication date; nothing else ever sets a date.
2. The rest of that first line is the title when it reads like a headline (at most 150
   characters, not boilerplate, not ending in a full stop). Otherwise it is the lead
   paragraph (or boilerplate) and stays in the body.
3. With no headline, the title is made from the first sentence of the text (after a
   dateline such as "LONDON. KAZINFORM"): kept whole up to 100 characters, else cut at
   the last clause break (comma, colon, semicolon, dash) before 100 characters, else at
   the last word before 100 characters with "…".
4. Publisher, URL and authors are filled only when the text states them (a dateline
   "CITY. AGENCY", "AGENCY learned from", "told AGENCY correspondent", a "By NAME" byline,
   a "Source: URL" line); otherwise they stay null.
5. The body keeps every line of the text verbatim (only the date prefix and a headline
   used as the title are taken out of it).
"""

from __future__ import annotations

import datetime as dt
import re

from tui.core.articles import Article, ArticleMeta, make_id
from tui.core.boilerplate import Boilerplate
from tui.core.text import one_line

TITLE_MAX = 100
HEADLINE_MAX = 150

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$", re.IGNORECASE)
# "LONDON. KAZINFORM UK Secretary…": a capitalised city, a full stop, an agency in capitals.
_DATELINE = re.compile(r"^([A-Z][A-Z’'-]+(?: [A-Z][A-Z’'-]+)*)\. ([A-Z][A-Z’'-]{2,}) (?=\S)")
_AGENCY = r"([A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+){0,2})"
_PUBLISHER_CUES = (
    re.compile(_AGENCY + r" learned from\b"),
    re.compile(r"\btold " + _AGENCY + r" correspondent\b"),
    re.compile(_AGENCY + r" correspondent reports\b"),
    re.compile(r"\bin the latest article from " + _AGENCY),
)
_BYLINE = re.compile(r"^By ([A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){1,3}(?:(?:,| and) [A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){1,3})*)$")
_SOURCE_URL = re.compile(r"^(?:Source|URL|Originally published at|Read more at)\s*:?\s*(https?://\S+)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’]?\s+(?=[\"“«‘(]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr|St|No|Gen|Col|Lt|Sgt|Prof|Jr|Sr|Inc|Ltd|Co|vs|etc|U\.S|U\.K|e\.g|i\.e)|\b[A-Z])\.$")
_CLAUSE_BREAK = re.compile(r"(?:,|:|;| –| —| -)\s")
_ENGLISH = re.compile(r"\b(?:the|and|of|to|in|is|was|for|with|that|on)\b", re.IGNORECASE)


def _first_sentence(paragraph: str) -> str:
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        candidate = paragraph[start : match.start()].rstrip()
        if _ABBREVIATIONS.search(candidate):
            continue
        return paragraph[: match.start()].strip()
    return paragraph.strip()


def headline_from(paragraph: str) -> str:
    """A headline-length title from a paragraph (see the module docstring, rule 3)."""
    text = one_line(paragraph)
    dateline = _DATELINE.match(text)
    if dateline:
        text = text[dateline.end() :]
    sentence = _first_sentence(text).rstrip(".")
    if len(sentence) <= TITLE_MAX:
        return sentence
    head = sentence[: TITLE_MAX + 1]
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(head) if 30 <= m.start() <= TITLE_MAX]
    if breaks:
        return head[: breaks[-1]].rstrip()
    cut = head[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:–—- ")
    return cut + "…"


def _looks_like_headline(line: str, boilerplate: Boilerplate) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= HEADLINE_MAX
        and not boilerplate.matches(line)
        and not line.endswith(".")
    )


def _find_publisher(paragraphs: list[str]) -> str | None:
    if paragraphs:
        dateline = _DATELINE.match(paragraphs[0])
        if dateline:
            return dateline.group(2).title()
    text = "\n".join(paragraphs)
    for cue in _PUBLISHER_CUES:
        match = cue.search(text)
        if match:
            return match.group(1)
    return None


def _detect_language(text: str) -> str | None:
    words = len(text.split())
    if words >= 20 and len(_ENGLISH.findall(text)) / words > 0.08:
        return "en"
    return None


def import_text(text: str, source: str, boilerplate: Boilerplate, path: str = "") -> Article:
    """Turn one raw scrape into an Article (nothing is written)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    date: dt.date | None = None
    title: str | None = None
    problems: list[str] = []

    match = _DATE_LINE.match(lines[0]) if lines else None
    if match:
        try:
            date = dt.date.fromisoformat(match.group(1))
        except ValueError:
            problems.append(f"first line has an impossible date {match.group(1)!r}; left undated")
        rest = match.group(2) or ""
        if date is None:
            pass  # keep the line as it is: it is not metadata we understand
        elif _looks_like_headline(rest, boilerplate):
            title = one_line(rest)
            lines = lines[1:]
        else:
            lines = [rest] + lines[1:] if rest.strip() else lines[1:]

    while lines and not lines[0].strip():
        lines = lines[1:]
    body = "\n".join(lines).rstrip() + "\n"

    content = [ln.strip() for ln in lines if ln.strip() and not boilerplate.matches(ln)]
    if title is None:
        title = headline_from(content[0]) if content else ""
    if not title:
        title = source
        problems.append("no text to make a title from; using the file name")

    authors: tuple[str, ...] = ()
    url = None
    for line in content[:3] + content[-3:]:
        byline = _BYLINE.match(line)
        if byline and not authors:
            authors = tuple(re.split(r",\s*|\s+and\s+", byline.group(1)))
        found = _SOURCE_URL.match(line)
        if found and url is None:
            url = found.group(1)

    meta = ArticleMeta(
        id=make_id(title, date),
        title=title,
        date=date,
        publisher=_find_publisher(content),
        authors=authors,
        url=url,
        language=_detect_language(" ".join(content[:20])),
        source=source,
        path=path,
    )
    return Article(meta=meta, body=body, problems=tuple(problems))
