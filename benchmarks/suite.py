"""The benchmark suite: `python -m benchmarks [--quick] [--corpus DIR] [--queries FILE] [--sizes ...]`.

Generates synthetic corpora (or takes yours), runs every measurement against its baseline
in the same run, prints a table and writes RESULTS.md (and the raw figures, RESULTS.json).
See benchmarks/README.md for what each figure means and how it is measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from benchmarks import terminal
from benchmarks.advice import ADVICE
from benchmarks.generate import DEFAULT_SEED, ensure_corpus, generation_seconds
from tui.core.index import STATE_FILE

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_QUERIES = HERE / "queries.txt"
DEFAULT_SIZES = (1_000, 10_000, 50_000)
PY = sys.executable
DATE_RX = rb"(?:19|20)\d\d-\d\d-\d\d"


# --- small helpers -------------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values):
    return statistics.median(values) if values else None


def run_task(name: str, timeout: float = 3600, **kwargs) -> dict:
    """Run benchmarks.tasks NAME in a fresh interpreter and return its result."""
    proc = subprocess.run(
        [PY, "-m", "benchmarks.tasks", name, json.dumps(kwargs)],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=_env(),
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise RuntimeError(f"task {name} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "PYTEST"))}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


def cache_dir_for(cache_root: Path, corpus: Path) -> Path:
    """The cache folder the app itself uses for corpus under CORPUS_EXPLORER_CACHE=cache_root."""
    from tui.core.locations import CACHE_ENV, corpus_cache_dir

    saved = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(cache_root)
    try:
        return corpus_cache_dir(corpus)
    finally:
        if saved is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = saved


def code_version() -> str:
    """The commit measured, and whether tui/ had uncommitted changes."""
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %cd", "--date=format:%Y-%m-%d %H:%M"],
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "tui"],
                               capture_output=True, text=True, timeout=10).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    if not head:
        return "unknown"
    return f"commit {head}" + (f" + uncommitted changes to {len(dirty)} file(s) under tui/" if dirty else "")


def machine() -> dict[str, str]:
    info = {}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
        info["CPU"] = model.group(1).strip() if model else platform.processor() or platform.machine()
    except OSError:
        info["CPU"] = platform.processor() or platform.machine()
    info["cores"] = str(os.cpu_count())
    info["code"] = code_version()
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        info["RAM"] = f"{kb / 2**20:.1f} GiB"
    except (OSError, AttributeError):
        info["RAM"] = "unknown"
    info["OS"] = platform.platform()
    info["Python"] = platform.python_version()
    for package in ("Whoosh-Reloaded", "textual", "rich", "PyYAML"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = "not installed"
    import sqlite3

    info["SQLite (FTS5 baseline)"] = sqlite3.sqlite_version
    try:
        info["load average at start"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        pass
    return info


# --- result rows -------------------------------------------------------------------------------------------


@dataclass
class Row:
    key: str  # which advice applies when the target is missed
    measure: str
    ours: str
    baseline: str
    figure: str  # the number compared with the target
    target: str
    ok: bool | None  # None: informative, no target

    @property
    def verdict(self) -> str:
        return "—" if self.ok is None else ("met" if self.ok else "**MISSED**")


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    raw: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)

    def add(self, *args, **kwargs) -> Row:
        row = Row(*args, **kwargs)
        self.rows.append(row)
        return row


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    if seconds < 0.1:
        return f"{seconds * 1000:.1f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:.0f} s"


def secs(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:.0f} s"


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def fmt_ratio(r: float | None) -> str:
    return "n/a" if r is None else f"{r:.2f}×"


# --- the suite ---------------------------------------------------------------------------------------------


class Suite:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.quick = args.quick
        self.work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="ce-bench-"))
        self.work.mkdir(parents=True, exist_ok=True)
        self.cache_root = self.work / "cache"
        self.queries = Path(args.queries) if args.queries else DEFAULT_QUERIES
        self.report = Report()
        self.started = time.perf_counter()
        self.corpora: list[tuple[str, Path, int | None]] = []  # (label, path, size if synthetic)
        self.stored = self.work / "results"
        self.stored.mkdir(exist_ok=True)
        self.computed = False  # whether anything was measured (not only reused) in this run

    # repeats --------------------------------------------------------------------------

    def repeats(self, full: int, quick: int) -> int:
        return quick if self.quick else full

    def cold_repeats(self, articles: int) -> int:
        if self.quick:
            return 1
        return 3 if articles <= 2_000 else 1

    # stored results (so an interrupted run can resume with --reuse) --------------------

    def cached(self, key: str, compute):
        path = self.stored / (re.sub(r"[^\w.-]+", "_", key) + ".json")
        if self.args.reuse and path.exists():
            log(f"reusing {key}")
            return json.loads(path.read_text())
        self.computed = True
        value = compute()
        path.write_text(json.dumps(value))
        return value

    # corpora ---------------------------------------------------------------------------

    def prepare(self) -> None:
        sizes = [1_000] if self.quick else self.args.sizes
        if self.args.corpus:
            sizes = [min(sizes)]  # the small synthetic corpus is the baseline of the warm-start ratio
        generated = {}
        for size in sizes:
            out = self.work / f"corpus-{size}"
            log(f"corpus of {size} articles")
            ensure_corpus(out, size, DEFAULT_SEED, progress=size >= 10_000)
            generated[size] = generation_seconds(out)
            self.corpora.append((f"{size:,}", out, size))
        if self.args.corpus:
            corpus = Path(self.args.corpus).resolve()
            count = sum(1 for p in corpus.rglob("*") if p.suffix.lower() in (".md", ".txt") and not p.name.startswith("."))
            self.corpora.append((f"{corpus.name} ({count:,} files)", corpus, None))
        self.report.raw["generation_seconds"] = {str(k): v for k, v in generated.items()}

    @property
    def large(self) -> tuple[str, Path, int | None]:
        return self.corpora[-1]

    @property
    def small(self) -> tuple[str, Path, int | None]:
        return self.corpora[0]

    def fts_db(self, label: str) -> Path:
        return self.work / ("fts-" + re.sub(r"[^\w]+", "_", label) + ".sqlite")

    def cache_dir(self, corpus: Path) -> Path:
        return cache_dir_for(self.cache_root, corpus)

    # 3. cold build ------------------------------------------------------------------------

    def cold(self) -> None:
        results = {}
        for label, corpus, size in self.corpora:
            n = self.cold_repeats(size or 10_000)
            cache = self.cache_dir(corpus)

            def compute():
                ours, bare = [], []
                for i in range(n):
                    log(f"cold build {label}: ours ({i + 1}/{n})")
                    ours.append(run_task("cold_ours", corpus=str(corpus), cache_dir=str(cache)))
                    log(f"cold build {label}: bare Whoosh ({i + 1}/{n}) — ours took {ours[-1]['seconds']:.1f} s")
                    bare.append(run_task("cold_bare", corpus=str(corpus), work_dir=str(self.work / "bare-index"), cache_dir=str(cache)))
                    log(f"  bare Whoosh took {bare[-1]['seconds']:.1f} s")
                return {"ours": ours, "bare": bare}

            results[label] = self.cached(f"cold-{label}-{n}", compute)
            if self.args.reuse and not (cache / STATE_FILE).exists():
                run_task("cold_ours", corpus=str(corpus), cache_dir=str(cache))
        self.report.raw["cold"] = results
        for label, corpus, size in self.corpora:
            r = results[label]
            o = median([x["seconds"] for x in r["ours"]])
            b = median([x["seconds"] for x in r["bare"]])
            is_large = (label, corpus, size) == self.large
            per_doc = o / max(r["ours"][0]["articles"], 1)
            self.report.add(
                "cold", f"3. cold build, {label} articles (runs: {len(r['ours'])})",
                f"{secs(o)} ({per_doc * 1000:.1f} ms/article)", f"{secs(b)} bare Whoosh writer",
                fmt_ratio(ratio(o, b)), "≤ 1.3×" if is_large else "(≤ 1.3× at the largest)",
                (ratio(o, b) <= 1.3) if is_large else None,
            )

    # 2. warm start ------------------------------------------------------------------------

    def warm(self) -> None:
        n = self.repeats(5, 3)
        targets = [self.small, self.large] if len(self.corpora) > 1 else [self.small]
        per: dict[str, dict] = {label: {"sync": [], "cli": [], "steps": []} for label, _, _ in targets}

        def compute():
            for i in range(n):
                for label, corpus, _ in targets:
                    log(f"warm start {label} ({i + 1}/{n})")
                    r = run_task("warm", corpus=str(corpus), cache_dir=str(self.cache_dir(corpus)))
                    per[label]["sync"].append(r["seconds"])
                    per[label]["steps"].append(r.get("steps", {}))
                    t = time.perf_counter()
                    proc = subprocess.run(
                        [PY, "-m", "tui", "index", "--corpus", str(corpus)], cwd=ROOT, capture_output=True, text=True,
                        env=_env(CORPUS_EXPLORER_CACHE=str(self.cache_root)),
                    )
                    per[label]["cli"].append(time.perf_counter() - t)
                    if proc.returncode != 0 or "0 added, 0 changed, 0 removed" not in proc.stdout:
                        raise RuntimeError(f"`index` did not find the corpus unchanged: {proc.stdout} {proc.stderr}")
            return per

        per = self.cached(f"warm-{'-'.join(l for l, _, _ in targets)}-{n}", compute)
        self.report.raw["warm"] = per
        (sl, _, _), (ll, _, _) = targets[0], targets[-1]
        s_sync, l_sync = median(per[sl]["sync"]), median(per[ll]["sync"])
        s_cli, l_cli = median(per[sl]["cli"]), median(per[ll]["cli"])
        big = len(targets) > 1
        self.report.add(
            "warm", f"2. warm start: `CorpusIndex.sync()` in a fresh process, {ll} ÷ {sl}",
            ms(l_sync), ms(s_sync), fmt_ratio(ratio(l_sync, s_sync)), "≤ 1.5×", (ratio(l_sync, s_sync) <= 1.5) if big else None,
        )
        self.report.add(
            "warm", f"2. warm start: `python -m tui index` process, {ll} ÷ {sl}",
            ms(l_cli), ms(s_cli), fmt_ratio(ratio(l_cli, s_cli)), "≤ 1.5×", (ratio(l_cli, s_cli) <= 1.5) if big else None,
        )
        steps = per[ll]["steps"]
        if steps and steps[0]:
            self.report.raw["warm_steps_median"] = {k: median([s[k] for s in steps]) for k in steps[0]}

    # 1. first frame ------------------------------------------------------------------------

    def _launch_until(self, argv: list[str], pattern: bytes, cache_root: Path, also: bytes | None = None, timeout: float = 120):
        env = _env(CORPUS_EXPLORER_CACHE=str(cache_root), PYTHONPYCACHEPREFIX=str(self.work / "pycache"))
        # Compiled bytecode kept (in the work folder), as an installed package has it: without
        # it every launch would recompile our modules but not Textual's, which pip compiled.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        with terminal.launch(argv, env, cwd=str(ROOT)) as session:
            first = session.wait_for(pattern, timeout=timeout)
            second = session.wait_for(also, timeout=timeout) if also else None
            return first, second, session.memory_kb()

    def first_frame(self) -> None:
        from tui.core.locations import bundled_corpus

        n = self.repeats(7, 3)
        corpus = bundled_corpus()
        cache_root = self.work / "cache-bundled"
        ours_argv = [PY, "-m", "tui", str(corpus)]
        hello_argv = [PY, "-m", "benchmarks.hello_app"]

        def compute():
            log("first frame: warming up (builds the bundled corpus' index once)")
            self._launch_until(ours_argv, b"index: (?:built|ready)", cache_root)
            self._launch_until(hello_argv, b"Hello, world", cache_root)
            ours, hello, cached, ours_mem, hello_mem = [], [], [], [], []
            for i in range(n):
                log(f"first frame ({i + 1}/{n})")
                t, ready, mem = self._launch_until(ours_argv, DATE_RX, cache_root, also=rb"index: ready \(cached\)")
                ours.append(t)
                cached.append(ready)
                ours_mem.append(mem.get("VmHWM"))
                t, _, mem = self._launch_until(hello_argv, b"Hello, world", cache_root)
                hello.append(t)
                hello_mem.append(mem.get("VmHWM"))
            return {"ours": ours, "hello": hello, "ready_cached": cached, "ours_hwm_kb": ours_mem, "hello_hwm_kb": hello_mem}

        r = self.cached(f"first-frame-{n}", compute)
        self.report.raw["first_frame"] = r
        o, h = median(r["ours"]), median(r["hello"])
        self.report.add(
            "first_frame", f"1. first frame: launch → article list drawn (bundled corpus, warm cache, pty; runs: {n})",
            ms(o), f"{ms(h)} hello-world Textual app", fmt_ratio(ratio(o, h)), "≤ 1.3×", ratio(o, h) <= 1.3,
        )

    # 4. incremental update -------------------------------------------------------------------

    def incremental(self) -> None:
        label, corpus, _ = self.large
        rounds = self.repeats(5, 3)
        r = self.cached(
            f"incremental-{label}-{rounds}",
            lambda: (log(f"incremental update in {label} ({rounds} rounds)"), run_task(
                "incremental", corpus=str(corpus), cache_dir=str(self.cache_dir(corpus)),
                work_dir=str(self.work / "incremental"), rounds=rounds,
            ))[1],
        )
        self.report.raw["incremental"] = r
        noop = median(r["noop_sync"])
        for suffix, how in (("@paths", "sync_paths([file]), as the app after its own edit"), ("", "sync() (folder scan)")):
            for kind, words in (("change", "one article changed"), ("add", "one article added"), ("remove", "one article removed")):
                timing = r["timings"].get(kind + suffix)
                if not timing or not timing["total"]:
                    continue
                total, sync = median(timing["total"]), median(timing["sync"])
                merge = f"; entity table re-merged after it in {ms(median(timing['merge']))}" if timing.get("merge") else ""
                self.report.add(
                    "incremental", f"4. incremental, {label} articles: {words} → {how} → searchable",
                    f"{ms(total)} (sync {ms(sync)}{merge})", f"{ms(noop)} sync() with nothing changed",
                    ms(total), "≤ 100 ms", total <= 0.1,
                )
        checks = sum(len(t["total"]) for t in r["timings"].values())
        self.report.add(
            "incremental_correct", f"4. incremental: the updated/added article is found exactly once, the removed one never",
            "; ".join(r["checks"]) or f"all {checks} checks passed", "", "", "always", not r["checks"],
        )

    # 5. search ------------------------------------------------------------------------------------

    def search(self) -> None:
        label, corpus, _ = self.large
        repeats = self.repeats(5, 1)
        fts_db = self.fts_db(label)
        r = self.cached(
            f"search-{label}-{repeats}-{self.queries.name}",
            lambda: (log(f"search latency in {label}: ours and FTS5 ({repeats} repeats)"), run_task(
                "search_latency", corpus=str(corpus), cache_dir=str(self.cache_dir(corpus)),
                queries_file=str(self.queries), fts_db=str(fts_db), repeats=repeats, as_app_too=not self.quick,
            ))[1],
        )
        self.report.raw["search"] = r
        o, f = r["ours"], r["fts5"]
        n = len(r["queries"])
        for stat, target, shown in (("p50", 0.030, "30 ms"), ("p95", 0.200, "200 ms"), ("max", 1.0, "1 s")):
            self.report.add(
                "search", f"5. search + snippets, top 20, {label} articles, {n} queries: {stat}",
                ms(o[stat]), f"{ms(f[stat])} FTS5", ms(o[stat]), f"≤ {shown}", o[stat] <= target,
            )
        app = r.get("as_app")
        if app:
            self.report.add(
                "search", "5b. the same, as the app calls it (with the entity expander), one run: p50 / p95 / max",
                f"{ms(app['p50'])} / {ms(app['p95'])} / {ms(app['max'])}", "", ms(app["p95"]), "(informative)", None,
            )
        rr = ratio(o["p95"], f["p95"])
        self.report.add(
            "search_fts", "5. search p95, ours ÷ SQLite FTS5 (all queries)",
            ms(o["p95"]), ms(f["p95"]), fmt_ratio(rr), "≤ 4×", rr <= 4 if rr is not None else None,
        )
        comparable = [q for q in r["queries"] if "~" not in q["query"]]
        if len(comparable) < n:
            from benchmarks.tasks import _percentile

            op = _percentile([q["ours"] for q in comparable], 95)
            fp = _percentile([q["fts5_seconds"] for q in comparable], 95)
            self.report.add(
                "search_fts", f"5. search p95, ours ÷ FTS5 without the {n - len(comparable)} fuzzy queries (FTS5 has no fuzzy match)",
                ms(op), ms(fp), fmt_ratio(ratio(op, fp)), "≤ 4×", ratio(op, fp) <= 4,
            )

    # 6. memory --------------------------------------------------------------------------------------

    def memory(self) -> None:
        label, corpus, _ = self.large
        n = self.repeats(3, 1)
        keys = self.repeats(40, 10)

        def compute():
            runs = []
            for i in range(n):
                log(f"memory: the app on {label} ({i + 1}/{n})")
                env = _env(CORPUS_EXPLORER_CACHE=str(self.cache_root))
                with terminal.launch([PY, "-m", "tui", str(corpus)], env, cwd=str(ROOT)) as session:
                    drawn = session.wait_for(DATE_RX, timeout=300)
                    mark = len(session.output)
                    ready = session.wait_for(rb"index: ready \(cached\)", timeout=300)
                    session.drain(quiet=0.5, limit=10)
                    mem = session.memory_kb()
                    screen = session.screen_text()
                    run = {
                        "list_drawn": drawn, "ready": ready, "hwm_kb": mem.get("VmHWM"), "rss_kb": mem.get("VmRSS"),
                        "sidebar": "Publishers" in screen and "Years" in screen, "after_list_bytes": len(session.output) - mark,
                    }
                    if i == 0:  # key press → first byte of the repaint, in the real app
                        lat = [session.key_latency(b"j", settle=0.3) for _ in range(keys)]
                        run["key_latency"] = [x for x in lat if x is not None]
                    runs.append(run)
            return runs

        runs = self.cached(f"memory-{label}-{n}", compute)
        self.report.raw["memory"] = runs
        hwm = median([r["hwm_kb"] for r in runs]) / 1024
        hello = self.report.raw.get("first_frame", {}).get("hello_hwm_kb")
        hello_mb = median(hello) / 1024 if hello else None
        self.report.add(
            "memory", f"6. memory: peak RSS (VmHWM) of the app open on {label} articles, list and sidebar shown",
            f"{hwm:.0f} MB", f"{hello_mb:.0f} MB hello-world app" if hello_mb else "n/a", f"{hwm:.0f} MB", "≤ 200 MB", hwm <= 200,
        )
        if not all(r["sidebar"] for r in runs):
            self.report.notes.append("The sidebar's headings were not found on screen in every memory run.")
        self.report.add(
            "first_frame_large", f"1b. first frame on {label} articles (warm cache, pty): launch → list drawn; → 'ready (cached)'",
            ms(median([r["list_drawn"] for r in runs])), ms(median([r["ready"] for r in runs])) + " until ready",
            ms(median([r["list_drawn"] for r in runs])), "(informative)", None,
        )
        lat = runs[0].get("key_latency") or []
        if lat:
            self.report.add(
                "keys", f"7b. key press → repaint in the real app on {label} articles (pty, first byte of the repaint; {len(lat)} presses)",
                ms(median(lat)), "", ms(median(lat)), "≤ 16 ms", median(lat) <= 0.016,
            )

    # 7. keystroke latency -------------------------------------------------------------------------------

    def keys(self) -> None:
        rows = 100_000
        presses = self.repeats(300, 60)
        pty_presses = self.repeats(40, 10)

        def compute():
            log(f"keystroke latency, {rows:,} rows (Pilot, {presses} presses)")
            pilot = run_task("keys", rows=rows, presses=presses)
            log(f"keystroke latency, {rows:,} rows (pty, {pty_presses} presses)")
            with terminal.launch([PY, "-m", "benchmarks.list_app", str(rows)], _env(), cwd=str(ROOT)) as session:
                session.wait_for(DATE_RX, timeout=60)
                lat = [session.key_latency(b"j", settle=0.15) for _ in range(pty_presses)]
            return {"pilot": pilot, "pty": [x for x in lat if x is not None]}

        r = self.cached(f"keys-{rows}-{presses}-{pty_presses}", compute)
        self.report.raw["keys"] = r
        p = r["pilot"]
        self.report.add(
            "keys", f"7. key press (j) → repaint, ArticleList with {rows:,} rows (in-process, Textual headless; median of {p['presses']['j']})",
            ms(p["median"]["j"]), f"k {ms(p['median']['k'])}, page down {ms(p['median']['pagedown'])}",
            ms(p["median"]["j"]), "≤ 16 ms", p["median"]["j"] <= 0.016,
        )
        self.report.add(
            "keys", f"7. key press (j) → first byte of the repaint, same list in a pty (median of {len(r['pty'])})",
            ms(median(r["pty"])), "", ms(median(r["pty"])), "≤ 16 ms", median(r["pty"]) <= 0.016,
        )

    # profiles of missed targets ------------------------------------------------------------------------------

    def profiles(self) -> None:
        missed = {row.key for row in self.report.rows if row.ok is False}
        label, corpus, size = self.large
        cache = str(self.cache_dir(corpus))
        jobs = {
            "first_frame": lambda: self._startup_profile(),
            "warm": lambda: run_task("warm", corpus=str(corpus), cache_dir=cache, profile=True)["profile"],
            "cold": lambda: self._cold_profile(),
            "incremental": lambda: run_task(
                "incremental", corpus=str(corpus), cache_dir=cache, work_dir=str(self.work / "incremental"), rounds=1, profile=True
            )["profile"],
            "search": lambda: self._search_profile(corpus, cache),
            "memory": lambda: self._memory_profile(corpus, cache),
            "keys": lambda: run_task("keys", rows=100_000, presses=150, profile=True)["profile"],
        }
        for key, job in jobs.items():
            if key in missed or (key == "search" and "search_fts" in missed):
                log(f"profiling: {key}")
                try:
                    self.report.profiles[key] = self.cached(f"profile-{key}-{label}", job)
                except Exception as exc:  # noqa: BLE001 - a failed profile must not lose the results
                    self.report.profiles[key] = f"(profiling failed: {exc})"

    def _startup_profile(self) -> str:
        from tui.core.locations import bundled_corpus

        corpus = bundled_corpus()
        r = run_task("startup_profile", corpus=str(corpus), cache_dir=str(cache_dir_for(self.work / "cache-bundled", corpus)))
        imports = {}
        for name, code in (
            ("hello app", "import textual.app, textual.widgets; from textual.widgets import Header, Static, Footer"),
            ("our app", "import tui.cli, tui.app.app"),
        ):
            proc = subprocess.run([PY, "-X", "importtime", "-c", code], cwd=ROOT, capture_output=True, text=True, env=_env())
            imports[name] = _import_summary(proc.stderr)
        lines = [f"import tui.app.app: {r['import_app_seconds'] * 1000:.0f} ms in a fresh process; "
                 f"headless start → list shown: {r['list_seconds'] * 1000:.0f} ms", ""]
        for name, summary in imports.items():
            lines.append(f"python -X importtime, {name}: {summary}")
        lines += ["", "cProfile of the headless start until the list has rows (tottime):", r["profile"]]
        return "\n".join(lines)

    def _cold_profile(self) -> str:
        size = 2_000
        corpus, _ = ensure_corpus(self.work / f"corpus-{size}", size, DEFAULT_SEED)
        r = run_task("cold_ours", corpus=str(corpus), cache_dir=str(self.work / "profile-cache"), profile=True)
        shutil.rmtree(self.work / "profile-cache", ignore_errors=True)
        return f"cProfile of CorpusIndex.sync() from nothing on {size:,} synthetic articles ({r['seconds']:.1f} s under the profiler)\n\n" + r["profile"] + "\n\nby own time:\n" + r["profile_tottime"]

    def _search_profile(self, corpus: Path, cache: str) -> str:
        fts_db = self.fts_db(self.large[0])
        r = run_task("search_latency", corpus=str(corpus), cache_dir=cache, queries_file=str(self.queries), fts_db=str(fts_db), profile=True)
        return "cProfile of one pass over all queries (search + snippets), by cumulative time:\n" + r["profile"] + "\n\nby own time:\n" + r["profile_tottime"]

    def _memory_profile(self, corpus: Path, cache: str) -> str:
        r = run_task("memory_profile", corpus=str(corpus), cache_dir=cache)
        lines = ["RSS after each start-up step (one process, doing what the app's worker does):"]
        lines += [f"  {name:40s} {mb:7.1f} MB" for name, mb in r["steps_mb"].items()]
        lines += [f"  peak RSS of that process: {r['peak_mb']:.1f} MB", "", "tracemalloc, largest allocation sites still held:"]
        lines += ["  " + line for line in r["top"]]
        return "\n".join(lines)

    # run -------------------------------------------------------------------------------------------------

    def run(self) -> Report:
        self.report.raw["machine"] = machine()
        self.prepare()
        steps = {
            "first_frame": self.first_frame,
            "cold": self.cold,
            "warm": self.warm,
            "incremental": self.incremental,
            "search": self.search,
            "memory": self.memory,
            "keys": self.keys,
        }
        only = set(self.args.only.split(",")) if self.args.only else set(steps)
        for name, step in steps.items():
            if name in only:
                if name in ("warm", "incremental", "search", "memory") and "cold" not in only:
                    self._ensure_indexes()
                step()
        if not self.args.no_profile:
            self.profiles()
        try:
            self.report.raw["machine"]["load average at end"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        except OSError:
            pass
        self.report.raw["total_seconds"] = time.perf_counter() - self.started
        self.report.raw["finished"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        run_file = self.stored / "run.json"
        if self.args.reuse and not self.computed and run_file.exists():
            # Everything was reused: describe the run that measured it, not this one.
            previous = json.loads(run_file.read_text())
            self.report.raw["machine"] = previous["machine"]
            self.report.raw["total_seconds"] = previous["total_seconds"]
            self.report.raw["finished"] = previous.get("finished", self.report.raw["finished"])
        else:
            run_file.write_text(json.dumps({key: self.report.raw[key] for key in ("machine", "total_seconds", "finished")}))
        return self.report

    def _ensure_indexes(self) -> None:
        for label, corpus, _ in self.corpora:
            cache = self.cache_dir(corpus)
            if not (cache / STATE_FILE).exists():
                log(f"building the index of {label} (needed, cold build not run)")
                run_task("cold_ours", corpus=str(corpus), cache_dir=str(cache))


def _import_summary(importtime: str) -> str:
    """Total import time and the heaviest top-level packages from `python -X importtime`."""
    totals: dict[str, int] = {}
    for line in importtime.splitlines():
        m = re.match(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
        if m and len(m.group(2)) <= 1:  # top-level imports only
            package = m.group(3).split(".")[0]
            totals[package] = totals.get(package, 0) + int(m.group(1))
    total = sum(totals.values())
    top = sorted(totals.items(), key=lambda kv: -kv[1])[:6]
    return f"{total / 1000:.0f} ms (" + ", ".join(f"{k} {v / 1000:.0f} ms" for k, v in top) + ")"


# --- output --------------------------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    lines = ["| measure | ours | baseline | ratio / figure | target | result |", "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        lines.append(f"| {r.measure} | {r.ours} | {r.baseline} | {r.figure} | {r.target} | {r.verdict} |")
    return "\n".join(lines)


def plain_table(rows: list[Row]) -> str:
    cols = [[r.measure, r.ours, r.baseline, r.figure, r.target, r.verdict.replace("*", "")] for r in rows]
    head = ["measure", "ours", "baseline", "ratio/figure", "target", "result"]
    widths = [min(max(len(c[i]) for c in cols + [head]), 70 if i == 0 else 40) for i in range(6)]

    def fmt(c):
        return "  ".join((c[i][: widths[i] - 1] + "…" if len(c[i]) > widths[i] else c[i]).ljust(widths[i]) for i in range(6))

    return "\n".join([fmt(head), "  ".join("-" * w for w in widths)] + [fmt(c) for c in cols])


def scrub(text: str) -> str:
    """Remove this machine's absolute paths (profiles and tracebacks name files by their full path)."""
    text = text.replace(str(ROOT) + os.sep, "")
    text = re.sub(r"/[^\s\"'|]*?/lib/python\d+\.\d+/(?:site-packages/)?", "", text)
    return re.sub(r"(?<![\w.~])/(?:[^\s\"'|/:]+/)+", "", text)


def write_results(report: Report, path: Path, command: str, quick: bool) -> None:
    raw = report.raw
    m = raw["machine"]
    out = [
        "# Benchmark results",
        "",
        f"Written by `{command}`, finished {raw.get('finished') or dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}"
        + (" (quick mode: 1,000 synthetic articles, fewer repeats; the figures are not comparable with the targets)" if quick else "")
        + f", in {raw.get('total_seconds', 0) / 60:.0f} min. What each figure means and how it is measured: "
        "[benchmarks/README.md](README.md).",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
    ]
    out += [f"| {k} | {v} |" for k, v in m.items()]
    gen = raw.get("generation_seconds") or {}
    if gen:
        out += ["", "Synthetic corpora: " + ", ".join(
            f"{int(k):,} articles (generated in {v:.1f} s)" if v is not None else f"{int(k):,} articles" for k, v in gen.items()
        ) + f" (seed {DEFAULT_SEED})."]
    out += ["", "## Results", "", table(report.rows), ""]
    missed = [r for r in report.rows if r.ok is False]
    out += [f"{sum(r.ok is True for r in report.rows)} targets met, {len(missed)} missed."]
    if report.notes:
        out += [""] + [f"- {n}" for n in report.notes]

    search = raw.get("search")
    if search:
        out += ["", "### Search, query by query", "",
                f"Median of {search['repeats']} runs each, {search['articles']:,} articles; ours = `search(limit=20)` + a highlighted snippet "
                "for every hit; FTS5 = top 20 by bm25 with `snippet()` + `count(*)`."
                + (f" FTS5 table built in {search['fts_build_seconds']:.0f} s." if search.get("fts_build_seconds") else ""),
                "", "| query | FTS5 query | hits | FTS5 hits | ours | FTS5 | ours, as the app (1 run) |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        for q in search["queries"]:
            esc = lambda s: s.replace("|", "\\|")  # noqa: E731
            out.append(
                f"| `{esc(q['query'])}` | `{esc(q['fts5'])}` | {q['hits']:,} | {q['fts5_hits']:,} | {ms(q['ours'])} | {ms(q['fts5_seconds'])} | "
                + (f"{ms(q['as_app'])} ({q['as_app_hits']:,} hits)" if "as_app" in q else "n/a") + " |"
            )
    steps = raw.get("warm_steps_median")
    if steps:
        out += ["", "### Warm start, step by step (largest corpus, median)", ""]
        out += [f"- `{k}`: {ms(v)}" for k, v in steps.items()]
    cold = raw.get("cold")
    if cold:
        out += ["", "### Cold build, every run", ""]
        for label, r in cold.items():
            out.append(
                f"- {label}: ours " + ", ".join(f"{x['seconds']:.1f} s (CPU {x['cpu_seconds']:.1f} s)" for x in r["ours"])
                + "; bare Whoosh " + ", ".join(f"{x['seconds']:.1f} s (CPU {x['cpu_seconds']:.1f} s)" for x in r["bare"])
            )

    if missed:
        out += ["", "## Missed targets: where the time goes, and what would close the gap", ""]
        seen = set()
        for row in missed:
            key = "search" if row.key == "search_fts" else row.key
            if key in seen:
                continue
            seen.add(key)
            title = ADVICE.get(key, {}).get("title", key)
            out += [f"### {title}", ""]
            advice = ADVICE.get(key, {}).get("text")
            if advice:
                out += [advice.strip(), ""]
            prof = report.profiles.get(key)
            if prof:
                out += ["<details><summary>Profile</summary>", "", "```", prof.strip(), "```", "", "</details>", ""]
    path.write_text(scrub("\n".join(out).rstrip() + "\n"), encoding="utf-8")
    path.with_suffix(".json").write_text(
        scrub(json.dumps({"rows": [r.__dict__ for r in report.rows], **raw, "profiles": report.profiles}, indent=1, ensure_ascii=False)),
        encoding="utf-8",
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="corpus-explorer's benchmark suite: every measurement with its baseline, against its target.",
    )
    parser.add_argument("--quick", action="store_true", help="1,000 articles only, fewer repeats, no profiles (for CI; no timing asserts)")
    parser.add_argument("--corpus", metavar="DIR", help="measure your own corpus too (it is never modified)")
    parser.add_argument("--queries", metavar="FILE", help="search queries, one per line (default: benchmarks/queries.txt)")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        type=lambda s: sorted(int(x) for x in s.replace("_", "").split(",") if x),
                        help="synthetic corpus sizes (default: 1000,10000,50000)")
    parser.add_argument("--workdir", metavar="DIR", help="keep corpora, indexes and results here (default: a temporary folder, removed)")
    parser.add_argument("--reuse", action="store_true", help="reuse results already stored in --workdir (resume an interrupted run)")
    parser.add_argument("--only", metavar="LIST", help="run only these: first_frame,cold,warm,incremental,search,memory,keys")
    parser.add_argument("--no-profile", action="store_true", help="do not profile missed targets")
    parser.add_argument("--output", metavar="FILE", help="where to write the results (default: benchmarks/RESULTS.md)")
    args = parser.parse_args(argv)
    if args.quick:
        args.no_profile = True
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    suite = Suite(args)
    log(f"working in {suite.work}")
    try:
        report = suite.run()
    finally:
        if not args.workdir:
            shutil.rmtree(suite.work, ignore_errors=True)
    output = Path(args.output) if args.output else HERE / "RESULTS.md"
    write_results(report, output, _public_command(argv), args.quick)
    print(plain_table(report.rows))
    print(f"\nwritten: {output}")
    missed = [r for r in report.rows if r.ok is False]
    print(f"{len(missed)} target(s) missed" if missed else "all targets met")
    return 0


def _public_command(argv: list[str] | None) -> str:
    """The command line as run, without machine-specific paths."""
    argv = list(sys.argv[1:] if argv is None else argv)
    shown, skip = [], False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--reuse":  # a resumed run reports the measurements of the run it resumed
            continue
        if arg in ("--workdir", "--output"):
            skip = True
            continue
        if arg.startswith(("--workdir=", "--output=")):
            continue
        name, eq, value = arg.partition("=")
        if eq and name.startswith("--") and (os.sep in value or value.startswith("~")):
            arg = f"{name}={'FILE' if name == '--queries' else 'DIR'}"
        elif os.sep in arg or arg.startswith("~"):
            arg = "FILE" if shown and shown[-1] == "--queries" else "DIR"
        shown.append(arg)
    return " ".join(["python -m benchmarks"] + shown)
