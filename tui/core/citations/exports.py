"""Exports for reference managers: BibLaTeX, RIS and CSL-JSON.

All three start from the same CSL item (:func:`.csl.to_csl`), so Zotero gets
the title, date, newspaper, authors (person or organisation) and URL back:

* ``bibtex`` writes BibLaTeX: ``@article`` with ``entrysubtype = {newspaper}``
  (BibLaTeX's newspaper article), ``journaltitle``, an ISO ``date`` and
  ``url``.  Organisations are wrapped in an extra pair of braces so they are
  read as one name; LaTeX special characters are escaped; text stays UTF-8.
* ``ris`` writes ``TY  - NEWS`` records: ``TI`` title, ``T2`` newspaper,
  ``AU`` ``Family, Given`` (an organisation has no comma), ``DA``
  ``YYYY/MM/DD/``, ``PY`` year, ``UR`` URL, ending with ``ER  - ``.
* ``csl-json`` writes the CSL items as a JSON array (type article-newspaper).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .csl import to_csl

EXPORTS = ("bibtex", "ris", "csl-json")

_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                  "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}"}


def latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIAL.get(c, c) for c in text)


def _bib_name(name: Mapping[str, str]) -> str:
    if "literal" in name:
        return "{" + latex_escape(name["literal"]) + "}"
    family = latex_escape(name["family"])
    if "," in family or " and " in family:
        family = "{" + family + "}"  # BibTeX reads "da Silva, Maria" as von + last already
    return f"{family}, {latex_escape(name['given'])}" if name.get("given") else family


def _date(item: Mapping[str, Any], sep: str) -> str:
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    return sep.join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))


def _keys(items: list[dict[str, Any]]) -> list[str]:
    """Citation keys from the article ids, made BibTeX-safe and unique."""
    keys, seen = [], set()
    for item in items:
        base = re.sub(r"[^A-Za-z0-9_:.\-]+", "-", item["id"]).strip("-") or "article"
        key, n = base, 1
        while key in seen:
            n += 1
            key = f"{base}-{n}"
        seen.add(key)
        keys.append(key)
    return keys


def to_bibtex(items: list[dict[str, Any]]) -> str:
    entries = []
    for key, item in zip(_keys(items), items):
        fields = [("entrysubtype", "newspaper")]
        if item.get("title"):
            fields.append(("title", latex_escape(item["title"])))
        if item.get("author"):
            fields.append(("author", " and ".join(_bib_name(n) for n in item["author"])))
        if item.get("container-title"):
            fields.append(("journaltitle", latex_escape(item["container-title"])))
        if item.get("issued"):
            fields.append(("date", _date(item, "-")))
        if item.get("URL"):
            fields.append(("url", item["URL"]))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@article{{{key},\n{body}\n}}\n")
    return "\n".join(entries)


def to_ris(items: list[dict[str, Any]]) -> str:
    records = []
    for item in items:
        lines = [("TY", "NEWS")]
        if item.get("title"):
            lines.append(("TI", item["title"]))
        if item.get("container-title"):
            lines.append(("T2", item["container-title"]))
        for name in item.get("author", []):
            if "literal" in name:
                lines.append(("AU", name["literal"]))
            else:
                lines.append(("AU", ", ".join(p for p in (name["family"], name.get("given")) if p)))
        if item.get("issued"):
            lines.append(("DA", _date(item, "/") + "/"))
            lines.append(("PY", _date(item, "/")[:4]))
        if item.get("URL"):
            lines.append(("UR", item["URL"]))
        lines.append(("ER", ""))
        # RIS is line based: a newline inside a value would start a bogus tag
        records.append("\n".join(f"{tag}  - {' '.join(value.split()) if tag != 'ER' else ''}"
                                 for tag, value in lines))
    return "\n".join(records) + "\n" if records else ""


def to_csl_json(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def export(metas: Iterable[Mapping[str, Any]], fmt: str) -> str:
    """Articles in one of ``EXPORTS``."""
    items = [to_csl(meta) for meta in metas]
    if fmt == "bibtex":
        return to_bibtex(items)
    if fmt == "ris":
        return to_ris(items)
    if fmt == "csl-json":
        return to_csl_json(items)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {EXPORTS}")
