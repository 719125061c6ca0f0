"""What would close each missed target.

Written from the profiles and from experiments on a scratch copy of the package (50,000
synthetic articles, the machine of RESULTS.md, November 2026). The figures quoted here were
measured then and are not recomputed by the suite; the profiles printed under each section
of RESULTS.md are.
"""

ADVICE: dict[str, dict[str, str]] = {
    "first_frame": {
        "title": "1. First frame",
        "text": """
**Where the time goes.** Imports are about a third of the gap: `python -X importtime` gives
about 110 ms more for `tui.cli` + `tui.app.app` than for Header/Static/Footer (profile
below): Whoosh (`tui.core.index` and `tui.core.search` import it at module level, and
`search.py` builds its query parser at import, `_PARSER = _parser()`), the entity extractor,
PyYAML, argparse (`tui.cli`) and every screen and widget module. The rest is start-up work
before the list appears: styling and laying out many more widgets than the hello app
(`stylesheet.apply` and `_selector_names` lead the cProfile), building the `CorpusIndex`
(boilerplate YAML, entity store) in `CorpusExplorerApp.__init__` on the UI thread, and the
manifest's round trip through the worker (`ManifestLoaded`).

**What would close it.**
- `tui/app/app.py`, `tui/app/messages.py`: import `tui.core.index`, `tui.core.search` and the
  entity modules inside the worker methods (`sync_index`, `run_search`) and under
  `typing.TYPE_CHECKING` for annotations (messages only needs the names for type hints).
- `tui/core/search.py`: build the parser on first use (`functools.cache` around `_parser()`).
- `CorpusExplorerApp.__init__`: create the `CorpusIndex` in the `sync_index` worker.
- Import `HelpScreen`, `ProblemsScreen`, `MentionsScreen` when they are pushed.
- Expected: 60–100 ms off the first frame; the remaining gap is widget styling, which
  composing the results pane and reader on first use would reduce further.
""",
    },
    "warm": {
        "title": "2. Warm start",
        "text": """
**Where the time goes** (50,000 articles, unchanged; see the steps above): `scan_corpus`
(per file `os.stat`, `os.path.isfile` and `os.path.relpath`), parsing the 28 MB
`manifest.json` and building a `_Record` per file, and `sync()` also parses the 31 MB entity
table in the no-change path (`self.entities`, about 0.3 s in the profile). At 1,000 articles
all of this is a few tens of milliseconds.

**The target cannot be met while start-up stats every file**: 50 times the files is 50 times
the stats. What would close most of it:
- Keep the manifest (and mentions, entity table) in SQLite (stdlib `sqlite3`) instead of one
  JSON document: reading path/size/mtime of 50,000 rows took 28 ms against 330 ms for
  `json.loads` alone (measured).
- `tui/core/loading.py: scan_corpus`: walk with `os.scandir`, use `DirEntry.is_file()` and
  `DirEntry.stat()` and build the relative path by string concatenation: 436 → 342 ms on
  50,000 files, identical entries (measured).
- `tui/core/index.py: sync`: do not load the entity table when nothing changed; load it where
  it is first needed (the app's worker already does `self.index.entities` after `sync()`).
- To reach ≤ 1.5×: check only directory modification times at start-up (they change when
  files are added, removed or replaced by an editor's atomic save) and run the full stat
  scan in the background after the list is shown, or watch the folder (inotify) while the
  app runs. Expected with SQLite + scandir + lazy entities: about 0.4 s at 50,000, bound by
  the stat scan.
""",
    },
    "cold": {
        "title": "3. Cold build",
        "text": """
**Where the time goes.** Whoosh itself is most of it (tokenising, stemming, the posting pool,
writing segments: see the profile at 2,000 articles). On top of the bare writer, `sync()`
pays for: reading and parsing every file (YAML front matter), entity extraction per article
(`extract`, about 9% of the profiled time), `writer.update_document` (a `delete_by_term`
lookup per document, needless on a fresh index), a commit every 5,000 documents
(`COMMIT_EVERY`: 10 segments at 50,000 instead of 1) and, at each of those commits,
`_save_state()` rewriting `manifest.json` and `mentions.json` whole: quadratic, about 10
rewrites of up to 73 MB of JSON at 50,000.

**What would close it.**
- `tui/core/index.py: _index_one`: `writer.add_document` when the build is fresh.
- Save progress incrementally (SQLite rows for the batch just committed) instead of
  rewriting both JSON files every 5,000 documents.
- Keep the commits for resumability, but do not add a final `optimize`: merging the 10
  segments at 50,000 took 235 s (measured), more than the whole gap.
- Expected: the remaining overhead is reading files and entity extraction, within 1.3×.
""",
    },
    "incremental": {
        "title": "4. Incremental update",
        "text": """
**Where the time goes.** In a 50,000-article index, Whoosh's own part of a one-file update
is 5–10 ms (open a writer, `update_document`, commit, reopen and find it: measured). The rest
is bookkeeping that is proportional to the corpus (see the profile): `entity_store.
rebuild_table()` merges the entities of all 50,000 articles again (about half the time),
`mentions.json` and `manifest.json` are rewritten whole (73 MB of JSON), and read whole again
at the next `sync()` (which also reloads the manifest although this `CorpusIndex` already
holds it), plus the folder scan (0.45 s).

**What would close it.**
- `tui/core/entity_store.py: rebuild_table`: update the merged table incrementally (remove
  the changed articles' mentions, add the new ones), or rebuild it in a background step
  after the index is committed: searching does not need it.
- Manifest and mentions as SQLite rows: one INSERT/UPDATE/DELETE per changed file instead of
  rewriting 73 MB (a one-row update and commit measured well under 1 ms).
- `tui/core/index.py: sync`: keep the loaded manifest between syncs of the same object
  (reload only when the file's mtime changed).
- Only a sync that does not scan the folder can reach 100 ms at 50,000: a `sync_paths(paths)`
  for changes the app makes itself (import, metadata edits) and a folder watcher for outside
  edits; the full scan stays as the start-up check. Expected: about 0.5 s (scan-bound)
  with the first three, under 50 ms with `sync_paths`.
""",
    },
    "search": {
        "title": "5. Search",
        "text": """
**Where the time goes** (measured per component on the 50,000-article index, best of 5):
- Snippets: `match_spans` runs the Whoosh analyzer over every hit's full text: 12–25 ms for
  20 hits. A regular expression with the analyzer's token pattern (`\\w+(\\.?\\w+)*`),
  `str.lower()` and a memoised Porter `stem()` gives identical spans (checked) in 3–4 ms.
- The hit count: `len(results)` runs the query a second time (`docs_for_query`): 26–290 ms
  for common words and phrases. With a date filter it is 0.7–2.3 s, because Whoosh's
  `FilterCollector` evaluates `bool(idset)` per matching document and that scans the whole
  bit set (`idsets.py __nonzero__`). `len(set(s.docs_for_query(query)) &
  set(s.docs_for_query(date_filter)))` is exact and takes 35–52 ms.
- Fuzzy queries: `highlight_words` expands the terms on the multi-segment reader
  (`existing_terms(expand=True)`), which merges the term lists of the 10 segments through
  Python heaps: 4–6 s per `word~`. Expanding per segment (`for leaf, _ in
  searcher.leaf_searchers(): highlight_words(q, leaf.reader())`) took 0.39 s instead of
  6.1 s for `Tokaev~` with the same words.
- Prefixes: with more than 5,000 documents in a segment, Whoosh ORs the expanded terms with
  a binary tree of union matchers and block-quality skipping, which is pathological with
  hundreds of terms: `dro*` took 25 s on a merged one-segment index and 0.28 s with
  `Or.ARRAY_MATCHER` (constant scores, as Whoosh documents for prefix queries). Our index
  dodges this only because `COMMIT_EVERY` leaves 5,000-document segments.
- `word~2` scans about 200,000 terms with a Python edit-distance automaton: 1.6–3.8 s even on
  one segment; phrases of very common words (`"of the"`: 3.4 s) check positions in Python.

**What would close it.**
- `tui/core/search.py: match_spans`: the regex + memoised stem version (−10 ms per query).
- `search()`: compute the total separately and exactly as above when there is a date
  filter, or report the hits first and the total after (`results.estimated_length()` in
  the meantime); −0.7 to −2 s on filtered queries.
- `highlight_words`: expand per segment (−4 to −6 s on fuzzy queries), or take the words
  from the matched documents (`searcher.search(..., terms=True)`, `results.matched_terms()`).
- Multi-term expansions (`Prefix`, `FuzzyTerm`, `Wildcard`): use the array matcher and cap
  the number of expanded terms; make `~2` require a prefix of 2 letters.
- Even so, common terms cost 50–150 ms in Whoosh's pure-Python scoring at 50,000 articles,
  10–40 × SQLite FTS5 on the same texts (the FTS5 column: p95 about 130 ms with snippets
  and counts). Meeting p50 ≤ 30 ms and p95 ≤ 4 × FTS5 at this size means moving full-text
  search to FTS5 (stdlib `sqlite3`, BM25 and `snippet()` built in, incremental by row),
  keeping our query language through a translation like `benchmarks/fts5.py`, with
  fuzzy matching through the `fts5vocab` term list.
""",
    },
    "memory": {
        "title": "6. Memory",
        "text": """
**Where it goes** (see the step-by-step RSS below): the manifest is parsed from one 28 MB JSON
document into a dict per file (metadata kept as dicts next to the `ArticleMeta` objects
built from them), the app's worker loads it twice (`sync_index` calls `load_manifest()`,
then `sync()` loads it again, so two copies exist at the peak), and `sync()` also loads the
entity table (31 MB of JSON) and, when anything changed, the mentions (45 MB).

**What would close it.**
- `tui/core/index.py: sync`: skip `load_manifest()` when this object already loaded the
  same manifest (compare the file's mtime and size): removes the second copy at the peak.
- `_Record`: `@dataclass(slots=True)` holding the `ArticleMeta` itself rather than its JSON
  dict (one copy of every title instead of two).
- Manifest, mentions and entity table in SQLite, read row by row: no 28–45 MB strings and
  their parsed copies at once; load mentions only for the articles being changed.
- Expected: below 200 MB at 50,000 articles (estimate from the step sizes: the second
  manifest copy and the entity table's JSON are most of the excess).
""",
    },
    "keys": {
        "title": "7. Keystroke latency",
        "text": """
**Where the time goes.** Inside Textual the list's work per key is small (the in-process figure,
rows 7: key event, binding, cursor watcher, render of the changed lines, encoding to the
terminal string). In a terminal, Textual paints on its refresh timer (at most 60 frames a
second, so up to 16.7 ms after the change) and the real app does more per move: it posts
`ArticleHighlighted`, restarts the preview timer and repaints the status and titles.

**What would close it.** Profile the real app's key path (`on_article_list_article_highlighted`,
`_update_titles`) and keep it free of work proportional to the corpus; try `TEXTUAL_FPS=120`
(untested here) to halve the frame wait.
""",
    },
}
