"""Untrusted text: control sequences never reach the terminal, markup is never interpreted.

The app's surfaces (list, reader, snippets, problems, notifications, help) are covered in
test_hostile_app.py; the real terminal (clipboard, window title) in test_hostile_tmux.py.
Here: the stripping itself, as a property, and every command-line output, byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.kinds import ESCAPES
from tui.core.loading import Problem
from tui.core.text import one_line, strip_control

FORBIDDEN = {chr(c) for c in range(0x20) if c != 0x0A} | {chr(c) for c in range(0x7F, 0xA0)}
FORBIDDEN |= {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)}
# The same, as UTF-8 bytes a terminal would act on.
FORBIDDEN_BYTES = [ch.encode("utf-8") for ch in sorted(FORBIDDEN) if ch not in "\t"]

PROPERTY = settings(max_examples=200, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Text that leans on the dangerous bytes: escape introducers, terminators, C1 controls.
hostile_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(["\x1b", "[", "]", "\\", "P", "X", "^", "_", "\x07", "\x9b", "\x9c", "\x9d",
                         "\x90", ";", "5", "2", "c", "\n", "\r", "\t", "\x08", "\x7f", "\u202e", "\u2066"]),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=200,
)


@PROPERTY
@given(hostile_text)
def test_strip_control_leaves_no_control_characters(text):
    cleaned = strip_control(text)
    assert not FORBIDDEN & set(cleaned) - {"\n"}
    assert strip_control(cleaned) == cleaned  # idempotent
    line = one_line(text)
    assert "\n" not in line and not FORBIDDEN & set(line)


@PROPERTY
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")).filter(lambda c: c not in FORBIDDEN)))
def test_strip_control_keeps_ordinary_text(text):
    assert strip_control(text) == text


def test_every_kind_of_sequence_is_removed():
    assert strip_control(f"a{ESCAPES}b") == "ab"
    assert strip_control("x\x1b]52;c;cHduZWQ=\nnext line") == "x\nnext line"  # unterminated OSC: its line only
    assert strip_control("\x1b]8;;https://e.example\x1b\\link\x1b]8;;\x1b\\") == "link"
    assert strip_control("a\x1bPq#0;2\x1b\\b") == "ab"  # DCS (sixel)
    assert strip_control("\u202eevil\u202c \u2067x\u2069") == "evil x"  # bidi overrides and isolates
    assert strip_control("مرحبا שלום 中文 👍🏽") == "مرحبا שלום 中文 👍🏽"


def test_problems_are_printable():
    """A problem quotes file contents and names files: its text is one clean line."""
    problem = Problem("bad\x1b]0;T\x07name.md", "YAML error: \x1b]52;c;cHduZWQ=\x07 found\nmore")
    assert problem.reason == "YAML error: found more"
    assert str(problem) == "badname.md: YAML error: found more"


def test_cli_output_has_no_control_sequences(big_corpus, tmp_path):
    """`index`, `show` and `search` over the hostile corpus, in subprocesses, as bytes."""
    env = {**os.environ, "CORPUS_EXPLORER_CACHE": str(tmp_path / "cache"), "PYTHONIOENCODING": "utf-8"}
    corpus = str(big_corpus.root)

    def start(*args):
        return subprocess.Popen([sys.executable, "-m", "tui", *args, "--corpus", corpus],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)

    runs = {"index": start("index", "--status")}
    outputs = {"index": runs["index"].communicate(timeout=120)}  # builds the index once
    runs = {
        "show escapes": start("show", "escapes"),
        "show markup": start("show", "markup"),
        "show ctrlname": start("show", "ctrlname"),
        "show rtl": start("show", "rtl"),
        "search": start("search", "tokescapes OR tokmarkup OR tokctrlname OR tokrtl OR tokescraw"),
        "search --json": start("search", "tokescapes OR tokmarkup OR tokctrlname OR tokrtl", "--json"),
    }
    for name, process in runs.items():
        outputs[name] = process.communicate(timeout=120)
        assert process.returncode == 0, (name, outputs[name][1][-2000:])
    for name, (out, err) in outputs.items():
        for stream in (out, err):
            found = [b for b in FORBIDDEN_BYTES if b in stream]
            assert not found, f"{name}: {found} in {stream[:300]!r}"
    assert b"Escapes in the title" in outputs["show escapes"][0]
    assert b"tokescapes start  middle\nnext line tokescapesnext end" in outputs["show escapes"][0]
    assert b"[@click=app.quit]Quit me[/] [link=https://evil.example]link[/link]" in outputs["show markup"][0]
    assert b"[@click=app.quit]click[/]" in outputs["show markup"][0]
    assert b"ctrlname.md" in outputs["show ctrlname"][0]
    assert "evil override".encode() in outputs["show rtl"][0]
    assert b"problem: bad/escape_raw.md: front matter: YAML error" in outputs["index"][0]
    big_corpus.assert_untouched()
