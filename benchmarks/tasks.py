"""Measurements that run in a fresh child process: `python -m benchmarks.tasks NAME JSON_ARGS`.

Each task prints one line `RESULT <json>` on stdout. Running every measurement in its own
interpreter keeps them independent (no warm caches or memory left over from the previous
one) and makes "a fresh process" literal where the measurement asks for one.
"""

from __future__ import annotations

import asyncio
import cProfile
import datetime as dt
import inspect
import io
import json
import os
import pstats
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

from tui.core.index import CorpusIndex, make_schema
from tui.core.loading import read_article, scan_corpus

RESULT = "RESULT "


# --- helpers ----------------------------------------------------------------------------------


def _profile_text(profiler: cProfile.Profile, limit: int = 25, sort: str = "cumulative") -> str:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats(sort).print_stats(limit)
    lines = out.getvalue().splitlines()
    # Keep the table, drop pstats' preamble.
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    return "\n".join(line.rstrip() for line in lines[start:] if line.strip())


def _entity_terms(index: CorpusIndex):
    """The function giving an article's `entities` field, when this version of sync() fills it."""
    try:
        from tui.core.entities import extract
        from tui.core.entity_store import index_terms

        gazetteer = index.entity_store.gazetteer
    except (ImportError, AttributeError):
        return None
    return lambda text: index_terms(extract(text, gazetteer))


def _documents(index: CorpusIndex, entities: bool = True) -> list[dict]:
    """The field values our sync() indexes, for every article, read exactly as sync() reads them."""
    entries, _ = scan_corpus(index.corpus)
    entity_terms = _entity_terms(index) if entities else None
    docs = []
    for entry in entries:
        article, _, _ = read_article(index.corpus, entry.path, index.boilerplate)
        if article is None:
            continue
        meta = article.meta
        body = index.boilerplate.clean(article.body)
        doc = dict(
            path=entry.path,
            id=meta.id,
            title=meta.title,
            body=body,
            pairs=body,
            date=dt.datetime(meta.date.year, meta.date.month, meta.date.day) if meta.date else None,
            publisher=meta.publisher or "",
        )
        if entity_terms is not None:
            doc["entities"] = entity_terms(body)
        docs.append(doc)
    return docs


def _read_queries(path: str) -> list[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
    return ordered[rank - 1]


# --- 3. cold build ------------------------------------------------------------------------------


def cold_ours(corpus: str, cache_dir: str, profile: bool = False) -> dict:
    """CorpusIndex.sync() from nothing (no manifest, no index)."""
    shutil.rmtree(cache_dir, ignore_errors=True)
    index = CorpusIndex(Path(corpus), cache_dir=Path(cache_dir))
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    cpu = time.process_time()
    if profiler:
        profiler.enable()
    report = index.sync()
    if profiler:
        profiler.disable()
    result = {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "articles": len(index.articles),
        "added": report.added,
        "rebuilt": report.rebuilt,
    }
    if profiler:
        result["profile"] = _profile_text(profiler)
        result["profile_tottime"] = _profile_text(profiler, 20, "tottime")
    return result


def cold_bare(corpus: str, work_dir: str, cache_dir: str | None = None) -> dict:
    """The baseline: one Whoosh writer, same schema, same texts, already in memory."""
    from whoosh.filedb.filestore import FileStorage

    index = CorpusIndex(Path(corpus), cache_dir=Path(cache_dir) if cache_dir else None)
    started = time.perf_counter()
    docs = _documents(index)
    load_seconds = time.perf_counter() - started
    shutil.rmtree(work_dir, ignore_errors=True)
    os.makedirs(work_dir)
    started = time.perf_counter()
    cpu = time.process_time()
    storage = FileStorage(work_dir, supports_mmap=False)
    writer = storage.create_index(make_schema(), indexname="articles").writer()
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    result = {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "load_seconds": load_seconds,
        "articles": len(docs),
        "entities_field": any("entities" in d for d in docs),
    }
    shutil.rmtree(work_dir, ignore_errors=True)
    return result


# --- 2. warm start ------------------------------------------------------------------------------


def warm(corpus: str, cache_dir: str, profile: bool = False) -> dict:
    """sync() of an unchanged, indexed corpus in this fresh process, and the app's start-up path."""
    from tui.core.facets import count_facets, sort_articles

    profiler = cProfile.Profile() if profile else None
    index = CorpusIndex(Path(corpus), cache_dir=Path(cache_dir))
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    report = index.sync()
    if profiler:
        profiler.disable()
    sync_seconds = time.perf_counter() - started
    if report.touched or report.rebuilt:
        raise RuntimeError(f"warm start expected an unchanged corpus: {report}")
    result = {"seconds": sync_seconds, "articles": report.unchanged}
    if profiler:
        result["profile"] = _profile_text(profiler)
        return result

    # What the app does before the list is drawn, step by step (a second, fresh object).
    index = CorpusIndex(Path(corpus), cache_dir=Path(cache_dir))
    steps = {}
    t = time.perf_counter()
    index.load_manifest()
    steps["load_manifest"] = time.perf_counter() - t
    t = time.perf_counter()
    articles = index.articles
    steps["articles"] = time.perf_counter() - t
    t = time.perf_counter()
    sort_articles(articles, "date")
    count_facets(articles)
    steps["sort_and_facets"] = time.perf_counter() - t
    t = time.perf_counter()
    scan_corpus(index.corpus)
    steps["scan_corpus"] = time.perf_counter() - t
    t = time.perf_counter()
    index.sync()  # loads the manifest a second time, as the app's worker does
    steps["sync_again"] = time.perf_counter() - t
    result["steps"] = steps
    return result


# --- 4. incremental update ------------------------------------------------------------------------


def _link_copy(src: Path, dst: Path) -> None:
    """A copy of a corpus made of hard links (fast; we only ever replace files, never write into them)."""

    def link(s, d):
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)

    shutil.copytree(src, dst, copy_function=link)


def _documents_with_path(ix, path: str) -> int:
    with ix.searcher() as searcher:
        return len(list(searcher.document_numbers(path=path)))


def incremental(corpus: str, cache_dir: str, work_dir: str, rounds: int = 5, profile: bool = False) -> dict:
    """One article changed, one added, one removed → sync() → searchable, on a copy of the corpus.

    The copy (hard links) and a copy of its cache let us change files without touching the
    original corpus or its index.
    """
    from tui.core.search import search

    work = Path(work_dir)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    copy, copy_cache = work / "corpus", work / "cache"
    _link_copy(Path(corpus), copy)
    shutil.copytree(cache_dir, copy_cache)

    index = CorpusIndex(copy, cache_dir=copy_cache)
    first = index.sync()
    if first.touched or first.rebuilt:
        raise RuntimeError(f"the copied index should have been current: {first}")

    noop = []
    for _ in range(rounds):
        t = time.perf_counter()
        index.sync()
        noop.append(time.perf_counter() - t)

    entries = sorted(e.path for e in scan_corpus(copy)[0])
    if len(entries) < 2:
        raise RuntimeError("the incremental test needs a corpus of at least 2 articles")
    rounds = max(1, min(rounds, len(entries) // 4))  # each round changes one article and removes another
    picks = [entries[(i * len(entries)) // (4 * rounds)] for i in range(4 * rounds)]
    kinds = ("change", "add", "remove")
    # "sync": the full sync() (a folder scan finds the change); "paths": sync_paths([path]),
    # what the app does for a change it made itself (a metadata edit), with no folder scan.
    timings: dict[str, dict[str, list[float]]] = {
        f"{k}{suffix}": {"sync": [], "search": [], "total": [], "merge": []} for k in kinds for suffix in ("", "@paths")
    }
    checks: list[str] = []
    profile_text = None

    def measure(kind: str, expect_word: str | None, expect_path: str, present: bool, via_paths: bool) -> None:
        nonlocal profile_text
        profiler = cProfile.Profile() if profile and kind == "change" and not via_paths and profile_text is None else None
        t0 = time.perf_counter()
        if profiler:
            profiler.enable()
        report = index.sync_paths([expect_path]) if via_paths else index.sync()
        t1 = time.perf_counter()
        found = search(index, expect_word, limit=20) if expect_word else None
        t2 = time.perf_counter()
        if profiler:
            profiler.disable()
            profile_text = _profile_text(profiler)
        index.entities  # the sidebar's table, merged again after the change (in the app: in the background)
        t3 = time.perf_counter()
        key = kind + ("@paths" if via_paths else "")
        timings[key]["sync"].append(t1 - t0)
        timings[key]["search"].append(t2 - t1)
        timings[key]["total"].append(t2 - t0)
        timings[key]["merge"].append(t3 - t2)
        kind = key
        touched = {"change": report.changed, "add": report.added, "remove": report.removed}[kind.split("@")[0]]
        if touched != 1 or report.touched != 1:
            checks.append(f"{kind}: expected 1 file touched, sync reported {report}")
        ix = index.open_index()
        copies = _documents_with_path(ix, expect_path)
        if present:
            if copies != 1:
                checks.append(f"{kind}: {expect_path} is in the index {copies} times (want exactly once)")
            if found is not None:
                paths = [h.path for h in found.hits]
                if found.error or paths.count(expect_path) != 1 or found.total != 1:
                    checks.append(f"{kind}: searching {expect_word!r} gave {found.total} hits {paths[:3]} (want {expect_path} once)")
        else:
            if copies != 0:
                checks.append(f"{kind}: removed {expect_path} is still in the index ({copies} times)")
            if found is not None and (found.error or expect_path in [h.path for h in found.hits]):
                checks.append(f"{kind}: searching {expect_word!r} still finds the removed {expect_path}")

    index.entities  # merged and cached before the first change, as after any start of the app
    for r in range(2 * rounds):  # the first rounds through sync(), the others through sync_paths()
        via_paths = r >= rounds
        changed, removed = picks[2 * r], picks[2 * r + 1]
        # change: rewrite an article with a new word (replace the file, never write into it:
        # the copy shares its files with the original corpus through hard links)
        word = f"zqxchanged{r}w"
        target = copy / changed
        text = target.read_text(encoding="utf-8")
        tmp = target.with_name(".bench-tmp")
        tmp.write_text(text.rstrip("\n") + f"\n\nUpdated: {word} appended by the benchmark.\n", encoding="utf-8")
        os.replace(tmp, target)
        measure("change", word, changed, True, via_paths)
        # add: a new article
        word = f"zqxadded{r}w"
        added = f"articles/bench-added-{r}.md"
        (copy / added).write_text(
            f"---\nid: bench-added-{r}\ntitle: 'Benchmark article {r}'\ndate: 2024-06-0{r % 9 + 1}\n"
            f"publisher: 'Kazinform'\nauthors: []\nurl: null\nlanguage: en\nsource: null\n---\n"
            f"A new article about {word} and energy cooperation.\n",
            encoding="utf-8",
        )
        measure("add", word, added, True, via_paths)
        # remove: delete an article, then search for its title
        meta = next(a for a in index.articles if a.path == removed)
        title_query = '"' + " ".join(re.findall(r"\w+", meta.title)) + '"'
        (copy / removed).unlink()
        measure("remove", title_query, removed, False, via_paths)

    shutil.rmtree(work, ignore_errors=True)
    result = {
        "noop_sync": noop,
        "timings": timings,
        "checks": checks,
        "articles": len(entries),
        "rounds": rounds,
    }
    if profile_text:
        result["profile"] = profile_text
    return result


# --- 5. search latency ----------------------------------------------------------------------------


def _build_fts(db_path: str, docs: list[dict]) -> float:
    from benchmarks import fts5

    if os.path.exists(db_path):
        os.remove(db_path)
    started = time.perf_counter()
    db = fts5.create(db_path)
    fts5.insert(
        db,
        (
            (d["title"], d["body"], d["publisher"] or None, d["date"].date().isoformat() if d["date"] else None, d["path"])
            for d in docs
        ),
    )
    fts5.finish(db)
    db.close()
    return time.perf_counter() - started


def search_latency(
    corpus: str, cache_dir: str, queries_file: str, fts_db: str, repeats: int = 5, profile: bool = False, as_app_too: bool = True
) -> dict:
    """Our search + highlighted snippets for the top 20, and FTS5 on the same texts, per query."""
    import sqlite3

    from benchmarks import fts5
    from tui.core.search import make_snippet, match_spans, search

    index = CorpusIndex(Path(corpus), cache_dir=Path(cache_dir))
    report = index.sync()
    if report.touched or report.rebuilt:
        raise RuntimeError(f"search expects an indexed corpus: {report}")
    metas = {a.path: a for a in index.articles}
    queries = _read_queries(queries_file)

    fts_build = None
    marker = Path(fts_db + ".json")
    want = {"corpus": str(Path(corpus).resolve()), "articles": len(metas)}
    if not (os.path.exists(fts_db) and marker.exists() and json.loads(marker.read_text()) == want):
        fts_build = _build_fts(fts_db, _documents(index, entities=False))
        marker.write_text(json.dumps(want))
    db = sqlite3.connect(fts_db)
    translated = [fts5.translate(q) for q in queries]

    def ours(q: str):
        outcome = search(index, q, limit=20)
        snippets = []
        for hit in outcome.hits:
            meta = metas.get(hit.path)
            article, _ = index.read(meta)
            text = index.boilerplate.clean(article.body) if article else ""
            snippets.append(make_snippet(text, match_spans(text, outcome.words)))
        return outcome, snippets

    def theirs(t):
        return fts5.search(db, t, 20)

    # The app passes the entity expander (other spellings of a name); time that too, when it exists.
    expander = None
    if as_app_too and "expander" in inspect.signature(search).parameters and hasattr(index, "expander"):
        expander = index.expander()

    def as_app(q: str):
        outcome = search(index, q, limit=20, expander=expander)
        for hit in outcome.hits:
            article, _ = index.read(metas.get(hit.path))
            text = index.boilerplate.clean(article.body) if article else ""
            make_snippet(text, match_spans(text, outcome.words))
        return outcome

    # One untimed pass over everything (the OS file cache, Python's and Whoosh's caches).
    info = []
    for q, t in zip(queries, translated):
        outcome, _ = ours(q)
        hits, total = theirs(t)
        info.append({"query": q, "fts5": t.match if t.match else "(dates only)", "hits": outcome.total, "fts5_hits": total,
                     "error": str(outcome.error) if outcome.error else None})

    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for q in queries:
            ours(q)
        profiler.disable()
        return {"profile": _profile_text(profiler, 30), "profile_tottime": _profile_text(profiler, 20, "tottime")}

    ours_times = [[] for _ in queries]
    fts_times = [[] for _ in queries]
    for _ in range(repeats):
        for i, (q, t) in enumerate(zip(queries, translated)):
            started = time.perf_counter()
            ours(q)
            ours_times[i].append(time.perf_counter() - started)
            started = time.perf_counter()
            theirs(t)
            fts_times[i].append(time.perf_counter() - started)
    for row, o, f in zip(info, ours_times, fts_times):
        row["ours"] = statistics.median(o)
        row["fts5_seconds"] = statistics.median(f)
    app_stats = None
    if expander is not None:
        for row, q in zip(info, queries):
            started = time.perf_counter()
            outcome = as_app(q)
            row["as_app"] = time.perf_counter() - started
            row["as_app_hits"] = outcome.total
        app_times = [row["as_app"] for row in info]
        app_stats = {"p50": statistics.median(app_times), "p95": _percentile(app_times, 95), "max": max(app_times)}
    ours_med = [row["ours"] for row in info]
    fts_med = [row["fts5_seconds"] for row in info]
    return {
        "queries": info,
        "ours": {"p50": statistics.median(ours_med), "p95": _percentile(ours_med, 95), "max": max(ours_med)},
        "fts5": {"p50": statistics.median(fts_med), "p95": _percentile(fts_med, 95), "max": max(fts_med)},
        "as_app": app_stats,
        "fts_build_seconds": fts_build,
        "articles": len(metas),
        "repeats": repeats,
    }


# --- 7. keystroke latency ---------------------------------------------------------------------------


def keys(rows: int = 100_000, presses: int = 300, profile: bool = False) -> dict:
    """Key press → repaint in ArticleList with `rows` rows, measured inside Textual (headless).

    We hand the key to the app exactly as its driver would (driver.send_message), wait until
    every widget has processed its queue and the cursor has moved (Pilot's _wait_for_screen,
    no sleeps), then force the screen update that Textual's refresh timer would run and turn
    it into the terminal byte string (the headless driver would drop it). Pilot's own
    press()/pause() sleep 20 ms or more for idleness detection, so they cannot time this.
    """
    from textual import events

    from benchmarks.list_app import ListApp
    from tui.app.widgets.article_list import ArticleList

    built = time.perf_counter()
    app = ListApp(rows)
    built = time.perf_counter() - built
    rendered_bytes = []

    original_display = app._display

    def display(screen, renderable):
        if renderable is not None and hasattr(renderable, "render_segments"):
            rendered_bytes.append(len(renderable.render_segments(app.console)))
        return original_display(screen, renderable)

    app._display = display
    latencies: dict[str, list[float]] = {"j": [], "k": [], "pagedown": []}
    profiler = cProfile.Profile() if profile else None

    async def run() -> None:
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            article_list = app.query_one(ArticleList)
            assert article_list.row_count == rows
            driver = app._driver
            plan = ["j"] * presses + ["k"] * (presses // 3) + ["pagedown"] * (presses // 6)
            warmup = 10
            for n, key in enumerate(plan):
                before = article_list.cursor
                if profiler and n == warmup:
                    profiler.enable()
                started = time.perf_counter()
                event = events.Key(key, key if len(key) == 1 else None)
                event.set_sender(app)
                driver.send_message(event)
                for _ in range(50):
                    await pilot._wait_for_screen()
                    if article_list.cursor != before:
                        break
                app.screen._on_timer_update()
                elapsed = time.perf_counter() - started
                if article_list.cursor == before:
                    raise RuntimeError(f"{key!r} did not move the cursor")
                if n >= warmup or key != "j":
                    latencies[key].append(elapsed)
            if profiler:
                profiler.disable()

    asyncio.run(run())
    result = {
        "rows": rows,
        "median": {k: statistics.median(v) for k, v in latencies.items() if v},
        "p95": {k: _percentile(v, 95) for k, v in latencies.items() if v},
        "presses": {k: len(v) for k, v in latencies.items()},
        "bytes_per_frame": statistics.median(rendered_bytes) if rendered_bytes else None,
        "build_rows_seconds": built,
    }
    if profiler:
        result["profile"] = _profile_text(profiler, 25, "tottime")
    return result


# --- profiles for the first frame and memory ------------------------------------------------------------


def startup_profile(corpus: str, cache_dir: str) -> dict:
    """Where the app's start-up goes: imports (timed) and the first list (cProfile, headless)."""
    started = time.perf_counter()
    import tui.app.app as app_module  # noqa: F401 - timing the import

    import_app = time.perf_counter() - started
    from tui.app.app import CorpusExplorerApp
    from tui.app.widgets.article_list import ArticleList

    profiler = cProfile.Profile()
    shown = {}

    async def run() -> None:
        app = CorpusExplorerApp(Path(corpus), cache_dir=Path(cache_dir))
        t = time.perf_counter()
        profiler.enable()
        async with app.run_test(size=(140, 40)) as pilot:
            article_list = app.query_one(ArticleList)
            while article_list.row_count == 0 and time.perf_counter() - t < 60:
                await asyncio.sleep(0.005)
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            shown["seconds"] = time.perf_counter() - t
            profiler.disable()

    asyncio.run(run())
    return {"import_app_seconds": import_app, "list_seconds": shown.get("seconds"), "profile": _profile_text(profiler, 30, "tottime")}


def memory_profile(corpus: str, cache_dir: str) -> dict:
    """What the app holds for a large corpus: RSS after each start-up step, then tracemalloc's top sites."""
    import gc
    import resource
    import tracemalloc

    def rss_mb() -> float:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    from tui.core.facets import count_facets, sort_articles

    steps = {"imports (tui.core, whoosh)": rss_mb()}
    import tui.app.app  # noqa: F401

    steps["+ import the app (textual)"] = rss_mb()
    index = CorpusIndex(Path(corpus), cache_dir=Path(cache_dir))
    index.load_manifest()
    steps["+ load_manifest()"] = rss_mb()
    articles = index.articles
    steps["+ articles (ArticleMeta list)"] = rss_mb()
    visible = sort_articles(articles, "date")
    facets = count_facets(articles)
    steps["+ sort and facets"] = rss_mb()
    index.sync()  # as the app's worker: loads the manifest again (and whatever else sync() loads)
    gc.collect()
    steps["+ sync()"] = rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del visible, facets, articles, index
    gc.collect()

    # The same steps again on a new object, traced (tracemalloc's own overhead is not in the RSS above).
    tracemalloc.start(1)
    index = CorpusIndex(Path(corpus), cache_dir=Path(cache_dir))
    index.load_manifest()
    articles = index.articles
    index.sync()
    gc.collect()
    top = tracemalloc.take_snapshot().statistics("lineno")[:12]
    tracemalloc.stop()
    return {
        "steps_mb": steps,
        "peak_mb": peak,
        "top": [f"{stat.size / 2**20:7.1f} MB  {stat.count:9d} blocks  {stat.traceback}" for stat in top],
    }


TASKS = {
    "cold_ours": cold_ours,
    "cold_bare": cold_bare,
    "warm": warm,
    "incremental": incremental,
    "search_latency": search_latency,
    "keys": keys,
    "startup_profile": startup_profile,
    "memory_profile": memory_profile,
}


def main(argv: list[str]) -> int:
    name, args = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    result = TASKS[name](**args)
    sys.stdout.write(RESULT + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
