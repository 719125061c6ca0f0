"""String rules of citeproc-js: title case, quotes and apostrophes.

* :func:`title_case` is citeproc's ``text-case="title"``: every word that is
  all lower case and not a stop word gets a capital; the first word, a word
  after ``:``, ``?`` or ``!``, and the last word get one even when they are
  stop words; hyphens, slashes, brackets and quotes split words; a word that
  already holds a capital (``iPhone``, ``NATO``) is left alone.  Quirk kept:
  a word right after an unmatched quote keeps its original first letter.
* :func:`text_blob` is what citeproc does to every string it prints: a space
  before ``: ; ? !`` becomes a narrow no-break space, straight quotes become
  nested curly quotes (outer level as the locale says, inner level flipped),
  and an apostrophe becomes ``’``.

HTML-like tags in the data (``<i>``…) are printed literally, not as markup.
"""

from __future__ import annotations

import re

from .output import Blob

# citeproc-js's stop words (CSL.SKIP_WORDS), joined as regex source like it does.
_SKIP_WORDS = (
    "about above across afore after against al along alongside amid amidst among amongst "
    "anenst apropos apud around as aside astride at athwart atop barring before behind below "
    "beneath beside besides between beyond but by circa despite down during et except for "
    "forenenst from given in inside into lest like modulo near next notwithstanding of off on "
    "onto out over per plus pro qua sans since than through throughout thruout till to "
    "toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with "
    "within without or yet so for and nor a an the de d' von van c ca"
).split() + [" thru", "according to", "ahead of", "apart from", "as for", "as of", "as per",
             "as regards", "aside from", "back to", "because of", "close to", "due to",
             "except for", "far from", "inside of", "instead of", "near to", "next to", "on to",
             "out from", "out of", "outside of", "prior to", "pursuant to", "rather than",
             "regardless of", "such as", "that of", "up to", "where as"]
_SKIP_RE = re.compile(r"(?:(?:[?!:]*\s+|-|^)(?:" + "|".join(_SKIP_WORDS) + r")(?=[!?:]*\s+|-|$))")

# Where title case splits a string: quotes, punctuation, brackets, tags.
_CASE_TAGS = re.compile(
    "(\u2018|\u2019|\u201c|\u201d| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\\[|\\]|\\(|\\)"
    "|<span style=\"font-variant: small-caps;\">|<span class=\"no(?:case|decor)\">|</span>"
    "|</?(?:i|sc|b|sub|sup)>)"
)
_CASE_TAG_CLOSERS = {
    '<span style="font-variant: small-caps;">': "</span>",
    '<span class="nocase">': "</span>",
    '<span class="nodecor">': "</span>",
    "<sc>": "</sc>",
    "<sub>": "</sub>",
    "<sup>": "</sup>",
}
_SPACES = re.compile("([\u00a0\u0020\u2000-\u200b\u205f\u3000]+)")
_ROMANESQUE = (
    "-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e"
)
ROMANESQUE_RE = re.compile(f"[{_ROMANESQUE}]")


def _split(regex: re.Pattern[str], text: str) -> tuple[list[str], list[str]]:
    """Split into (strings, tags) like citeproc's Doppeler.

    A straight apostrophe followed by text stays in the text (``'s``).
    """
    parts = regex.split(text)
    strings, tags = parts[0::2], parts[1::2]
    for i in range(len(tags) - 1, -1, -1):
        if tags[i] == "'" and strings[i + 1]:
            strings[i + 1] = "'" + strings[i + 1]
            tags[i] = ""
    return strings, tags


def _join(strings: list[str], tags: list[str]) -> str:
    out = [strings[0]]
    for tag, string in zip(tags, strings[1:]):
        out += [tag, string]
    return "".join(out)


def _capitalise(word: str) -> str:
    m = re.match(r"(\s*)(.)(.*)", word, re.S)
    if not m or ("\u0370" <= m.group(2) <= "\u03ff" and not m.group(3)):
        return word  # a lone Greek letter stays as it is
    return m.group(1) + m.group(2).upper() + m.group(3)


class _TitleCase:
    _QUOTE_PAIRS = {' "': (" '", '"'), " '": (' "', "'"), "\u2018": ("\u2018", "\u2019"),
                    "\u201c": ("\u201c", "\u201d")}

    def __init__(self) -> None:
        self.is_first = True
        self.after_punct = False
        self.last_word: tuple[int, int] | None = None
        self.quotes: list[dict] = []

    def words(self, text: str, index: int, following_tag: str | None) -> str:
        if not text.strip():
            return text
        words, spaces = _split(_SPACES, text)
        for j, word in enumerate(words):
            if not word:
                continue
            lower = word.lower()
            if len(word) > 1 and not _SKIP_RE.search(lower):
                capitalise = True
            elif j == len(words) - 1 and following_tag == "-":
                capitalise = True
            else:
                capitalise = self.is_first or self.after_punct
            if capitalise and word == lower:
                words[j] = _capitalise(word)
            self.after_punct = self.is_first = False
            self.last_word = (index, j)
        return _join(words, spaces)

    def quote(self, tag: str, pos: int) -> int | None:
        """Track quote nesting; the position of a quote that failed to pair."""
        m = re.search("(^(?:\u2018|\u2019|\u201c|\u201d|\"|')|(?: \"| ')$)", tag)
        if not m:
            return None
        tag = m.group(1)
        if tag in ("\u201c", "\u2018", ' "', " '"):
            opener, closer = self._QUOTE_PAIRS[tag]
            if not self.quotes or tag == self.quotes[-1]["opener"]:
                self.quotes.append({"opener": opener, "closer": closer, "pos": pos})
                return None
            previous = self.quotes.pop()["pos"]
            self.quotes.append({"opener": opener, "closer": closer, "pos": None})
            return previous
        if self.quotes and tag == self.quotes[-1]["closer"]:
            self.quotes.pop()
            return None
        return pos


def title_case(text: str) -> str:
    """citeproc-js ``text-case="title"`` (see the module docstring)."""
    if not text:
        return ""
    strings, tags = _split(_CASE_TAGS, text)
    original = list(strings)
    state = _TitleCase()
    markup: list[str] = []
    if strings[0].strip():
        strings[0] = state.words(strings[0], 0, tags[0] if tags else None)
    for i, tag in enumerate(tags):
        string = strings[i + 1]
        if tag in _CASE_TAG_CLOSERS:
            markup.append(_CASE_TAG_CLOSERS[tag])
        elif markup and tag == markup[-1]:
            markup.pop()
        if re.search(r"[!?:]$", tag):
            state.after_punct = True
        if not markup:
            # citeproc passes a non-string here, so the hyphen rule never fires
            strings[i + 1] = state.words(string, i + 1, None)
        elif strings[i + 1].strip():
            state.last_word = None
        failed = state.quote(tag, i)
        if failed is not None:
            strings[failed + 1] = original[failed + 1][:1] + strings[failed + 1][1:]
            state.last_word = None
        if string.strip():
            state.is_first = False
            state.after_punct = False
    for quote in state.quotes:
        if quote["pos"] is not None:
            pos = quote["pos"]
            strings[pos + 1] = original[pos + 1][:1] + strings[pos + 1][1:]
    if state.last_word:
        index, j = state.last_word
        words, spaces = _split(_SPACES, strings[index])
        if len(words[j]) > 1 and _SKIP_RE.search(words[j].lower()):
            words[j] = _capitalise(words[j])
        strings[index] = _join(words, spaces)
    return _join(strings, tags)


# ---------------------------------------------------------------- quotes ---

class _FlipFlop:
    """citeproc's FlipFlopper, limited to quotation marks."""

    def __init__(self, open_quote: str, close_quote: str, open_inner: str, close_inner: str):
        straight = {' "': ('"', "true"), " '": ("'", "inner")}
        # opener -> [closer, outer level]; "(" variants share the entry.
        self.data: dict[str, list[str]] = {k: list(v) for k, v in straight.items()}
        self.data['("'] = self.data[' "']
        self.data["('"] = self.data[" '"]
        self.data[open_quote] = [close_quote, "true"]
        self.data[open_inner] = [close_inner, "inner"]
        openers = list(self.data)
        closers = list(dict.fromkeys(v[0] for v in self.data.values()))
        alternatives = "|".join(re.escape(t) for t in openers + closers)
        self.tag_re = re.compile(f"({alternatives})")
        self.openers = set(openers)
        self.closers = set(closers)

    def _set_outer(self, tag: str) -> None:
        flip = {" '": ' "', ' "': " '", '("': "('", "('": '("'}
        self.data[tag][1] = "true"
        self.data[flip[tag]][1] = "inner"

    def parse(self, text: str, context_quoted: bool) -> list[Blob] | None:
        """Children for a leaf holding ``text``, or None when it has no quotes."""
        leading_space = text[:1] == " " and not re.match(r"\s+['\"]", text)
        text = " " + re.sub(f"([{_ROMANESQUE}])\u2019([{_ROMANESQUE}])", r"\1'\2", text)
        parts = self.tag_re.split(text)
        strings, tags = parts[0::2], parts[1::2]
        if not tags:
            return None
        forced: list[bool] = []  # citeproc indexes this list by opener count: kept as is
        for i in range(len(tags) - 1):
            if tags[i] in self.data:
                if strings[i + 1] == "" and tags[i + 1] in ('"', "'"):
                    tags[i + 1] = " " + tags[i + 1]
                    forced.append(True)
                else:
                    forced.append(False)

        def forced_at(k: int) -> bool:
            return 0 <= k < len(forced) and forced[k]

        nesting: list[dict] = []

        def push(tag: str, pos: int) -> int | None:
            """Open or close; the position of a tag that failed, if any."""
            top = nesting[-1] if nesting else None
            if tag in self.openers:
                nesting.append({"closer": self.data[tag][0], "pos": pos})
                return None  # a quote may open inside anything
            if top and tag == top["closer"]:
                nesting.pop()
                return None
            return top["pos"] if top else pos

        for i, tag in enumerate(tags):
            string = strings[i + 1]
            apostrophe = None
            if tag == "'" and re.match(r"[^,.?:; ]", string):
                apostrophe = "\u2019"
            elif tag == " '" and string[:1] == " ":
                apostrophe = " \u2019"
            if apostrophe:
                strings[i + 1] = apostrophe + string
                tags[i] = ""
                continue
            failed = None
            while True:
                failed = push(tag, i)
                if failed is None:
                    break
                if tag in self.closers and tag == "'":
                    strings[i + 1] = "\u2019" + strings[i + 1]
                    tags[i] = ""
                else:
                    failed_tag = tags[failed]
                    if forced_at(failed - 1):
                        failed_tag = failed_tag[1:]
                    strings[failed + 1] = failed_tag + strings[failed + 1]
                    tags[failed] = ""
                if nesting and tag != "'":
                    nesting.pop()
                    continue
                break
            if failed is not None:
                strings[i + 1] = tags[i] + strings[i + 1]
                tags[i] = ""
        for entry in reversed(nesting):  # stray openers become text
            pos = entry["pos"]
            if tags[pos] in (" '", "'"):
                strings[pos + 1] = " \u2019" + strings[pos + 1]
            else:
                strings[pos + 1] = tags[pos] + strings[pos + 1]
            tags[pos] = ""
        for i in range(len(tags) - 1, -1, -1):
            if not tags[i]:
                strings[i] += strings[i + 1]
                del tags[i], strings[i + 1]
        seen = False
        for i, tag in enumerate(tags):
            if tag in (' "', " '", '("', "('"):
                if not seen:
                    self._set_outer(tag)
                    seen = True
                if not forced_at(i - 1):
                    strings[i] += tag[0]
        return self._to_blobs(strings, tags, leading_space, context_quoted)

    def _to_blobs(self, strings: list[str], tags: list[str], leading_space: bool,
                  context_quoted: bool) -> list[Blob]:
        root = Blob([])
        stack = [root]
        levels: list[str] = []
        first = [True]

        def add(text: str, level: str | None = None) -> None:
            if first[0]:
                for _ in range(2):
                    if text[:1] == " ":
                        text = text[1:]
                first[0] = False
            latest = stack[-1]
            if level:
                node = Blob([], decorations=[("@quotes", level)])
                latest.blobs.append(node)
                stack.append(node)
                latest = node
            if text:
                latest.blobs.append(Blob(text))

        add((" " if leading_space else "") + strings[0])
        for tag, text in zip(tags, strings[1:]):
            if tag in self.openers:
                if levels:
                    level = "inner" if levels[-1] == "true" else "true"
                elif context_quoted:
                    level = "inner"
                else:
                    level = self.data[tag][1]
                levels.append(level)
                add(text, level)
            else:
                if levels:
                    levels.pop()
                stack.pop()
                add(text)
        return root.blobs


def prepare(text: str, narrow: bool = True) -> str:
    """What citeproc's output queue does to a string before printing it.

    In citations citeproc-js leaves the space before ``:`` alone (observed)."""
    if narrow:
        text = re.sub(r" ([:;?!\u00bb])", "\u202f\\1", text).replace("\u00ab ", "\u00ab\u202f")
    text = re.sub(r"\s+'", " '", text)
    return re.sub(r"^'", " '", text)


def text_blob(text: str | None, quotes: tuple[str, str, str, str], *, case=None,
              decorations: list[tuple[str, str]] | None = None, prefix: str = "",
              suffix: str = "", narrow: bool = True) -> Blob | None:
    """A leaf for one variable or term, processed as citeproc-js appends it."""
    if not text:
        return None
    text = prepare(text, narrow)
    decorations = list(decorations or [])
    blob = Blob(text, prefix=prefix, suffix=suffix, decorations=decorations)
    original = text
    if text[:1] != " ":
        lead = re.match(r"[:.;!? ]*", text).group(0)
        if lead and lead != text:
            blob.prefix += lead
            blob.blobs = text[len(lead):]
    if case is not None:
        blob.blobs = case(original)  # citeproc cases the unstripped string
    if not ROMANESQUE_RE.search(blob.blobs):  # no italics for e.g. CJK text
        blob.decorations = [d for d in blob.decorations if d[0] != "@font-style"]
    quoted = any(d[0] == "@quotes" and d[1] != "false" for d in blob.decorations)
    children = _FlipFlop(*quotes).parse(blob.blobs, quoted)
    if children is not None:
        blob.blobs = children
    return blob
