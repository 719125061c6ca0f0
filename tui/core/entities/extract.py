"""Rule-based extraction of person, organization, place and figure mentions.

The text is tokenized, known names are matched against the gazetteer, and the
remaining capitalised words are grouped into *spans*: capitalised words joined
by "of", "for", "and", "on" (and "the" after those), cut at punctuation, line
breaks and possessives. Each span is then read left to right:

* organisations: a head word ("... Authority", "Ministry of ...") grows over
  its modifiers and "of"-complements; a country or demonym in front
  ("Kazakh MFA", "UK House of Commons") is kept in the mention and, for
  generic institutions, in the identity key;
* places: gazetteer names, hyphen compounds ("Kazakhstan-UK"), "X Sea";
* persons: runs of name-like words need evidence: a title before them
  ("Deputy Foreign Minister"), "MP" after, an apposition (", Roman
  Vasilenko,"), a role noun ("chairman X"), a reporting verb, a known first
  name, or a name already found in the same text (surnames alone, spelling
  variants);
* acronyms defined in parentheses after a mention are reused in the text.

Precision comes first: an unknown capitalised phrase without evidence is not
reported at all.
"""

from __future__ import annotations

import re

from .figures import extract_figures
from .gazetteer import Gazetteer, GazEntry, default_gazetteer
from .categories import (
    ACR, CONN, CUE, DEM, DEMX, G, HPL, INIT, MONTH, NAME, PCUE, PORT, POST, ROMAN, STOP, TITLE,
    word_category,
)
from .lexicon import (
    CORPORATE_SUFFIXES,
    LOWER_TITLES,
    NAME_PARTICLES,
    SPEECH_AFTER,
    SPEECH_BEFORE,
    STANDALONE_ORG_CUES,
)
from .model import ORGANIZATION, PERSON, PLACE, Mention
from .names import acronym_matches, similar_surname
from .tokens import WORD, Token, starts_sentence, tokenize

_NAMEISH = (NAME, INIT, ROMAN, MONTH)
_COMPLEMENT = (NAME, PORT, CUE, DEM, DEMX, ACR, HPL)
_HEADLINE_WORD_RE = re.compile(r"[^\W\d_][\w’'-]*")
_WORD_BEFORE_RE = re.compile(r"([a-z]+)[\s,«»“”\"]*$")
_WORD_AFTER_RE = re.compile(r"\s*([a-z]+)")
_CURRENCY_AFTER = frozenset(("dollar", "dollars"))
_HEADLINE_MAX = 160  # characters: longer lines are prose
_ROLES = "|".join(sorted(LOWER_TITLES))
_ROLE_BEFORE_RE = re.compile(rf"\b(?:{_ROLES})\s+$")
_ROLE_APPOSITION_RE = re.compile(rf"\b(?:{_ROLES})\b[^.;:!?\n]{{0,60}},\s*$")


class _Item:
    __slots__ = ("cat", "i", "j", "start", "end", "text", "entry", "parts")

    def __init__(self, cat: str, i: int, j: int, start: int, end: int, text: str,
                 entry: GazEntry | None = None, parts: list | None = None):
        self.cat = cat
        self.i = i  # first token index
        self.j = j  # one past the last token index
        self.start = start
        self.end = end
        self.text = text
        self.entry = entry
        self.parts = parts  # HPL: [(start, end, entry)]

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.cat}:{self.text!r}"


class _Span:
    """Capitalised words (and their joiners) read as one unit."""

    __slots__ = ("items", "comma_before", "used")

    def __init__(self, items: list[_Item], comma_before: bool):
        self.items = items
        self.comma_before = comma_before  # only ", " separates it from the previous span
        self.used = [False] * len(items)


def extract(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """All mentions in ``text``, sorted by position; offsets index ``text``."""
    return _Extractor(text, gazetteer if gazetteer is not None else default_gazetteer()).run()


class _Extractor:
    def __init__(self, text: str, gaz: Gazetteer):
        self.text = text
        self.gaz = gaz
        self.toks: list[Token] = tokenize(text)
        self.mentions: list[Mention] = []
        self._common: dict[str, bool] = {}
        self._headline: dict[int, bool] = {}
        self.spans: list[_Span] = []
        self.pending: list[tuple[_Span, int, int]] = []  # name runs without evidence yet
        self.known_full: set[str] = set()  # casefolded full names found in this text
        self.known_surnames: set[str] = set()

    # ----------------------------------------------------------------- driver
    def run(self) -> list[Mention]:
        self._build_spans()
        for si, span in enumerate(self.spans):
            headline = self._is_headline(span.items[0].start)
            self._organizations(span)
            self._places(span)
            self._persons(si, span, headline)
        self._pending_persons()
        self._acronym_mentions()
        out = self.mentions + extract_figures(self.text)
        out.sort(key=lambda m: (m.start, -m.end))
        return out

    # ------------------------------------------------------------ word level
    def _is_common_word(self, word: str) -> bool:
        """Does the word also occur in lower case in this text ("Meeting", "Joint")?"""
        found = self._common.get(word)
        if found is None:
            low, text, found = word.lower(), self.text, False
            pos = text.find(low)
            while pos != -1:
                end = pos + len(low)
                before_ok = pos == 0 or not text[pos - 1].isalpha()
                if before_ok and (end == len(text) or not text[end].isalpha()):
                    found = True
                    break
                pos = text.find(low, end)
            self._common[word] = found
        return found

    def _is_headline(self, pos: int) -> bool:
        """Title Case headlines: capitalisation says nothing there."""
        ls = self.text.rfind("\n", 0, pos) + 1
        cached = self._headline.get(ls)
        if cached is None:
            le = self.text.find("\n", pos)
            le = len(self.text) if le == -1 else le
            cached = False
            line = self.text[ls:le].rstrip(" \t\r\"”»’'")
            # Short, no sentence punctuation, nearly every word capitalised.
            if len(line) <= _HEADLINE_MAX and line[-1:] not in (".", "!", "?") and ". " not in line:
                words = _HEADLINE_WORD_RE.findall(line)
                caps = sum(1 for w in words if w[0].isupper())
                cached = len(words) >= 4 and caps >= 0.75 * len(words)
            self._headline[ls] = cached
        return cached

    def _category(self, tok: Token) -> tuple[str, list | None]:
        w = tok.text
        cache = self.gaz.word_cache
        cached = cache.get(w)
        if cached is None:
            if len(cache) > 200_000:
                cache.clear()
            cached = cache[w] = word_category(w, self.gaz)
        cat, rel_parts = cached
        if cat == NAME and self._is_common_word(w) and starts_sentence(self.text, tok.start):
            return STOP, None  # "Considering ...", "Regular ..." at a sentence start
        if rel_parts:
            return cat, [(tok.start + s, tok.start + e, entry) for s, e, entry in rel_parts]
        return cat, None

    # ------------------------------------------------------------ spans
    def _build_spans(self) -> None:
        toks = self.toks
        n = len(toks)
        gaz = self.gaz
        items: list[_Item] = []
        i = 0
        while i < n:
            t = toks[i]
            if t.kind == WORD and t.text[0].isupper():
                hit = gaz.match(self.text, toks, i)
                if (hit is not None and hit[0] == i + 1 and hit[1].type == PLACE and items
                        and items[-1].cat == NAME and items[-1].j == i and t.adj
                        and items[-1].text in gaz.given_names):
                    hit = None  # "Michael Jordan", "Georgia ... " keeps the person
                if hit is not None:
                    j, entry = hit
                    s, e = t.start, toks[j - 1].end
                    items.append(_Item(G, i, j, s, e, self.text[s:e], entry))
                    i = j
                    continue
                cat, parts = self._category(t)
                items.append(_Item(cat, i, i + 1, t.start, t.end, t.text, None, parts))
            elif t.kind == WORD or t.text == "&":  # the tokenizer keeps only joiners in lower case
                items.append(_Item(CONN, i, i + 1, t.start, t.end, t.text))
            i += 1

        cur: list[_Item] = []
        comma_before = False

        def close() -> None:
            nonlocal cur
            while cur and cur[-1].cat == CONN:
                cur.pop()
            if cur:
                self.spans.append(_Span(cur, comma_before))
            cur = []

        for it in items:
            if it.cat == STOP:
                close()
                continue
            joined = False
            if cur:
                prev = cur[-1]
                if it.i == prev.j and toks[it.i].adj and not toks[prev.j - 1].poss:
                    if it.cat != CONN:
                        joined = True
                    elif prev.cat == CONN:
                        joined = it.text == "the" and prev.text in ("of", "for", "on")  # "of the"
                    else:
                        joined = it.text != "the"
            if joined:
                cur.append(it)
                continue
            prev_tok_end = cur[-1].j if cur else -10
            close()
            if it.cat == CONN:
                continue
            # Is the previous span separated from this one by a lone comma?
            comma_before = (
                prev_tok_end >= 0 and it.i == prev_tok_end + 1 and toks[prev_tok_end].text == ","
                and toks[prev_tok_end].adj and toks[it.i].adj
            )
            cur = [it]
        close()

    # ------------------------------------------------------------ organizations
    def _organizations(self, span: _Span) -> None:
        items, used = span.items, span.used
        for k, it in enumerate(items):
            if not used[k] and it.cat == CUE:
                self._org_from_cue(span, k)
        for k, it in enumerate(items):
            if not used[k] and it.cat == G and it.entry.type == ORGANIZATION:
                self._org_from_gazetteer(span, k)

    def _qualifier(self, span: _Span, k: int) -> str | None:
        """Country named by the item before ``k``: a demonym or a country name."""
        if k <= 0 or span.used[k - 1]:
            return None
        p = span.items[k - 1]
        if p.cat == DEM:
            return self.gaz.demonym(p.text)
        if p.cat == G and p.entry.kind == "country":
            return p.entry.name
        return None

    def _of_place(self, span: _Span, k: int) -> tuple[int, GazEntry] | None:
        """"of [the] <place>" right after item ``k``: (index of the place, entry)."""
        items, n = span.items, len(span.items)
        m = k + 1
        if m >= n or items[m].cat != CONN or items[m].text != "of":
            return None
        m += 1
        if m < n and items[m].cat == CONN and items[m].text == "the":
            m += 1
        if m < n and not span.used[m] and items[m].cat == G and items[m].entry.type == PLACE:
            return m, items[m].entry
        return None

    def _org_from_cue(self, span: _Span, k: int) -> None:
        items, used = span.items, span.used
        left = k
        while left > 0 and not used[left - 1]:
            p = items[left - 1]
            if p.cat in (NAME, PORT, CUE, DEMX, HPL, ACR, INIT) or (
                p.cat == G and p.entry.kind != "country"
            ):
                left -= 1
            elif (p.cat == CONN and p.text in ("and", "&") and left >= 2 and not used[left - 2]
                  and items[left - 2].cat in (NAME, PORT, CUE)):
                left -= 2
            else:
                break
        if items[k].text in CORPORATE_SUFFIXES and left == k - 1 and items[left].cat == G \
                and items[left].entry.type == ORGANIZATION:
            # "Shell Plc" is Shell
            self._add(ORGANIZATION, items[left].start, items[k].end, items[left].entry.name, True)
            used[left] = used[k] = True
            return
        last, tail = self._org_tail(span, k)
        country = self._qualifier(span, left)
        core_last = last
        if tail is not None:
            core_last = tail[0] - 1
            while items[core_last].cat == CONN:
                core_last -= 1
        words = sum(1 for x in range(left, last + 1) if items[x].cat != CONN)
        if words < 2 and not (country and items[k].text in STANDALONE_ORG_CUES):
            return
        core = self.text[items[left].start:items[core_last].end]
        generic = all(items[x].cat in (CUE, PORT, CONN) for x in range(left, core_last + 1))
        if tail is not None:
            key = f"{core} of {tail[1].name}"
        elif country and generic:
            key = f"{core} of {country}"
        else:
            key = core
        first = left - 1 if country else left
        self._add(ORGANIZATION, items[first].start, items[last].end, key, False)
        for x in range(first, last + 1):
            used[x] = True

    def _org_tail(self, span: _Span, k: int) -> tuple[int, tuple[int, GazEntry] | None]:
        """Grow an organisation name rightwards over its complements."""
        items, used, n = span.items, span.used, len(span.items)
        last, j, tail = k, k + 1, None
        while j < n and not used[j]:
            it = items[j]
            if it.cat == CONN and it.text in ("of", "for", "on"):
                m = j + 1
                if m < n and items[m].cat == CONN and items[m].text == "the":
                    m += 1
                if m >= n or used[m]:
                    break
                nxt = items[m]
                if nxt.cat == G and nxt.entry.type == PLACE:
                    last = m
                    if it.text == "of":
                        tail = (m, nxt.entry)
                    break  # "... of Kazakhstan" closes the name
                if nxt.cat not in _COMPLEMENT and not (nxt.cat == G and nxt.entry.type == ORGANIZATION):
                    break
                j = m
            elif it.cat == CONN and it.text in ("and", "&") and last > k:
                if j + 1 >= n or used[j + 1] or items[j + 1].cat not in _COMPLEMENT:
                    break
                j += 1
            else:
                break
            while j < n and not used[j] and items[j].cat in _COMPLEMENT:
                last = j
                j += 1
        if tail is None and last > k:
            # A person name after a portfolio complement belongs to a title:
            # "... Committee for Human Rights John Smith".
            r = last
            while r > k and items[r].cat == NAME:
                r -= 1
            if last - r >= 2 and items[r].cat in (PORT, G):
                last = r
        return last, tail

    def _org_from_gazetteer(self, span: _Span, k: int) -> None:
        items, used = span.items, span.used
        it = items[k]
        entry = it.entry
        country = self._qualifier(span, k)
        first, last = (k - 1 if country else k), k
        if entry.generic:
            of = self._of_place(span, k)
            if of is not None:
                last, place = of
                country = place.name
            if country is None and it.j - it.i == 1 and starts_sentence(self.text, it.start):
                return  # "Government officials said ...": a bare generic word
            key = f"{entry.name} of {country}" if country else entry.name
            curated = False
        else:
            key, curated = entry.name, True
        self._add(ORGANIZATION, items[first].start, items[last].end, key, curated)
        for x in range(first, last + 1):
            used[x] = True

    # ------------------------------------------------------------ places
    def _places(self, span: _Span) -> None:
        items, used = span.items, span.used
        for k, it in enumerate(items):
            if used[k] or it.cat != PCUE:
                continue
            left = k
            while left > 0 and not used[left - 1] and k - left < 4 and (
                items[left - 1].cat in (NAME, PORT, ROMAN, TITLE, INIT)
                or (items[left - 1].cat == G and items[left - 1].entry.type == PLACE)
            ):
                left -= 1
            if left < k:
                s, e = items[left].start, it.end
                self._add(PLACE, s, e, self.text[s:e], False)
                for x in range(left, k + 1):
                    used[x] = True
        for k, it in enumerate(items):
            if used[k]:
                continue
            if it.cat == G and it.entry.type == PLACE:
                after = _WORD_AFTER_RE.match(self.text, it.end)
                if after is not None and after.group(1) in _CURRENCY_AFTER:
                    continue  # "US dollars" names a currency
                self._add(PLACE, it.start, it.end, it.entry.name, True)
                used[k] = True
            elif it.cat == HPL:
                for s, e, entry in it.parts:
                    self._add(PLACE, s, e, entry.name, True)
                used[k] = True

    # ------------------------------------------------------------ persons
    def _persons(self, si: int, span: _Span, headline: bool) -> None:
        items, used, n = span.items, span.used, len(span.items)
        k = 0
        while k < n:
            if used[k] or items[k].cat not in (NAME, INIT):
                k += 1
                continue
            s, m = k, k + 1
            while m < n and not used[m]:
                c = items[m].cat
                if c in (NAME, INIT):
                    m += 1
                elif c in (ROMAN, MONTH) and items[m - 1].cat == NAME:
                    m += 1
                elif (c == CONN and items[m].text in NAME_PARTICLES and m + 1 < n
                      and items[m + 1].cat == NAME):
                    m += 1
                else:
                    break
            e = m - 1
            if items[e].cat == INIT:
                e -= 1  # a trailing initial is a sentence end ("Plan B.")
            if e >= s:
                if not headline and self._evidence(si, span, s, e):
                    self._add_person(span, s, e)
                else:
                    self.pending.append((span, s, e))
            k = m

    def _name_words(self, span: _Span, s: int, e: int) -> list[str]:
        return [it.text for it in span.items[s:e + 1] if it.cat != CONN]

    def _evidence(self, si: int, span: _Span, s: int, e: int) -> bool:
        items = span.items
        words = self._name_words(span, s, e)
        if len(words) > 4:
            return False
        # Names made of common words ("Joint Statement", "Meeting") need more.
        if len(words) == 1:
            plausible = not self._is_common_word(words[0])
        else:
            plausible = not all(self._is_common_word(w) for w in words)
        if not plausible:
            return False
        if len(words) == 1:
            if s > 0 and items[s - 1].cat == TITLE:  # "Minister Tileuberdi", not "Minister of Treasury"
                return True
        elif self._title_before(si, span, s):
            return True
        if e + 1 < len(items) and items[e + 1].cat == POST:
            return True
        if len(words) >= 2 and e == len(items) - 1 and self._title_after_comma(si):
            return True
        last_word = words[-1]
        if self._is_common_word(last_word):
            return False
        start = items[s].start
        if _ROLE_BEFORE_RE.search(self.text, max(0, start - 16), start):
            return True  # "chairman Meirzhan Yussupov"
        if len(words) >= 2 and s == 0 and e == len(items) - 1 \
                and _ROLE_APPOSITION_RE.search(self.text, max(0, start - 80), start):
            return True  # "ambassador to the UK, Magzhan Ilyassov"
        if self._reporting_verb(start, items[e].end):
            return True
        given = self.gaz.given_names
        # A known first name: "Jack Straw", "Khoja Ahmed Yasawi".
        return len(words) >= 2 and (words[0] in given or (len(words) >= 3 and words[1] in given))

    def _title_before(self, si: int, span: _Span, s: int) -> bool:
        """A title to the left in the span, or across one comma:
        "Deputy Foreign Minister of the Republic of Kazakhstan, Roman Vasilenko"."""
        if self._scan_for_title(span, s - 1):
            return True
        only_filler = all(it.cat in (PORT, CONN) for it in span.items[:s])
        if only_filler and span.comma_before and si > 0:
            prev = self.spans[si - 1]
            return self._scan_for_title(prev, len(prev.items) - 1)
        return False

    def _scan_for_title(self, span: _Span, k: int) -> bool:
        items, used = span.items, span.used
        while k >= 0:
            c = items[k].cat
            if c == TITLE:
                return True
            if c in _NAMEISH and not used[k]:
                return False
            k -= 1
        return False

    def _title_after_comma(self, si: int) -> bool:
        """"Nusrat Ghani, First Deputy Speaker of ..."."""
        if si + 1 >= len(self.spans):
            return False
        nxt = self.spans[si + 1]
        if not nxt.comma_before:
            return False
        cats = [it.cat for it in nxt.items[:2]]
        return cats[0] == TITLE or (len(cats) > 1 and cats[0] in (DEM, G) and cats[1] == TITLE)

    def _reporting_verb(self, start: int, end: int) -> bool:
        """"said Docherty", "Cleverly explained"."""
        before = _WORD_BEFORE_RE.search(self.text, max(0, start - 20), start)
        if before is not None and before.group(1) in SPEECH_BEFORE:
            return True
        after = _WORD_AFTER_RE.match(self.text, end)
        return after is not None and after.group(1) in SPEECH_AFTER

    def _add_person(self, span: _Span, s: int, e: int) -> None:
        items = span.items
        start, end = items[s].start, items[e].end
        words = self._name_words(span, s, e)
        key = " ".join(words)
        self._add(PERSON, start, end, key, False)
        for x in range(s, e + 1):
            span.used[x] = True
        if len(words) >= 2:
            self.known_full.add(key.casefold())
            last = words[-1] if items[e].cat != ROMAN else words[-2]
            self.known_surnames.add(last.casefold())
        else:
            self.known_surnames.add(words[0].casefold())

    def _pending_persons(self) -> None:
        """Second pass: names already seen elsewhere in the same text."""
        if not self.known_surnames:
            return
        for span, s, e in self.pending:
            words = self._name_words(span, s, e)
            key = " ".join(words).casefold()
            if len(words) >= 2:
                if key in self.known_full:
                    self._add_person(span, s, e)
                continue
            if key in self.known_surnames or any(
                similar_surname(key, known) for known in self.known_surnames
            ):
                self._add_person(span, s, e)

    # ------------------------------------------------------------ acronyms
    def _acronym_mentions(self) -> None:
        """"Gangmasters and Labor Abuse Authority (GLAA)" defines GLAA for this text."""
        toks = self.toks
        by_end = {m.end: m for m in self.mentions if m.type in (ORGANIZATION, PLACE)}
        defined: dict[str, Mention] = {}
        items = [it for span in self.spans for it, u in zip(span.items, span.used) if it.cat == ACR and not u]
        for it in items:
            i = it.i
            if it.text in defined or i < 2 or i + 1 >= len(toks):
                continue
            if toks[i - 1].text == "(" and toks[i + 1].text == ")" and toks[i - 1].adj:
                target = by_end.get(toks[i - 2].end)
                if target is not None and acronym_matches(it.text, target.text):
                    defined[it.text] = target
        for it in items:
            target = defined.get(it.text)
            if target is not None:
                self._add(target.type, it.start, it.end, target.key, target.curated)

    # ------------------------------------------------------------ output
    def _add(self, etype: str, start: int, end: int, key: str, curated: bool) -> None:
        self.mentions.append(Mention(etype, self.text[start:end], start, end, key, curated))
