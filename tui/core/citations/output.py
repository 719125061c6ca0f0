"""A small model of citeproc-js's output queue.

Styles build a tree of :class:`Blob` nodes that mirrors the groups of the CSL
layout (prefix, suffix, delimiter, decorations).  :func:`render` then does what
citeproc-js does before it prints: it moves and merges punctuation across
node boundaries (``?`` + ``.`` gives ``?``, a comma or period moves inside
closing quotes when the locale puts punctuation in quotes) and serialises the
tree as plain text or as HTML.  Keeping citeproc's tree walk, rather than
patching strings, is what makes the edge cases (a title ending in ``?`` or in
a quotation) come out the same.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

# Pairs of punctuation marks that meet at a node boundary, left to right.
_MERGE = {
    "!": {".": "!", "?": "!?", ":": "!", ",": "!,", ";": "!;"},
    "?": {"!": "?!", ".": "?", ":": "?", ",": "?,", ";": "?;"},
    ".": {"!": ".!", "?": ".?", ":": ".:", ",": ".,", ";": ".;"},
    ":": {"!": "!", "?": "?", ".": ":", ",": ":,", ";": ":;"},
    ",": {"!": ",!", "?": ",?", ":": ",:", ".": ",.", ";": ",;"},
    ";": {"!": "!", "?": "?", ":": ";", ",": ";,", ".": ";"},
}
_MERGE_RTL: dict[str, dict[str, str]] = {}
for _left, _row in _MERGE.items():
    for _right, _merged in _row.items():
        _MERGE_RTL.setdefault(_right, {})[_left] = _merged
PUNCT = frozenset(_MERGE)
_PUNCT_OR_SPACE = PUNCT | {" "}
_SWAP_IN = PUNCT - {";", ":"}  # may move inside closing quotes
_SWAP_OUT = PUNCT - {".", "!", "?"}
_FONT_DECOR = ("@font-style", "@font-variant", "@font-weight", "@text-decoration", "@vertical-align")

# Unicode superscripts that citeproc's HTML output spells as <sup>...</sup>.
_SUPERSCRIPTS = (
    "ª²³¹ºʰʱʲʳʴʵʶʷʸˠˡˢˣˤᴬᴭᴮᴰᴱᴲᴳᴴᴵᴶᴷᴸᴹᴺᴼᴽᴾᴿᵀᵁᵂᵃᵄᵅᵆᵇᵈᵉᵊᵋᵌᵍᵏᵐᵑᵒᵓᵔᵕᵖᵗᵘᵙᵚᵛᵜᵝᵞᵟᵠᵡ"
    "⁰ⁱ⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ℠™㆒㆓㆔㆕㆖㆗㆘㆙㆚㆛㆜㆝㆞㆟ˀˁۥۦ"
)


def _superscript_base(char: str) -> str:
    decomposition = unicodedata.decomposition(char).split()
    if decomposition and decomposition[0] == "<super>":
        return "".join(chr(int(code, 16)) for code in decomposition[1:])
    return char


_SUPER_MAP = {c: _superscript_base(c) for c in _SUPERSCRIPTS}


@dataclass
class Blob:
    """One node: a string leaf (``blobs`` is str) or a group of nodes."""

    blobs: str | list[Blob]
    prefix: str = ""
    suffix: str = ""
    delimiter: str = ""
    decorations: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_leaf(self) -> bool:
        return isinstance(self.blobs, str)


@dataclass(frozen=True)
class Quotes:
    """The locale's quotation marks and punctuation-in-quote option."""

    open: str
    close: str
    open_inner: str
    close_inner: str
    punctuation_in_quote: bool


EN_US = Quotes("\u201c", "\u201d", "\u2018", "\u2019", True)
EN_GB = Quotes("\u2018", "\u2019", "\u201c", "\u201d", False)


def group(*children: Blob | None, delimiter: str = "", prefix: str = "", suffix: str = "",
          decorations: list[tuple[str, str]] | None = None) -> Blob | None:
    """A CSL <group>: None (suppressed) when no child rendered anything."""
    kids = [c for c in children if c is not None and not _is_empty(c)]
    if not kids:
        return None
    return Blob(kids, prefix=prefix, suffix=suffix, delimiter=delimiter, decorations=list(decorations or []))


def _is_empty(blob: Blob) -> bool:
    if blob.is_leaf:
        return not blob.blobs
    return all(_is_empty(c) for c in blob.blobs)


def _has_decorations(blob: Blob, include_quotes: bool = False) -> bool:
    names = _FONT_DECOR + (("@quotes",) if include_quotes else ())
    return any(d[0] in names for d in blob.decorations)


def _has_descendant_quotes(blob: Blob) -> bool:
    if any(d[0] == "@quotes" and d[1] != "false" for d in blob.decorations):
        return True
    if blob.is_leaf or not blob.blobs:
        return False
    return _has_descendant_quotes(blob.blobs[-1])


def _has_descendant_merging_punct(parent_char: str, blob: Blob) -> bool:
    child_char = blob.suffix[-1:]
    if not child_char and blob.is_leaf:
        child_char = blob.blobs[-1:]
    merged = _MERGE_RTL.get(parent_char, {}).get(child_char)
    if merged and len(merged) == 1:
        return True
    if blob.is_leaf or not blob.blobs:
        return False
    return _has_descendant_merging_punct(parent_char, blob.blobs[-1])


def _match_last_char(blob: Blob, char: str) -> bool:
    if char not in PUNCT:
        return False
    if blob.is_leaf:
        return blob.blobs[-1:] == char
    if not blob.blobs:
        return False
    child = blob.blobs[-1]
    if not child.suffix[-1:]:
        return _match_last_char(child, char)
    return child.suffix[-1:] == char


class _Slot:
    """A mutable reference to a blob's text, prefix or suffix."""

    def __init__(self, blob: Blob, attr: str):
        self.blob, self.attr = blob, ("blobs" if attr == "blobs" else attr)

    def get(self) -> str:
        return getattr(self.blob, self.attr)

    def set(self, value: str) -> None:
        setattr(self.blob, self.attr, value)


def _merge_chars(first: Blob, first_attr: str, second: Blob, second_attr: str, merge_right: bool = False) -> None:
    left, right = _Slot(first, first_attr), _Slot(second, second_attr)
    first_char, second_char = left.get()[-1:], right.get()[:1]
    if first_char == second_char:
        if merge_right:
            left.set(left.get()[:-1])
        else:
            right.set(right.get()[1:])
        return
    if merge_right:
        if first_char not in _MERGE:
            return
        merged = _MERGE[first_char].get(second_char)
        if merged is not None:
            left.set(left.get()[:-1])
            right.set(merged + right.get()[1:])
        else:
            right.set(first_char + right.get())
            left.set(left.get()[:-1])
    else:
        if second_char not in _MERGE_RTL:
            return
        merged = _MERGE_RTL[second_char].get(first_char)
        if merged is not None:
            left.set(left.get()[:-1] + merged)
            right.set(right.get()[1:])
        else:
            left.set(left.get() + second_char)
            right.set(right.get()[1:])


def _upward(parent: Blob) -> None:
    if parent.is_leaf:
        if parent.suffix[:1] in PUNCT and parent.suffix[:1] == parent.blobs[-1:]:
            parent.suffix = parent.suffix[1:]
        return
    if not parent.blobs:
        return
    parent_decorated = _has_decorations(parent, True)
    for i in range(len(parent.blobs) - 1, -1, -1):
        child = parent.blobs[i]
        _upward(child)
        if i == 0:
            if parent.prefix[-1:] == " " and child.prefix[:1] == " ":
                child.prefix = child.prefix[1:]
            char = child.prefix[:1]
            if not parent_decorated and char and char in _PUNCT_OR_SPACE and not parent.prefix:
                parent.prefix += char
                child.prefix = child.prefix[1:]
        if i == len(parent.blobs) - 1:
            char = child.suffix[-1:]
            if not parent_decorated and char == " ":
                if parent.suffix[:1] != char:
                    parent.suffix = char + parent.suffix
                child.suffix = child.suffix[:-1]
        if parent.delimiter and i > 0:
            last = parent.delimiter[-1:]
            if last in _PUNCT_OR_SPACE and last == child.prefix[:1]:
                child.prefix = child.prefix[1:]


def _leftward(parent: Blob) -> None:
    if parent.is_leaf or not parent.blobs:
        return
    for i in range(len(parent.blobs) - 1, -1, -1):
        _leftward(parent.blobs[i])
        if i < len(parent.blobs) - 1 and not parent.delimiter:
            child, sibling = parent.blobs[i], parent.blobs[i + 1]
            sibling_char = sibling.prefix[:1]
            decorated = _has_decorations(child) or _has_decorations(sibling)
            if not decorated and sibling_char and sibling_char in PUNCT:
                same_as_suffix = sibling_char == child.suffix[-1:]
                same_as_field = not child.suffix and child.is_leaf and child.blobs[-1:] == sibling_char
                if not same_as_suffix and not same_as_field:
                    _merge_chars(child, "suffix", sibling, "prefix")
                else:
                    sibling.prefix = sibling.prefix[1:]


def _downward(parent: Blob, punct_in_quote: bool) -> None:
    if parent.is_leaf:
        if parent.suffix[:1] in PUNCT and parent.suffix[:1] == parent.blobs[-1:]:
            parent.suffix = parent.suffix[1:]
        return
    if not parent.blobs:
        return
    if parent.delimiter and parent.delimiter[:1] in PUNCT:
        delim_char = parent.delimiter[:1]
        for child in parent.blobs[:-1]:
            if child.suffix[-1:] != delim_char:
                child.suffix += delim_char
        parent.delimiter = parent.delimiter[1:]
    last = len(parent.blobs) - 1
    for i in range(last, -1, -1):
        child = parent.blobs[i]
        child_decorated = _has_decorations(child, True)
        if i == last:
            parent_char = parent.suffix[:1]
            allow = False
            if parent_char and parent_char in PUNCT:
                allow = _has_descendant_merging_punct(parent_char, child)
                if not allow and punct_in_quote:
                    allow = _has_descendant_quotes(child)
            if allow:
                if child.is_leaf:
                    _merge_chars(child, "blobs", parent, "suffix")
                else:
                    _merge_chars(child, "suffix", parent, "suffix")
                if parent.suffix[:1] == ".":
                    child.suffix += "."
                    parent.suffix = parent.suffix[1:]
            if child.suffix[-1:] == " " and parent.suffix[:1] == " ":
                parent.suffix = parent.suffix[1:]
            if child.suffix[:1] and child.suffix[:1] in _PUNCT_OR_SPACE:
                if child.is_leaf and child.blobs[-1:] == child.suffix[:1]:
                    child.suffix = child.suffix[1:]
                if child.suffix[-1:] == parent.suffix[:1]:
                    parent.suffix = parent.suffix[:-1]
            if parent.suffix and _match_last_char(parent, parent.suffix[:1]):
                parent.suffix = parent.suffix[1:]
        elif parent.delimiter:
            first = parent.delimiter[:1]
            if first in _PUNCT_OR_SPACE and first == child.suffix[-1:]:
                child.suffix = child.suffix[:-1]
        else:
            sibling = parent.blobs[i + 1]
            char = child.suffix[-1:]
            if not child_decorated and char and char in _PUNCT_OR_SPACE and char == sibling.prefix[:1]:
                sibling.prefix = sibling.prefix[1:]
        if not child_decorated and child.suffix[:1] in PUNCT and child.suffix[:1] and child.is_leaf:
            _merge_chars(child, "blobs", child, "suffix")
        _downward(child, punct_in_quote)


def _swap_to_the_left(child: Blob) -> None:
    while child.suffix[:1] and child.suffix[:1] in _SWAP_IN:
        if child.is_leaf:
            _merge_chars(child, "blobs", child, "suffix")
        else:
            _merge_chars(child.blobs[-1], "suffix", child, "suffix")


def _swap_to_the_right(child: Blob) -> None:
    if child.is_leaf:
        while child.blobs[-1:] and child.blobs[-1:] in _SWAP_OUT:
            _merge_chars(child, "blobs", child, "suffix", True)
    else:
        while child.blobs[-1].suffix[-1:] and child.blobs[-1].suffix[-1:] in _SWAP_OUT:
            _merge_chars(child.blobs[-1], "suffix", child, "suffix", True)


def _fix(parent: Blob, punct_in_quote: bool) -> None:
    if parent.is_leaf or not parent.blobs:
        return
    for child in parent.blobs:
        if any(d[0] == "@quotes" and d[1] != "false" for d in child.decorations):
            if punct_in_quote:
                _swap_to_the_left(child)
            else:
                _swap_to_the_right(child)
        _fix(child, punct_in_quote)


def _escape_html(text: str) -> str:
    text = text.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")
    out, i = [], 0
    while i < len(text):  # citeproc turns each pair of spaces into "nbsp space"
        if text[i].isspace() and i + 1 < len(text) and text[i + 1].isspace():
            out.append("\u00a0 ")
            i += 2
            continue
        char = text[i]
        out.append(f"<sup>{_SUPER_MAP[char]}</sup>" if char in _SUPER_MAP else char)
        i += 1
    return "".join(out)


_HTML_DECOR = {
    ("@font-style", "italic"): "<i>%s</i>",
    ("@font-style", "normal"): '<span style="font-style:normal;">%s</span>',
}


def _decorate(text: str, decorations: list[tuple[str, str]], html: bool, quotes: Quotes) -> str:
    for decoration in decorations:
        if decoration == ("@quotes", "true"):
            text = quotes.open + text + quotes.close
        elif decoration == ("@quotes", "inner"):
            text = quotes.open_inner + text + quotes.close_inner
        elif html and decoration in _HTML_DECOR:
            text = _HTML_DECOR[decoration] % text
    return text


def _serialise(blob: Blob, html: bool, quotes: Quotes) -> str:
    esc = _escape_html if html else (lambda s: s)
    if blob.is_leaf:
        text = esc(blob.blobs)
    else:
        parts = [p for p in (_serialise(c, html, quotes) for c in blob.blobs) if p]
        text = esc(blob.delimiter).join(parts)
    if not text:
        return ""
    text = _decorate(text, blob.decorations, html, quotes)
    return esc(blob.prefix) + text + esc(blob.suffix)


def render(blob: Blob | None, quotes: Quotes, html: bool = False) -> str:
    """Adjust punctuation as citeproc-js does, then print the tree."""
    if blob is None:
        return ""
    _upward(blob)
    _leftward(blob)
    _downward(blob, quotes.punctuation_in_quote)
    _fix(blob, quotes.punctuation_in_quote)
    return _serialise(blob, html, quotes)
