"""The command line: `corpus-explorer [CORPUS]` opens the app; subcommands script the same core."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__

if TYPE_CHECKING:
    import argparse

SUBCOMMANDS = ("import", "search", "show", "index", "entities", "cite", "config", "serve")


class UsageError(Exception):
    """An input problem reported as one line with exit code 2."""


def _corpus_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", metavar="DIR", type=Path, help="corpus folder (default: the bundled corpus)")


def _settings():
    """The user's config and its problems (binding ids are only checked by the app)."""
    from tui.core.config import load_config

    return load_config()


def _default_corpus(value: Path | None) -> Path:
    """--corpus, else `corpus:` from the config, else the bundled corpus."""
    from tui.core.locations import bundled_corpus

    if value is not None:
        return value
    config, _ = _settings()
    return config.corpus or bundled_corpus()


def _err(message: str) -> int:
    from tui.core.text import one_line

    print(f"corpus-explorer: {one_line(message)}", file=sys.stderr)
    return 2


def _open_index(corpus: Path, rebuild: bool = False, quiet: bool = False):
    from tui.core.index import CorpusIndex

    if not corpus.is_dir():
        raise UsageError(f"the corpus folder {str(corpus)!r} does not exist or is not a folder")
    index = CorpusIndex(corpus)

    def progress(done: int, total: int, message: str) -> None:
        if not quiet and sys.stderr.isatty() and total:
            print(f"\r{message} {done}/{total}", end="", file=sys.stderr, flush=True)

    report = index.sync(progress=progress, rebuild=rebuild)
    if not quiet and sys.stderr.isatty() and report.touched:
        print(file=sys.stderr)
    return index, report


def cmd_import(args) -> int:
    from tui.core.boilerplate import BOILERPLATE_FILE, load_boilerplate
    from tui.core.corpus_writer import save_imported
    from tui.core.importing import import_text
    from tui.core.loading import decode
    from tui.core.locations import bundled_corpus

    corpus = _default_corpus(args.corpus)
    own = corpus / BOILERPLATE_FILE
    boilerplate, notes = load_boilerplate(own if own.is_file() else bundled_corpus() / BOILERPLATE_FILE)
    for note in notes:
        print(f"warning: {note}", file=sys.stderr)
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            text, note = decode(path.read_bytes())
        except OSError as exc:
            print(f"{name}: cannot read ({exc.strerror or exc}); skipped", file=sys.stderr)
            status = 2
            continue
        if text is None or not text.strip():
            print(f"{name}: {note or 'empty file'}; skipped", file=sys.stderr)
            status = 2
            continue
        article = import_text(text, path.name, boilerplate)
        target = save_imported(corpus, article)
        for problem in ([note] if note else []) + list(article.problems):
            print(f"{name}: {problem}", file=sys.stderr)
        print(f"{path.name} -> {target.relative_to(corpus).as_posix()}")
    return status


def cmd_search(args) -> int:
    from tui.core.search import make_snippet, match_spans, search
    from tui.core.text import one_line

    index, _ = _open_index(_default_corpus(args.corpus), quiet=True)
    outcome = search(index, args.query, limit=args.limit, expander=index.expander())
    if outcome.error:
        return _err(outcome.error.message)
    metas = {a.path: a for a in index.articles}
    rows = []
    for hit in outcome.hits:
        meta = metas.get(hit.path)
        article, _ = index.read(meta) if meta else (None, None)
        text = index.boilerplate.clean(article.body) if article else ""
        snippet = make_snippet(text, match_spans(text, outcome.words))
        rows.append({
            "id": hit.id,
            "title": one_line(hit.title),
            "date": meta.date.isoformat() if meta and meta.date else None,
            "publisher": meta.publisher if meta else None,
            "score": round(hit.score, 4),
            "snippet": one_line(snippet.text),
        })
    if args.json:
        also = [{"typed": typed, "also": list(spellings)} for typed, spellings in outcome.expansions]
        print(json.dumps({"query": args.query, "total": outcome.total, "expanded": also, "notes": outcome.notes, "hits": rows},
                         ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['date'] or 'n.d.'}  {row['title']}  [{row['publisher'] or 'unknown'}]  ({row['id']})")
            print(f"    {row['snippet']}")
        print(f"{outcome.total} hits in {outcome.seconds * 1000:.0f} ms", file=sys.stderr)
        for typed, spellings in outcome.expansions:
            print(f"{one_line(typed)} also matched: {', '.join(one_line(s) for s in spellings)}", file=sys.stderr)
        for note in outcome.notes:
            print(f"note: {one_line(note)}", file=sys.stderr)
    return 0 if rows else 1


def _meta_json(meta) -> dict:
    """An article's metadata for --json output (control characters stripped)."""
    from tui.core.text import one_line

    data = meta.to_json()
    return {k: one_line(v) if isinstance(v, str) else [one_line(a) for a in v] if isinstance(v, list) else v for k, v in data.items()}


def cmd_show(args) -> int:
    from tui.core.text import one_line

    index, _ = _open_index(_default_corpus(args.corpus), quiet=True)
    meta = next((a for a in index.articles if a.id == args.id), None)
    if meta is None:
        return _err(f"no article with id {args.id!r}")
    article, problems = index.read(meta)
    if article is None:
        return _err(f"cannot read {meta.path}: {'; '.join(p.reason for p in problems)}")
    text = index.boilerplate.clean(article.body)
    if args.json:
        print(json.dumps({**_meta_json(meta), "text": text}, ensure_ascii=False, indent=2))
        return 0
    print(one_line(meta.title))
    print(f"{meta.date_label} · {one_line(meta.publisher_label)} · {one_line(meta.path)}")
    print()
    print(text)
    return 0


def cmd_index(args) -> int:
    from tui.core.text import one_line

    index, report = _open_index(_default_corpus(args.corpus), rebuild=args.rebuild, quiet=args.json)
    problems = index.problems
    if args.json:
        print(json.dumps({
            "articles": len(index.articles),
            "added": report.added, "changed": report.changed, "removed": report.removed,
            "unchanged": report.unchanged, "rebuilt": report.rebuilt, "seconds": round(report.seconds, 3),
            "read_only": report.read_only, "recovered": report.recovered, "index": str(index.index_dir),
            "problems": [{"path": p.path, "reason": p.reason, "skipped": p.skipped} for p in problems],
        }, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{len(index.articles)} articles; {report.added} added, {report.changed} changed, "
        f"{report.removed} removed, {report.unchanged} unchanged in {report.seconds:.2f} s"
        + ("; rebuilt" if report.rebuilt else "")
    )
    for warning in (report.recovered, report.read_only):
        if warning:
            print(f"warning: {one_line(warning)}", file=sys.stderr)
    if args.status or problems:
        print(f"index: {index.index_dir}")
        for problem in problems:
            print(f"problem: {one_line(str(problem))}")
    return 0


def cmd_entities(args) -> int:
    from tui.core.text import one_line

    index, _ = _open_index(_default_corpus(args.corpus), quiet=True)
    table = index.entities
    rows = [e for e in table.entities + table.figures if args.type is None or e.type == args.type]
    if args.json:
        print(json.dumps([
            {"name": one_line(e.name), "type": e.type, "aliases": [one_line(a) for a in e.aliases],
             "articles": sorted(e.articles), "mentions": e.mention_count}
            for e in rows
        ], ensure_ascii=False, indent=2))
    else:
        for e in rows:
            also = f"  (also: {', '.join(one_line(a) for a in e.aliases)})" if e.aliases else ""
            print(f"{e.type:<13} {len(e.articles):>4} art {e.mention_count:>5} men  {one_line(e.name)}{also}")
    return 0 if rows else 1


def cmd_cite(args) -> int:
    from tui.core.cite import cite

    index, _ = _open_index(_default_corpus(args.corpus), quiet=True)
    by_id = {a.id: a for a in index.articles}
    missing = [i for i in args.ids if i not in by_id]
    if missing:
        return _err(f"no article with id {missing[0]!r}")
    style = args.style or _settings()[0].citation_style
    print(cite([by_id[i] for i in args.ids], style, in_text_form=args.in_text))
    return 0


def cmd_config(args) -> int:
    from tui.core.config import config_path

    if args.path:
        print(config_path())
        return 0
    config, problems = _settings()
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps({"path": str(config_path()), **config.as_dict()}, indent=2))
    else:
        import yaml

        print(f"# effective settings (file: {config_path()})")
        print(yaml.safe_dump(config.as_dict(), sort_keys=False, allow_unicode=True), end="")
    return 0


def cmd_serve(args) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        return _err("serving in a browser needs the serve extra: pip install 'corpus-explorer[serve]'")
    import shlex

    corpus = _default_corpus(args.corpus)
    command = f"{shlex.quote(sys.executable)} -m tui {shlex.quote(str(corpus))}"
    print(f"Serving corpus-explorer on http://{args.host}:{args.port}/ (ctrl+c stops)", file=sys.stderr)
    Server(command, host=args.host, port=args.port, title="corpus-explorer").serve()
    return 0


def _app_args(argv: list[str]) -> tuple[Path | None, bool] | None:
    """`[CORPUS] [--rebuild]` read without argparse (importing it delays the app's first frame);
    None for anything else, which build_parser's parser then handles (--help, errors, …)."""
    corpus, rebuild = None, False
    for arg in argv:
        if arg == "--rebuild" and not rebuild:
            rebuild = True
        elif not arg.startswith("-") and corpus is None:
            corpus = Path(arg)
        else:
            return None
    return corpus, rebuild


def build_parser(sub: str | None) -> argparse.ArgumentParser:
    import argparse

    if sub is None:
        parser = argparse.ArgumentParser(
            prog="corpus-explorer",
            description="Explore a corpus of news articles: find, read, cite. "
            f"Subcommands: {', '.join(SUBCOMMANDS)} (corpus-explorer SUBCOMMAND --help).",
        )
        parser.add_argument("corpus", nargs="?", type=Path, help="corpus folder (default: the bundled corpus)")
        parser.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
        parser.add_argument("--version", action="version", version=f"corpus-explorer {__version__}")
        return parser
    parser = argparse.ArgumentParser(prog=f"corpus-explorer {sub}")
    _corpus_arg(parser)
    if sub == "import":
        parser.description = "Turn raw scrapes into corpus articles (articles/<id>.md)."
        parser.add_argument("files", nargs="+", metavar="FILE")
    elif sub == "search":
        parser.description = "Search the corpus with the app's query language."
        parser.add_argument("query")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true")
    elif sub == "show":
        parser.description = "Print one article as plain text."
        parser.add_argument("id")
        parser.add_argument("--json", action="store_true")
    elif sub == "index":
        parser.description = "Build or update the index (progress on stderr when it is a terminal)."
        parser.add_argument("--rebuild", action="store_true")
        parser.add_argument("--status", action="store_true")
        parser.add_argument("--json", action="store_true")
    elif sub == "entities":
        parser.description = "The people, organisations, places and figures of the corpus, merged across spellings."
        parser.add_argument(
            "--type", type=lambda t: {"organisation": "organization", "people": "person"}.get(t.lower(), t.lower()),
            choices=["person", "organization", "place", "figure"],
        )
        parser.add_argument("--json", action="store_true")
    elif sub == "cite":
        parser.description = "Print citations of articles exactly as the app copies them."
        parser.add_argument("ids", nargs="+", metavar="ID")
        parser.add_argument(
            "--style", type=str.lower, choices=["apa", "mla", "chicago", "harvard", "bibtex", "ris", "csl-json"]
        )
        parser.add_argument("--in-text", action="store_true", help="the in-text citation instead of the reference")
    elif sub == "config":
        parser.description = "Where the config file is, and the effective settings."
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--path", action="store_true", help="print the config file's path")
        group.add_argument("--show", action="store_true", help="print the effective settings (the default)")
        parser.add_argument("--json", action="store_true")
    elif sub == "serve":
        parser.description = "Run the app as a web page on this machine (needs the serve extra)."
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sub = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    simple = _app_args(argv) if sub is None else None
    if simple is None:
        parser = build_parser(sub)
        try:
            args = parser.parse_args(argv[1:] if sub else argv)
        except SystemExit as exc:
            return int(exc.code or 0)
    if sub is None:
        from tui.app.app import binding_ids, run_app
        from tui.core.config import load_config
        from tui.core.locations import bundled_corpus

        corpus, rebuild = simple if simple is not None else (args.corpus, args.rebuild)
        config, problems = load_config(binding_ids())
        return run_app(corpus or config.corpus or bundled_corpus(), rebuild, config, problems)
    handler = {
        "import": cmd_import, "search": cmd_search, "show": cmd_show, "index": cmd_index,
        "entities": cmd_entities, "cite": cmd_cite, "config": cmd_config, "serve": cmd_serve,
    }[sub]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except UsageError as exc:
        return _err(str(exc))
    except BrokenPipeError:  # e.g. piped into head: stop quietly, like other Unix tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # noqa: BLE001 - a one-line message, never a traceback
        return _err(f"{exc.__class__.__name__}: {exc}")
