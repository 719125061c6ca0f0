"""The command line: plain text or --json, exit codes 0 / 1 (nothing found) / 2 (usage or input)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tui.cli import main

A000 = "2023-03-14-uk-foreign-ministers-visit-to-kazakhstan"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json(capsys, corpus):
    code, out, _ = run(capsys, "search", "Cleverly", "--json", "--corpus", str(corpus))
    data = json.loads(out)
    assert code == 0 and data["total"] == 2 and data["query"] == "Cleverly"
    hit = next(h for h in data["hits"] if h["id"] == A000)
    assert set(hit) == {"id", "title", "date", "publisher", "score", "snippet"}
    assert "Cleverly" in hit["snippet"]


def test_search_plain_nothing_found_and_bad_query(capsys, corpus):
    code, out, _ = run(capsys, "search", "Cleverly", "--corpus", str(corpus))
    assert code == 0 and "2023-03-14  UK Foreign Minister" in out and "\x1b" not in out
    assert run(capsys, "search", "zebra", "--corpus", str(corpus))[0] == 1
    code, _, err = run(capsys, "search", '"open', "--corpus", str(corpus))
    assert code == 2 and err.startswith("corpus-explorer: Unbalanced quote") and len(err.splitlines()) == 1


def test_show(capsys, corpus):
    code, out, _ = run(capsys, "show", A000, "--corpus", str(corpus))
    assert code == 0 and out.startswith("UK Foreign Minister's visit") and "Tell a friend" not in out
    code, out, _ = run(capsys, "show", A000, "--json", "--corpus", str(corpus))
    data = json.loads(out)
    assert data["publisher"] == "Kazinform" and data["url"] is None and data["text"].startswith("LONDON. KAZINFORM")
    code, _, err = run(capsys, "show", "nope", "--corpus", str(corpus))
    assert code == 2 and "no article" in err


def test_index_json(capsys, corpus):
    code, out, _ = run(capsys, "index", "--json", "--corpus", str(corpus))
    data = json.loads(out)
    assert code == 0 and data["articles"] == 5 and data["added"] == 5 and data["rebuilt"]
    data = json.loads(run(capsys, "index", "--json", "--corpus", str(corpus))[1])
    assert data["unchanged"] == 5 and not data["rebuilt"]


def test_config_path_and_show(capsys, tmp_path, monkeypatch):
    path = tmp_path / "config.yaml"
    monkeypatch.setenv("CORPUS_EXPLORER_CONFIG", str(path))
    assert run(capsys, "config", "--path")[1].strip() == str(path)
    path.write_text("sort: title\ntheme: 7\n", encoding="utf-8")
    code, out, err = run(capsys, "config", "--show", "--json")
    data = json.loads(out)
    assert code == 0 and data["sort"] == "title" and data["theme"] == "textual-dark"
    assert "setting 'theme' (line 2)" in err


def test_config_corpus_is_the_default(capsys, tmp_path, monkeypatch, corpus):
    path = tmp_path / "config.yaml"
    path.write_text(f"corpus: {corpus}\n", encoding="utf-8")
    monkeypatch.setenv("CORPUS_EXPLORER_CONFIG", str(path))
    (corpus / "articles" / f"{A000}.md").unlink()
    assert json.loads(run(capsys, "index", "--json")[1])["articles"] == 4


def test_usage_errors_exit_2(capsys):
    assert main(["search"]) == 2
    assert main(["--no-such-flag"]) == 2
    assert main(["--version"]) == 0


def test_python_dash_m_works(corpus):
    result = subprocess.run(
        [sys.executable, "-m", "tui", "search", "Vassilenko", "--corpus", str(corpus)], capture_output=True, text=True
    )
    assert result.returncode == 0 and "Vasilenko" in result.stdout and "3 hits" in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_in_a_browser(corpus):
    pytest.importorskip("textual_serve")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", str(port), "--corpus", str(corpus)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        page = ""
        for _ in range(100):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "corpus-explorer" in page and "<html" in page.lower()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_entities_json(capsys, corpus):
    code, out, _ = run(capsys, "entities", "--type", "person", "--json", "--corpus", str(corpus))
    rows = json.loads(out)
    assert code == 0 and all(set(r) == {"name", "type", "aliases", "articles", "mentions"} for r in rows)
    vassilenko = next(r for r in rows if r["name"] == "Roman Vassilenko")
    assert "Roman Vasilenko" in vassilenko["aliases"] and len(vassilenko["articles"]) == 3
    assert {r["type"] for r in rows} == {"person"}


def test_search_expands_names(capsys, corpus):
    data = json.loads(run(capsys, "search", "Cleverley", "--json", "--corpus", str(corpus))[1])
    assert data["total"] == 2 and data["expanded"][0]["typed"] == "Cleverley"


def test_cite_prints_what_the_app_copies(capsys, corpus):
    code, out, _ = run(capsys, "cite", A000, "--style", "apa", "--corpus", str(corpus))
    assert code == 0 and out.strip() == (
        "UK Foreign Minister’s visit to Kazakhstan: New opportunities for both countries. (2023, March 14). Kazinform."
    )
    code, out, _ = run(capsys, "cite", A000, "--style", "harvard", "--in-text", "--corpus", str(corpus))
    assert out.strip() == "(Kazinform, 2023)"
    code, out, _ = run(capsys, "cite", A000, "--style", "csl-json", "--corpus", str(corpus))
    assert json.loads(out)[0]["type"] == "article-newspaper"
    assert run(capsys, "cite", "nope", "--corpus", str(corpus))[0] == 2


def test_missing_corpus_is_an_input_error(capsys, tmp_path):
    code, _, err = run(capsys, "search", "x", "--corpus", str(tmp_path / "nope"))
    assert code == 2 and "does not exist" in err
    assert run(capsys, "entities", "--type", "Organisation", "--corpus", str(tmp_path / "nope"))[0] == 2


def test_style_names_are_case_insensitive(capsys, corpus):
    assert run(capsys, "cite", A000, "--style", "APA", "--corpus", str(corpus))[0] == 0
