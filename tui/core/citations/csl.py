"""From article front matter to a CSL item: the one rule every style and export uses.

The front matter is a mapping with ``id``, ``title``, ``date``
(``datetime.date``, an ISO ``YYYY-MM-DD`` string, or None), ``publisher``,
``authors`` (list of str), ``url`` and ``language``.  ``to_csl`` maps it to a
CSL-JSON item:

* ``type`` is always ``article-newspaper``;
* ``title`` is copied verbatim (no case change, Rich markup kept as text);
* ``publisher`` becomes ``container-title`` (the newspaper or agency);
* ``date`` becomes ``issued`` ``{"date-parts": [[year, month, day]]}``;
* ``url`` becomes ``URL``;
* each ``authors`` entry becomes a person (``family``/``given``) or an
  organisation (``literal``), by the rule in :mod:`.names`;
* a missing or empty value leaves its key out.  ``language`` is not mapped,
  so citeproc-js treats every item as English (MLA and Chicago title-case it).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from .names import parse_name

CSL_TYPE = "article-newspaper"


def date_parts(value: Any) -> tuple[int, int, int] | None:
    """(year, month, day) of a front-matter date, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, str):
        value = _dt.date.fromisoformat(value.strip()[:10])
    if isinstance(value, _dt.date):
        return (value.year, value.month, value.day)
    raise TypeError(f"unsupported date value: {value!r}")


def to_csl(meta: Mapping[str, Any]) -> dict[str, Any]:
    """The CSL-JSON item for one article (see the module docstring)."""
    item: dict[str, Any] = {"id": str(meta.get("id") or ""), "type": CSL_TYPE}
    if meta.get("title"):
        item["title"] = str(meta["title"])
    if meta.get("publisher"):
        item["container-title"] = str(meta["publisher"])
    authors = [parse_name(a) for a in meta.get("authors") or () if str(a).strip()]
    if authors:
        item["author"] = authors
    parts = date_parts(meta.get("date"))
    if parts:
        item["issued"] = {"date-parts": [list(parts)]}
    if meta.get("url"):
        item["URL"] = str(meta["url"])
    return item
