"""A deterministic generator of realistic synthetic corpora in the corpus format.

    python -m benchmarks.generate OUT_DIR --size 10000 [--seed 1]

Each article is `articles/<id>.md` with the YAML front matter of the README ("The corpus
format"), then a body of 300-700 words in paragraphs. The text is built from:

- a Zipfian vocabulary (exponent 1.0): about 250 English function and news words at the
  head, then 150,000 pronounceable pseudo-words, so common terms are in most articles and
  the tail words in a handful;
- recurring names of people, organisations and places (each with its own Zipfian
  popularity), mentioned in about a third of the sentences and in most titles;
- dates spread over 25 years (2000-2024), about 5% undated (`date: null`);
- 20 publishers (Zipfian shares), about 3% unknown (`publisher: null`);
- authors, URLs and source file names on some articles, and a page-boilerplate line
  ("Tell a friend", "Photo: mfa.gov.kz", ...) on about one in ten.

Article `i` depends only on the seed and `i` (and the ids before it, for uniqueness), so a
corpus of 1,000 is the first 1,000 articles of the corpus of 50,000. Same seed, same bytes;
only file modification times differ.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import math
import os
import random
import re
import sys
import time
from pathlib import Path

GENERATOR_VERSION = 1
DEFAULT_SEED = 20250301
TAIL_WORDS = 150_000
FIRST_DATE = dt.date(2000, 1, 1)
LAST_DATE = dt.date(2024, 12, 31)
UNDATED_SHARE = 0.05
UNKNOWN_PUBLISHER_SHARE = 0.03

# --- word lists ----------------------------------------------------------------------------

FUNCTION_WORDS = """the of and to in a that for is on with as was by at said it from be has have
are an which its will not their this also were been would more after but or who had about
they than other over new into two up last year years first one can out all there when some
between most our we such three under during while these only before against his her them
any may could since both them through per""".split()

NEWS_WORDS = """government minister ministry president country countries foreign affairs
cooperation development economic trade investment agreement meeting talks visit official
officials security energy oil gas pipeline bank banks market markets policy political
parliament election elections reform reforms support partnership relations bilateral
international regional national strategic dialogue agenda summit delegation embassy
ambassador council committee commission project projects programme company companies
sector industry infrastructure transport railway port logistics education university
students health hospital agriculture grain water climate environment emissions mining
uranium copper technology digital innovation finance budget tax exports imports growth
inflation currency prices billion million percent dollars capital region city border
defence military forces cooperation law court justice rights media press statement
report reports data research science culture heritage tourism sport youth women children
business investors fund funds loan credit sanctions conflict peace crisis negotiations
memorandum framework initiative forum conference session plenary deputy secretary chairman
director head leader leaders people public private joint annual future current major key
important significant further continue continued discussed signed announced noted stressed
expressed welcomed agreed held opened launched increased expected plans plan issues issue
level levels number part group groups system services service work working role area areas
spokesman spokeswoman correspondent interview week month day today""".split()

FIRST_NAMES = """James David Mukhtar Kassym Nursultan Alikhan Askar Yerlan Dariga Aigerim Gulnara
Saule Timur Marat Erlan Nurlan Bakhyt Karim Olga Elena Irina Anna Maria Sophie Emma Charlotte
Oliver Harry George William Thomas Jack Edward Richard Robert Michael Peter Paul John Mark
Andrew Stephen Daniel Simon Catherine Victoria Elizabeth Margaret Helen Sarah Rachel Laura
Dmitry Sergei Vladimir Alexei Nikolai Igor Yulia Natalia Tatiana Svetlana Roman Arman Dias
Aliya Madina Zhanna Rustam Ruslan Bolat Kanat Daulet Serik Azamat Zhandos""".split()

LAST_NAMES = """Cleverly Tokayev Smailov Tileuberdi Vassilenko Abdrakhmanov Docherty Skeels Straw
Nazarbayev Mamin Ashimbayev Koshanov Bektenov Nurtleu Vassilyev Smith Jones Taylor Brown
Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White Roberts Green Hall
Wood Jackson Clarke Patel Khan Lewis James Morgan Cooper Hughes Edwards Turner Hill Moore
Ivanov Petrov Sidorov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Volkov Orlov
Suleimenov Zhakupov Kassymov Omarov Akhmetov Baimukhanov Dzhaksybekov Yessimov Iskakov
Sarsenbayev Temirkhanov Utemisov Zhumabayev Kenzhebekov Mukanov Shaikenov Abenov""".split()

ORGANISATIONS = [
    "Ministry of Foreign Affairs", "European Bank for Reconstruction and Development",
    "British Council", "Astana International Financial Centre", "KazMunayGas", "Kazatomprom",
    "Samruk-Kazyna", "World Bank", "Asian Development Bank", "United Nations",
    "European Union", "OSCE", "Shanghai Cooperation Organisation", "Eurasian Economic Union",
    "Foreign Office", "House of Commons", "Chatham House", "British-Kazakh Society",
    "National Bank", "Ministry of Energy", "Ministry of Trade and Integration",
    "Ministry of Education", "Nazarbayev University", "University of Cambridge",
    "University of Oxford", "London Stock Exchange", "Shell", "BP", "Rio Tinto", "HSBC",
    "Standard Chartered", "Department for International Trade", "Mazhilis", "Senate",
    "Constitutional Court", "Supreme Court", "Central Election Commission",
    "Intergovernmental Commission", "Chamber of Commerce", "Atameken",
    "International Monetary Fund", "NATO", "Council of Europe", "Red Cross", "UNESCO",
    "World Health Organization", "Kazakh Invest", "Baiterek", "KEGOC", "Air Astana",
]

PLACES = """Kazakhstan London Astana Almaty Shymkent Karaganda Aktobe Atyrau Aktau Pavlodar
Kostanay Taraz Oskemen Semey Kyzylorda Turkestan Petropavl Uralsk Zhezkazgan Ekibastuz
Britain England Scotland Wales Manchester Edinburgh Birmingham Glasgow Cardiff Oxford
Cambridge Brussels Geneva Vienna Berlin Paris Moscow Beijing Tashkent Bishkek Dushanbe
Ashgabat Baku Tbilisi Yerevan Ankara Istanbul Tehran Kabul Delhi Tokyo Seoul Washington
Dubai Doha Riyadh Caspian Europe Asia Russia China Uzbekistan Kyrgyzstan Tajikistan
Turkmenistan Azerbaijan Georgia Turkey Iran Afghanistan India Japan Korea America Canada
Germany France Italy Spain Poland Ukraine Belarus Mongolia""".split() + [
    "Central Asia", "United Kingdom", "United States", "Middle East", "South Caucasus",
]

PUBLISHERS = [
    ("Kazinform", "inform.kz"), ("Astana Times", "astanatimes.com"), ("Tengrinews", "tengrinews.kz"),
    ("Kursiv", "kursiv.media"), ("The Guardian", "theguardian.com"), ("BBC News", "bbc.co.uk"),
    ("Reuters", "reuters.com"), ("Financial Times", "ft.com"), ("Eurasianet", "eurasianet.org"),
    ("RFE/RL", "rferl.org"), ("Interfax-Kazakhstan", "interfax.kz"), ("TASS", "tass.com"),
    ("The Diplomat", "thediplomat.com"), ("Vlast.kz", "vlast.kz"), ("Forbes Kazakhstan", "forbes.kz"),
    ("Kapital.kz", "kapital.kz"), ("The Times", "thetimes.co.uk"), ("Bloomberg", "bloomberg.com"),
    ("Mfa.gov.kz", "gov.kz"), ("Gov.uk", "gov.uk"),
]

BOILERPLATE_LINES = [
    "Tell a friend", "Photo: mfa.gov.kz", "Share this article", "Photo: akorda.kz",
    "Follow us on Telegram", "Advertisement",
]

TITLE_TEMPLATES = [
    "{person} visits {place} to discuss {w1} {w2}",
    "{place} and {place2} sign {w1} agreement",
    "{org} announces new {w1} {w2} in {place}",
    "{place}'s {w1} {w2}: {person} says {w3} will {w4}",
    "{person} meets {person2} on {w1} and {w2}",
    "{w1} {w2} between {place} and {place2} reaches new level",
    "{org}: {w1} {w2} expected to grow in {year}",
    "{place} hosts {w1} forum with {org}",
    "Why {place} matters for {w1} {w2}",
    "{person}: '{w1} {w2} is a priority for {place}'",
    "{place} to expand {w1} {w2} with {place2}",
    "{org} and {org2} launch {w1} {w2}",
]

_CONSONANTS = "b c d f g h j k l m n p r s t v w z b d k l m n r s t br dr gr kr pl st tr sh ch kh".split()
_VOWELS = "a e i o u a e i o u a e o y ai ei ou".split()
_ENDINGS = ["", "", "", "", "n", "r", "s", "t", "l", "m", "k", "x", "nd", "rt", "st", "ng", "ov", "an"]


def _pseudo_words(count: int, seed: int) -> list[str]:
    """Pronounceable, unique, lower-case pseudo-words (not in the English head list)."""
    rng = random.Random(seed)
    taken = set(FUNCTION_WORDS) | set(NEWS_WORDS)
    words: list[str] = []
    while len(words) < count:
        syllables = rng.choice((1, 2, 2, 2, 2, 3, 3))
        word = "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))
        word += rng.choice(_ENDINGS)
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


def _zipf_cum_weights(n: int, exponent: float = 1.0) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, n + 1)))


EULER_GAMMA = 0.5772156649015329
_EXACT_HEAD = 2000


class ZipfSampler:
    """Draw ranks 0..n-1 with weight 1/rank (exponent 1), fast.

    The first 2,000 ranks by bisection over their exact cumulative weights; beyond them the
    harmonic number is ln r + gamma + 1/2r to within 1e-7, so the rank comes from inverting that.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self.head = _zipf_cum_weights(min(n, _EXACT_HEAD), 1.0)
        self.total = self.head[-1] + sum(1.0 / r for r in range(_EXACT_HEAD + 1, n + 1))

    def ranks(self, rng: random.Random, k: int) -> list[int]:
        head, total, n, limit = self.head, self.total, self.n, self.head[-1]
        out = []
        for _ in range(k):
            x = rng.random() * total
            if x < limit:
                out.append(bisect.bisect(head, x))
            else:
                out.append(min(int(math.exp(x - EULER_GAMMA)), n - 1))
        return out


class Vocabulary:
    """The word list with Zipfian weights, and the named entities with theirs."""

    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        rng = random.Random(seed ^ 0x5EED)
        head = FUNCTION_WORDS + NEWS_WORDS
        self.words = head + _pseudo_words(TAIL_WORDS, seed)
        self.sampler = ZipfSampler(len(self.words))
        self.content = NEWS_WORDS + self.words[len(head) : len(head) + 3000]
        self.content_cum = _zipf_cum_weights(len(self.content), 0.9)
        people = sorted({f"{f} {l}" for f in FIRST_NAMES for l in LAST_NAMES})
        rng.shuffle(people)
        self.people = people[:600]
        self.people_cum = _zipf_cum_weights(len(self.people), 1.1)
        self.orgs = list(ORGANISATIONS)
        rng.shuffle(self.orgs)
        self.orgs_cum = _zipf_cum_weights(len(self.orgs), 1.0)
        self.places = list(PLACES)
        rng.shuffle(self.places)
        self.places_cum = _zipf_cum_weights(len(self.places), 1.0)
        self.publishers_cum = _zipf_cum_weights(len(PUBLISHERS), 0.8)

    def rank_of(self, word: str) -> int:
        return self.words.index(word) + 1


def _pick(rng: random.Random, items: list[str], cum: list[float]) -> str:
    return items[bisect.bisect(cum, rng.random() * cum[-1])]


def _yaml_str(value: str | None) -> str:
    if value is None:
        return "null"
    return "'" + value.replace("'", "''") + "'"


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(title: str) -> str:
    main = re.split(r"[:?!|]", title, maxsplit=1)[0]
    slug = _SLUG.sub("-", main.lower().replace("'", "")).strip("-")
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0]
    return slug or "article"


class Generator:
    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        self.seed = seed
        self.vocab = Vocabulary(seed)
        self._days = (LAST_DATE - FIRST_DATE).days

    def _entity(self, rng: random.Random) -> str:
        kind = rng.random()
        v = self.vocab
        if kind < 0.4:
            return _pick(rng, v.people, v.people_cum)
        if kind < 0.7:
            return _pick(rng, v.places, v.places_cum)
        return "the " + _pick(rng, v.orgs, v.orgs_cum)

    def _title(self, rng: random.Random, date: dt.date | None) -> str:
        v = self.vocab
        words = rng.choices(v.content, cum_weights=v.content_cum, k=4)
        fill = {
            "person": _pick(rng, v.people, v.people_cum),
            "person2": _pick(rng, v.people, v.people_cum),
            "place": _pick(rng, v.places, v.places_cum),
            "place2": _pick(rng, v.places, v.places_cum),
            "org": _pick(rng, v.orgs, v.orgs_cum),
            "org2": _pick(rng, v.orgs, v.orgs_cum),
            "year": str((date or LAST_DATE).year + 1),
            "w1": words[0], "w2": words[1], "w3": words[2], "w4": words[3],
        }
        title = rng.choice(TITLE_TEMPLATES).format(**fill)
        return title[0].upper() + title[1:]

    def _body(self, rng: random.Random, publisher: str | None) -> str:
        v = self.vocab
        n_words = rng.randint(300, 700)
        vocabulary = v.words
        words = [vocabulary[r] for r in v.sampler.ranks(rng, n_words)]
        paragraphs: list[str] = []
        sentences: list[str] = []
        i = 0
        while i < n_words:
            length = rng.randint(8, 24)
            chunk = words[i : i + length]
            i += length
            if rng.random() < 0.35:
                chunk.insert(rng.randrange(len(chunk) + 1), self._entity(rng))
            if rng.random() < 0.15:
                chunk.insert(rng.randrange(1, len(chunk) + 1), str(rng.randint(2, 2024)))
            if rng.random() < 0.2 and len(chunk) > 6:
                comma = rng.randrange(3, len(chunk) - 2)
                chunk[comma] += ","
            sentence = " ".join(chunk)
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
            if len(sentences) >= rng.randint(2, 6):
                paragraphs.append(" ".join(sentences))
                sentences = []
        if sentences:
            paragraphs.append(" ".join(sentences))
        if publisher and rng.random() < 0.5:
            place = _pick(rng, v.places, v.places_cum).upper()
            paragraphs[0] = f"{place}. {publisher.upper()} {paragraphs[0]}"
        if rng.random() < 0.1:
            line = rng.choice(BOILERPLATE_LINES)
            if rng.random() < 0.5:
                paragraphs.insert(0, line)
            else:
                paragraphs.append(line)
        return "\n\n".join(paragraphs) + "\n"

    def article(self, i: int) -> tuple[str, str]:
        """(base id, file text without the id line's final value) for article i."""
        rng = random.Random(self.seed * 1_000_003 + i)
        date = None if rng.random() < UNDATED_SHARE else FIRST_DATE + dt.timedelta(days=rng.randrange(self._days + 1))
        if rng.random() < UNKNOWN_PUBLISHER_SHARE:
            publisher, domain = None, None
        else:
            publisher, domain = PUBLISHERS[bisect.bisect(self.vocab.publishers_cum, rng.random() * self.vocab.publishers_cum[-1])]
        title = self._title(rng, date)
        authors = [_pick(rng, self.vocab.people, self.vocab.people_cum) for _ in range(rng.choice((0, 0, 0, 1, 1, 2)))]
        slug = _slug(title)
        url = f"https://www.{domain}/news/{slug}-{rng.randrange(10**6)}" if domain and rng.random() < 0.5 else None
        source = f"{i:06d}_{rng.getrandbits(64):016x}.txt" if rng.random() < 0.6 else None
        body = self._body(rng, publisher)
        base_id = f"{date.isoformat() if date else 'undated'}-{slug}"
        rest = (
            f"title: {_yaml_str(title)}\n"
            f"date: {date.isoformat() if date else 'null'}\n"
            f"publisher: {_yaml_str(publisher)}\n"
            f"authors: [{', '.join(_yaml_str(a) for a in authors)}]\n"
            f"url: {_yaml_str(url)}\n"
            f"language: en\n"
            f"source: {_yaml_str(source)}\n"
            f"---\n{body}"
        )
        return base_id, rest

    def write(self, out: Path, size: int, progress: bool = False) -> Path:
        """Write articles 0..size-1 to out/articles/; returns out."""
        articles = out / "articles"
        articles.mkdir(parents=True, exist_ok=True)
        taken: set[str] = set()
        started = time.perf_counter()
        for i in range(size):
            base_id, rest = self.article(i)
            article_id, n = base_id, 2
            while article_id in taken:
                article_id, n = f"{base_id}-{n}", n + 1
            taken.add(article_id)
            with open(articles / f"{article_id}.md", "w", encoding="utf-8") as fh:
                fh.write(f"---\nid: {article_id}\n{rest}")
            if progress and (i + 1) % 10000 == 0:
                print(f"  generated {i + 1}/{size} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        return out


def marker_for(out: Path) -> Path:
    return out.parent / f".{out.name}.generated.json"


def ensure_corpus(out: Path, size: int, seed: int = DEFAULT_SEED, progress: bool = False) -> tuple[Path, float]:
    """The corpus of `size` articles at out, generated unless an identical one is already there.

    Returns (out, seconds spent generating; 0.0 when an existing one was reused).
    """
    marker = marker_for(out)
    want = {"version": GENERATOR_VERSION, "seed": seed, "size": size}
    try:
        found = json.loads(marker.read_text())
        if {k: found.get(k) for k in want} == want and len(os.listdir(out / "articles")) == size:
            return out, 0.0
    except (OSError, ValueError, AttributeError):
        pass
    if out.exists():
        import shutil

        shutil.rmtree(out)
    started = time.perf_counter()
    Generator(seed).write(out, size, progress=progress)
    seconds = time.perf_counter() - started
    marker.write_text(json.dumps({**want, "seconds": round(seconds, 2)}))
    return out, seconds


def generation_seconds(out: Path) -> float | None:
    """How long the corpus at out took to generate (recorded beside it)."""
    try:
        return json.loads(marker_for(out).read_text()).get("seconds")
    except (OSError, ValueError, AttributeError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to create (its articles/ subfolder is written)")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    _, seconds = ensure_corpus(args.out, args.size, args.seed, progress=True)
    print(f"{args.size} articles in {args.out} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
