"""Citation output must equal citeproc-js's, character for character.

tests/fixtures/citations/expected.json is rendered by tools/citeproc/render.mjs
(citeproc-js with the official CSL styles and locales) from items.json.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tui.core import citations
from tui.core.citations import (EXPORTS, STYLES, bibliography, export, in_text, quote, reference,
                                to_csl)
from tui.core.citations.names import parse_name

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "citations"
ITEMS = json.loads((FIXTURES / "items.json").read_text("utf-8"))
EXPECTED = json.loads((FIXTURES / "expected.json").read_text("utf-8"))


def _meta(raw: dict) -> dict:
    meta = dict(raw)
    meta["date"] = dt.date.fromisoformat(raw["date"]) if raw["date"] else None
    return meta


METAS = {raw["id"]: _meta(raw) for raw in ITEMS["items"]}
CASES = [(item_id, style) for item_id in METAS for style in STYLES]


def test_fixture_covers_every_item() -> None:
    assert set(EXPECTED["items"]) == set(METAS)
    assert EXPECTED["paragraph"] == 4


@pytest.mark.parametrize(("item_id", "style"), CASES)
def test_reference_text(item_id: str, style: str) -> None:
    assert reference(METAS[item_id], style) == EXPECTED["items"][item_id][style]["reference"]


@pytest.mark.parametrize(("item_id", "style"), CASES)
def test_reference_html(item_id: str, style: str) -> None:
    want = EXPECTED["items"][item_id][style]["reference_html"]
    assert reference(METAS[item_id], style, html=True) == want


@pytest.mark.parametrize(("item_id", "style"), CASES)
def test_in_text(item_id: str, style: str) -> None:
    assert in_text(METAS[item_id], style) == EXPECTED["items"][item_id][style]["in_text"]


@pytest.mark.parametrize(("item_id", "style"), CASES)
def test_in_text_with_paragraph(item_id: str, style: str) -> None:
    want = EXPECTED["items"][item_id][style]["in_text_paragraph"]
    assert in_text(METAS[item_id], style, paragraph=EXPECTED["paragraph"]) == want


@pytest.mark.parametrize("name", sorted(EXPECTED["bibliographies"]))
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("html", [False, True])
def test_bibliography(name: str, style: str, html: bool) -> None:
    spec = EXPECTED["bibliographies"][name]
    metas = [METAS[item_id] for item_id in spec["ids"]]
    want = "\n".join(spec[style]["html" if html else "text"])
    assert bibliography(metas, style, html=html) == want


def test_bibliography_ignores_input_order() -> None:
    spec = EXPECTED["bibliographies"]["all"]
    metas = [METAS[item_id] for item_id in reversed(spec["ids"])]
    for style in ("apa", "chicago", "harvard"):  # MLA ties keep input order, as citeproc does
        assert bibliography(metas, style) == "\n".join(spec[style]["text"])


@pytest.mark.parametrize("item_id", sorted(METAS))
def test_to_csl_is_what_citeproc_rendered(item_id: str) -> None:
    assert to_csl(METAS[item_id]) == EXPECTED["items"][item_id]["csl"]


def test_first_bundled_article() -> None:
    meta = METAS["kazinform-uk-visit"]
    assert reference(meta, "apa") == (
        "UK Foreign Minister’s visit to Kazakhstan: New opportunities for both countries. "
        "(2023, March 14). Kazinform. https://example.org/a")
    assert reference(meta, "mla") == (
        "“UK Foreign Minister’s Visit to Kazakhstan: New Opportunities for Both Countries.” "
        "Kazinform, 14 Mar. 2023, https://example.org/a.")
    assert in_text(meta, "chicago", paragraph=4) == "(Kazinform 2023, para. 4)"


def test_rich_markup_is_plain_data() -> None:
    meta = METAS["rich-markup"]
    assert reference(meta, "apa").startswith("[bold]Breaking[/] news")
    assert "‘[bold]Breaking[/] news: markets rally after [italic]rate cut[/italic]’" in reference(
        meta, "harvard")
    assert "[red]Kazinform[/]" not in reference(meta, "harvard")  # a stand-in author is title-cased


@pytest.mark.parametrize(("raw", "csl"), [
    ("Smith, John A.", {"family": "Smith", "given": "John A."}),
    ("Aigerim Nurpeisova", {"family": "Nurpeisova", "given": "Aigerim"}),
    ("Maria da Silva", {"family": "da Silva", "given": "Maria"}),
    ("Ursula von der Leyen", {"family": "von der Leyen", "given": "Ursula"}),
    ("Jean-Luc Martin", {"family": "Martin", "given": "Jean-Luc"}),
    ("Әсел Өмірбекова", {"family": "Өмірбекова", "given": "Әсел"}),
    ("Kazinform", {"literal": "Kazinform"}),
    ("Ministry of Foreign Affairs", {"literal": "Ministry of Foreign Affairs"}),
    ("Reuters Staff", {"literal": "Reuters Staff"}),
    ("The Astana Times", {"literal": "The Astana Times"}),
    ("BBC News", {"literal": "BBC News"}),
    ("Johnson & Johnson", {"literal": "Johnson & Johnson"}),
    ("Agent 007", {"literal": "Agent 007"}),
    ("Anna Maria Louisa Sophia Schmidt", {"literal": "Anna Maria Louisa Sophia Schmidt"}),
])
def test_author_rule(raw: str, csl: dict) -> None:
    assert parse_name(raw) == csl


def test_to_csl_leaves_missing_values_out() -> None:
    meta = {"id": "x", "title": "T", "date": None, "publisher": None, "authors": [], "url": None,
            "language": "en"}
    assert to_csl(meta) == {"id": "x", "type": "article-newspaper", "title": "T"}


@pytest.mark.parametrize("style", STYLES)
def test_quote_keeps_text_verbatim(style: str) -> None:
    meta = METAS["kazinform-uk-visit"]
    text = "It's \"new\" -- [b]really[/b]"
    out = quote(text, meta, style, paragraph=4)
    assert text in out
    assert out.endswith(" " + in_text(meta, style, paragraph=4))
    opening = "‘" if style == "harvard" else "“"
    assert out.startswith(opening + text)


def test_unknown_style_and_format() -> None:
    with pytest.raises(ValueError):
        reference(METAS["title-only"], "vancouver")
    with pytest.raises(ValueError):
        export([], "endnote")


# ------------------------------------------------------------------ exports ---

def _parse_ris(text: str) -> list[dict[str, list[str]]]:
    records, current = [], None
    for line in text.splitlines():
        m = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert m, f"not a RIS line: {line!r}"
        tag, value = m.groups()
        if tag == "TY":
            current = {}
        current.setdefault(tag, []).append(value)
        if tag == "ER":
            records.append(current)
    return records


def _parse_bibtex(text: str) -> list[dict[str, str]]:
    entries = []
    for m in re.finditer(r"@(\w+)\{([^,]+),\n(.*?)\n\}", text, re.S):
        fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", m.group(3), re.M))
        entries.append({"type": m.group(1), "key": m.group(2), **fields})
    return entries


def test_exports_are_known() -> None:
    assert EXPORTS == ("bibtex", "ris", "csl-json")


def test_csl_json_round_trip() -> None:
    metas = list(METAS.values())
    data = json.loads(export(metas, "csl-json"))
    assert data == [to_csl(meta) for meta in metas]
    assert {item["type"] for item in data} == {"article-newspaper"}


def test_ris_round_trip() -> None:
    metas = list(METAS.values())
    records = _parse_ris(export(metas, "ris"))
    assert len(records) == len(metas)
    for record, meta in zip(records, metas):
        csl = to_csl(meta)
        assert record["TY"] == ["NEWS"] and record["ER"] == [""]
        assert record["TI"] == [meta["title"]]
        assert record.get("T2") == ([meta["publisher"]] if meta["publisher"] else None)
        assert record.get("UR") == ([meta["url"]] if meta["url"] else None)
        if meta["date"]:
            assert record["DA"] == [meta["date"].strftime("%Y/%m/%d/")]
        else:
            assert "DA" not in record
        names = [n.get("literal") or ", ".join(filter(None, (n["family"], n.get("given"))))
                 for n in csl.get("author", [])]
        assert record.get("AU", []) == names
        for name in record.get("AU", []):  # organisations carry no comma, people one
            assert name.count(",") <= 1


def _bib_unescape(value: str) -> str:
    value = value.replace(r"\textbackslash{}", "\\").replace(r"\textasciitilde{}", "~")
    return re.sub(r"\\([{}&%$#_^])", r"\1", value.replace(r"\textasciicircum{}", "^"))


def test_bibtex_round_trip() -> None:
    metas = list(METAS.values())
    entries = _parse_bibtex(export(metas, "bibtex"))
    assert len(entries) == len(metas)
    assert len({e["key"] for e in entries}) == len(entries)
    for entry, meta in zip(entries, metas):
        assert entry["type"] == "article" and entry["entrysubtype"] == "newspaper"
        assert _bib_unescape(entry["title"]) == meta["title"]
        assert _bib_unescape(entry.get("journaltitle", "")) == (meta["publisher"] or "")
        assert entry.get("date") == (meta["date"].isoformat() if meta["date"] else None)
        assert entry.get("url") == meta["url"]
        csl = to_csl(meta)
        authors = entry["author"].split(" and ") if "author" in entry else []
        assert len(authors) == len(csl.get("author", []))
        for written, name in zip(authors, csl.get("author", [])):
            if "literal" in name:
                assert written == "{" + name["literal"].replace("&", r"\&") + "}"
            else:
                assert written.strip("{}").split("}, ")[0].split(", ")[0] == name["family"]


def test_bibtex_escapes_latex() -> None:
    meta = {"id": "odd id/1", "title": "50% of {all} & more_", "date": None, "publisher": "A#B",
            "authors": [], "url": None, "language": "en"}
    out = export([meta], "bibtex")
    assert r"50\% of \{all\} \& more\_" in out
    assert "journaltitle = {A\\#B}" in out
    assert out.startswith("@article{odd-id-1,")


def test_package_is_pure_python() -> None:
    source = Path(citations.__file__).parent
    for path in source.glob("*.py"):
        text = path.read_text("utf-8")
        assert not re.search(r"^\s*(import|from)\s+(textual|rich)\b", text, re.M), path.name
