#!/usr/bin/env python3
"""Fuzz the query language: random and adversarial queries against a real index.

    python scripts/fuzz_queries.py --count 10000            # the long run
    python scripts/fuzz_queries.py --count 500 --known-slow # also the shapes known to be slow

Queries come from the same hypothesis strategies as tests/hostile/test_query_fuzz.py (which
CI runs with 200 examples). Each query runs in a worker process with a time limit, so a
query that never ends is counted as a timeout instead of hanging the run. The corpus is the
bundled articles plus the hostile-text files (markup, escape sequences, RTL, CJK, emoji),
copied to a temporary folder; nothing is written anywhere else.

Prints the counts: results, query errors (with the most common messages), exceptions,
timeouts and slow queries. Exits 1 when any query raised or timed out.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

INTERNALS = ("index out of range", "recursion", "has no attribute", "Traceback", "NoneType")


def _worker(connection, corpus: str, cache: str) -> None:
    from tui.core.index import CorpusIndex
    from tui.core.search import make_snippet, match_spans, search

    index = CorpusIndex(Path(corpus), cache_dir=Path(cache))
    index.sync()
    metas = {a.path: a for a in index.articles}
    connection.send("ready")
    while True:
        text = connection.recv()
        if text is None:
            return
        started = time.perf_counter()
        try:
            outcome = search(index, text)
            if outcome.error is not None:
                message = outcome.error.message
                position = outcome.error.position
                bad_position = position is not None and not 0 <= position <= len(text)
                kind = "unclear error" if (not message.strip() or bad_position or any(i in message for i in INTERNALS)) else "query error"
                if message.startswith("The search failed"):
                    kind = "search failed"
                result = (kind, message)
            else:
                for hit in outcome.hits[:2]:
                    article, _ = index.read(metas[hit.path])
                    body = index.boilerplate.clean(article.body)
                    make_snippet(body, match_spans(body, outcome.words))
                result = ("results" if outcome.hits else "no results", "")
        except Exception:  # noqa: BLE001 - that is what we are looking for
            result = ("exception", traceback.format_exc(limit=4))
        connection.send((*result, time.perf_counter() - started))


class Runner:
    """A worker process answering queries; restarted after a timeout."""

    def __init__(self, corpus: Path, cache: Path, timeout: float) -> None:
        self.corpus, self.cache, self.timeout = corpus, cache, timeout
        self.context = multiprocessing.get_context("spawn")
        self._start()

    def _start(self) -> None:
        self.connection, child = self.context.Pipe()
        self.process = self.context.Process(target=_worker, args=(child, str(self.corpus), str(self.cache)), daemon=True)
        self.process.start()
        if not self.connection.poll(120) or self.connection.recv() != "ready":
            raise RuntimeError("the fuzzing worker did not start")

    def run(self, text: str) -> tuple[str, str, float]:
        self.connection.send(text)
        if self.connection.poll(self.timeout):
            return self.connection.recv()
        self.process.kill()
        self.process.join()
        self._start()
        return ("timeout", f"no answer in {self.timeout:g} s", self.timeout)

    def close(self) -> None:
        self.connection.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()


def build_corpus(folder: Path) -> Path:
    from tests.hostile.kinds import KINDS, add_good, make_kinds
    from tui.core.index import CorpusIndex

    corpus = folder / "corpus"
    corpus.mkdir()
    add_good(corpus)
    make_kinds(corpus, [k for k in KINDS if k.name in ("markup", "escapes", "rtl", "cjk", "emoji", "latin1")])
    CorpusIndex(corpus, cache_dir=folder / "cache").sync()
    return corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="queries to try (default 10000)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: derandomized, reproducible)")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds before a query counts as hung")
    parser.add_argument("--slow", type=float, default=1.0, help="seconds above which a query counts as slow")
    parser.add_argument("--known-slow", action="store_true", help="include fuzzy~N>2 and giant single words")
    args = parser.parse_args(argv)

    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    from tests.hostile.query_strategies import ADVERSARIAL, queries

    counts: collections.Counter[str] = collections.Counter()
    messages: collections.Counter[str] = collections.Counter()
    worst: list[tuple[float, str]] = []
    failures: dict[tuple[str, str], list] = {}  # (kind, detail) -> [count, first query]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fuzz-queries-") as tmp:
        corpus = build_corpus(Path(tmp))
        runner = Runner(corpus, Path(tmp) / "cache", args.timeout)

        def one(text: str) -> None:
            kind, detail, seconds = runner.run(text)
            counts[kind] += 1
            counts["total"] += 1
            if kind in ("query error", "unclear error", "search failed"):
                messages[detail.split(":")[0][:60]] += 1
            if kind in ("exception", "timeout", "unclear error", "search failed"):
                key = (kind, detail.strip().splitlines()[-1][:200] if detail.strip() else "")
                failures.setdefault(key, [0, text[:100]])[0] += 1
            if seconds > args.slow:
                counts["slow"] += 1
            worst.append((seconds, text[:60]))
            worst.sort(reverse=True)
            del worst[5:]
            if counts["total"] % 1000 == 0:
                print(f"  {counts['total']} queries, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

        for text in ADVERSARIAL:
            one(text)
        test = settings(
            max_examples=max(args.count - len(ADVERSARIAL), 1), derandomize=args.seed is None, database=None,
            deadline=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck),
        )(given(queries(known_slow=args.known_slow))(one))
        if args.seed is not None:
            test = hypothesis_seed(args.seed)(test)
        test()
        runner.close()

    elapsed = time.perf_counter() - started
    print(f"queries tried      {counts['total']}  ({elapsed:.0f} s)")
    print(f"  with results     {counts['results']}")
    print(f"  no results       {counts['no results']}")
    print(f"  query errors     {counts['query error']}  (a QueryError with a clear message)")
    print(f"  unclear errors   {counts['unclear error']}  (a QueryError quoting an internal exception)")
    print(f"  search failed    {counts['search failed']}")
    print(f"  exceptions       {counts['exception']}")
    print(f"  timeouts         {counts['timeout']}  (> {args.timeout:g} s)")
    print(f"  slow             {counts['slow']}  (> {args.slow:g} s)")
    print("most common error messages:")
    for message, n in messages.most_common(10):
        print(f"  {n:6}  {message}")
    print("slowest queries:")
    for seconds, text in worst:
        print(f"  {seconds:6.2f} s  {text!r}")
    if failures:
        print("problems found (kind: message — times seen — first query):")
        for (kind, detail), (n, text) in sorted(failures.items(), key=lambda item: -item[1][0])[:20]:
            print(f"  {kind}: {detail} — {n}× — e.g. {text!r}")
    return 1 if counts["exception"] or counts["timeout"] else 0


if __name__ == "__main__":
    sys.exit(main())
