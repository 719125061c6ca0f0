"""Untrusted text made safe for a terminal, and the display form of an article body.

Article text comes from the web. Before anything is shown or printed we remove
terminal control sequences (CSI, OSC — including OSC 52 clipboard writes and
OSC 8 links —, DCS and friends, bare ESC) and other control characters, so a
hostile article cannot drive the terminal. Markup is never interpreted: the UI
renders these strings as plain text, never through a markup parser.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ ... ST|BEL),
# and two-character escapes (ESC + one char). The 8-bit C1 forms are handled the same way.
# An unterminated string sequence ends at the end of its line, so it cannot hide the rest of
# an article.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?                          # CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\n]*?(?:\x07|\x1b\\|\x9c|(?=\n)|$)  # OSC, DCS, SOS, PM, APC
  | \x1b[ -/]*[0-~]?                                           # other ESC sequences, bare ESC
    """,
    re.VERBOSE | re.DOTALL,
)
# Remaining C0 controls except tab and newline, DEL, C1 controls, and the explicit bidi
# embeddings, overrides and isolates (U+202A-202E, U+2066-2069) that can reorder what is shown
# ("Trojan Source"); right-to-left letters themselves are kept.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BLANK_RUN = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")


def strip_control(text: str) -> str:
    """Remove terminal control sequences and control characters; tabs become spaces."""
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    return text.replace("\t", "    ")


def one_line(text: str) -> str:
    """Control-free text on a single line (for titles and other metadata in lists)."""
    return " ".join(strip_control(text).split())


def collapse_blank_lines(text: str) -> str:
    """Collapse runs of blank lines into one blank line and trim the ends."""
    return _BLANK_RUN.sub("\n\n", text).strip("\n")
