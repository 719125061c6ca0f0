"""Money amounts, percentages and counts ("$18 billion", "60%", "about 600 companies").

Policy for amounts without a stated currency ("661 million in FDI"): they are
money only when the same text stated a currency earlier ("1.8 billion US
dollars") *and* a money word (trade, investment, FDI, export...) sits on the
same line nearby; they then inherit that currency. Otherwise a bare
"N million" is not reported (it could count people or tonnes).
"""

from __future__ import annotations

import re

from .model import FIGURE, Mention

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"trillion|billion|million|thousand|bn|mln|mn"
_SCALES = {"trillion": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mln": 1e6,
           "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3}
_SYMBOLS = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "₸": "KZT", "₽": "RUB", "¥": "CNY"}
_CODES = "USD|GBP|EUR|KZT|RUB|CNY"
_CURRENCY_WORDS = (
    r"(?:US |U\.S\. |American )?dollars?|pounds?(?: sterling)?|sterling|euros?|tenge"
    r"|roubles?|rubles?|yuan|" + _CODES
)
_COUNT_NOUNS = (
    "companies|firms|enterprises|businesses|organizations|organisations|people|persons|"
    "citizens|students|tourists|visitors|projects|agreements|documents|contracts|deals|"
    "delegates|participants|jobs|workers|employees|investors|universities|schools|"
    "members|representatives|branches|banks|flights|vehicles|refugees|troops|soldiers|"
    "children|volunteers|specialists|experts|diplomats|graduates|scholarships|startups"
)
_APPROX = (
    r"(?i:about|around|approximately|nearly|almost|over|some|more than|less than|"
    r"fewer than|up to|at least|roughly)"
)

# Every figure contains a number: find the numbers, then look around each one.
_NUMBER_RE = re.compile(rf"(?<![\w.,])(?:{_NUM})")
_SYMBOL_BEFORE_RE = re.compile(r"(?:US\$|[$£€₸₽¥])\s?$")
_CODE_BEFORE_RE = re.compile(rf"\b(?:{_CODES})\s?$")
_APPROX_BEFORE_RE = re.compile(rf"\b{_APPROX}\s$")
_SCALE_AFTER_RE = re.compile(rf"\s?({_SCALE})\b|(bn|[mkb])\b")
_CURRENCY_AFTER_RE = re.compile(rf"(?:\s({_SCALE}))?\s({_CURRENCY_WORDS})\b")
_PERCENT_AFTER_RE = re.compile(r"\s?(?:%|percent\b|per cent\b)")
_COUNT_AFTER_RE = re.compile(rf"\s(?:[\w’'-]+\s)?({_COUNT_NOUNS})\b")
_BARE_AFTER_RE = re.compile(r"\s(trillion|billion|million)\b")
_MONEY_CONTEXT_RE = re.compile(
    r"\b(?:FDI|investments?|invested|investors?|trade|turnover|exports?|imports?|worth|"
    r"budget|revenues?|funding|funds|loans?|capital|GDP|costs?|prices?|value|financing|"
    r"deals?|contracts?|grants?|spending|profits?|sales)\b"
)


def _currency_of_word(word: str) -> str:
    w = word.lower()
    if "dollar" in w or w == "usd":
        return "USD"
    if "pound" in w or "sterling" in w or w == "gbp":
        return "GBP"
    if "euro" in w or w == "eur":
        return "EUR"
    if w in ("tenge", "kzt"):
        return "KZT"
    if "rub" in w or "roub" in w:
        return "RUB"
    return "CNY"


def _number(s: str) -> float:
    return float(s.replace(",", ""))


def extract_figures(text: str) -> list[Mention]:
    out: list[Mention] = []
    currency = ""  # last currency stated explicitly in this text
    for m in _NUMBER_RE.finditer(text):
        s, e = m.span()
        num = m.group()
        lo = max(0, s - 16)
        sym = _SYMBOL_BEFORE_RE.search(text, lo, s)
        code = None if sym else _CODE_BEFORE_RE.search(text, lo, s)
        if sym or code:  # "$1.28 billion", "£3.5m", "USD 5 million"
            currency = _SYMBOLS[sym.group().strip()] if sym else code.group().strip()
            sc = _SCALE_AFTER_RE.match(text, e)
            scale = (sc.group(1) or sc.group(2)) if sc else ""
            out.append(_money(text, (sym or code).start(), sc.end() if sc else e, num, scale, currency))
            continue
        cur = _CURRENCY_AFTER_RE.match(text, e)
        if cur:  # "1.8 billion US dollars"
            currency = _currency_of_word(cur.group(2))
            out.append(_money(text, s, cur.end(), num, cur.group(1) or "", currency))
            continue
        pct = _PERCENT_AFTER_RE.match(text, e)
        if pct:
            value = _number(num)
            out.append(Mention(FIGURE, text[s:pct.end()], s, pct.end(), f"{value:g}%", False,
                               "percent", value, "%"))
            continue
        cnt = _COUNT_AFTER_RE.match(text, e)
        if cnt:  # "around 600 companies", but not the rank in "top 10 investors"
            if text[max(0, s - 4):s].lower() == "top ":
                continue
            approx = _APPROX_BEFORE_RE.search(text, max(0, s - 14), s)
            start = approx.start() if approx else s
            value = _number(num)
            noun = cnt.group(1)
            out.append(Mention(FIGURE, text[start:cnt.end()], start, cnt.end(), f"{value:g} {noun}",
                               False, "count", value, noun))
            continue
        bare = _BARE_AFTER_RE.match(text, e)
        if bare and currency and _money_context(text, s, bare.end()):
            out.append(_money(text, s, bare.end(), num, bare.group(1), currency))
    return out


def _money(text: str, s: int, e: int, num: str, scale: str, currency: str) -> Mention:
    value = _number(num) * _SCALES.get(scale.lower(), 1.0)
    return Mention(FIGURE, text[s:e], s, e, f"{currency} {value:.15g}", False, "money", value, currency)


def _money_context(text: str, start: int, end: int, window: int = 80) -> bool:
    """A money word on the same line within ``window`` characters."""
    lo = max(text.rfind("\n", 0, start) + 1, start - window)
    hi = text.find("\n", end)
    hi = min(len(text) if hi == -1 else hi, end + window)
    return _MONEY_CONTEXT_RE.search(text, lo, hi) is not None
