"""What would close each missed target.

Written from the profiles and from experiments on the 50,000-article synthetic corpus (the
machine of RESULTS.md, November 2026), after the fixes the first full run pointed to (SQLite
manifest, deferred entity merge, sync_paths, per-segment expansion, set filters, a sortable
date column, lazy imports). The figures quoted here were measured then and are not
recomputed by the suite; the profiles printed under each section of RESULTS.md are.
"""

ADVICE: dict[str, dict[str, str]] = {
    "first_frame": {
        "title": "1. First frame",
        "text": """
**Where the time goes** (pty, bundled corpus, timestamps inside the process; the hello app
takes about 160 ms in all; the first full run measured 508 ms, 3.0×): imports end at about 160 ms (Textual is most of it; our own
modules add about 20 ms now that Whoosh, the index, search, the entity extractor, the
dialogs and argparse are imported on first use), then reading the small cached list about
6 ms, composing and mounting our 30-odd widgets about 30 ms (parsing and applying the CSS of
every widget class: `stylesheet.parse`/`apply` lead the profile below), and the first layout
and paint about 40 ms (the sidebar's `OptionList` renders every option; the footer composes
a key widget per binding). The hello app composes three widgets.

**What would close it** (each measured or estimated on this machine):
- Draw the sidebar with the Line-API `RowList` the article list already uses instead of
  `OptionList` (its `render_lines` is about 10 ms per paint here).
- Compose the results pane and the reader's contents on first use, and the footer with only
  the keys of the focused pane.
- Together perhaps 30–40 ms: about 1.35×. The rest is Textual's own start-up cost for a
  screen of this size, which no app-side change removes.
""",
    },
    "warm": {
        "title": "2. Warm start",
        "text": """
**Where the time goes** (50,000 articles, unchanged; steps above, profile below): reading
the manifest (50,000 rows from `state.sqlite`: the rows themselves about 50 ms, decoding
each row's metadata JSON and building `ArticleMeta` most of the rest) and the folder scan
(one `stat` per file through `os.scandir`: about 0.3 s of system time). Both grow with the
corpus; at 1,000 articles they take a few milliseconds. The first full run of this suite
measured 1.57 s here (JSON manifest, entity table parsed in the no-change path); now 0.87 s.

**The target cannot be met while start-up stats every file and lists every article**:
50 times the files is 50 times the work. What would close it:
- Check only directory modification times at start (they change when a file is added,
  removed or replaced by an editor's atomic save), show the list, and run the full stat scan
  in the background, or watch the folder (inotify) while the app runs: constant start-up,
  with in-place edits noticed a moment later instead of before "ready".
- Store the metadata as columns instead of a JSON text per row and build the list lazily
  (a virtual list reading rows by position from SQLite, sorted and counted by SQL): the
  list would no longer need all 50,000 `ArticleMeta` objects before its first frame.
""",
    },
    "cold": {
        "title": "3. Cold build",
        "text": """
**Where the time goes.** Whoosh itself is most of it (tokenising, stemming, the posting pool,
writing segments). On top of the bare writer, `sync()` pays for reading and parsing every
file (YAML front matter), entity extraction per article (about 9% of a profiled build) and
one SQLite transaction per 5,000 documents (`COMMIT_EVERY`). The first full run measured
1.41× with JSON manifests rewritten whole at every commit and `update_document` on a fresh
index; now 1.25×.

**What would close it if it regresses.** Profile `CorpusIndex.sync()` on 2,000 articles;
look for work per document outside `writer.add_document` (extraction, reading, JSON
encoding of rows) and for anything that grows with the documents already indexed.
""",
    },
    "incremental": {
        "title": "4. Incremental update",
        "text": """
**Where the time goes.** A change the app makes itself goes through `sync_paths([file])`:
25–35 ms at 50,000 articles (Whoosh's writer, commit and reopen; one row in `state.sqlite`),
met for a change and an addition. The removal row misses only because of the search that
follows it: the check searches the removed article's whole title as a phrase, and phrase
matching in Whoosh decodes positions in Python (about 100 ms of the 127; the sync itself
took 27 ms). `sync()`, which finds outside changes, stats every file first (0.4 s at 50,000, the
same as a sync with nothing changed): the profile below is that scan. The entity table is
merged again after any change (6.1–6.6 s at 50,000), in the background: the results are
searchable before it, and the sidebar follows.

**What would close it.**
- A folder watcher (inotify, or the `watchfiles` package) feeding `sync_paths()` with the
  changed paths: outside edits would then cost what the app's own do, 25–35 ms.
- Phrase searches: see section 5 (a bigram field, or positions checked only for the top
  hits).
- The entity merge: update the merged table incrementally (remove the changed articles'
  mentions, add the new ones) instead of re-merging 50,000 articles.
""",
    },
    "search": {
        "title": "5. Search",
        "text": """
**Where the time goes** (50,000 articles; per query in the table above). The p95 is within
4× of SQLite FTS5 (met: 3.2×) and no query takes over 1 s (met: 443 ms). The p50 and p95
miss:
- Common words: ranking the top 20 is Whoosh's pure-Python BM25 over every matching
  document (`government`: about 60 ms for the top 20; `the`: 150 ms; `cooperation AND
  investment`: 140 ms), and the exact count reads every matching document's number (from
  posting sets, 20–40 ms for common words).
- Phrases holding rarer words: positions decoded in Python for every document holding all
  the words (`"Ministry of Foreign Affairs"`: 440 ms, 4,351 hits; `"European Bank for
  Reconstruction and Development"`: 288 ms), for the top 20 and again for the count.
- Fuzzy `~2`: 443 ms (an edit-distance automaton over the terms sharing the first two
  letters); `~1`: 160–210 ms.
Fixed since the first full run (figures there → here): the count with filters (0.7–2.3 s
→ under 90 ms, exact); the count without them (posting sets instead of re-running the
query; this also found Whoosh's `AndNot` matcher letting 3 excluded documents through for
`energy -oil`, so exclusions are now restricted to the exact set: 11,713 hits, as FTS5);
date-only searches (a sortable date column: 1.1 s → 28–60 ms); fuzzy highlighting per
segment (5–6 s → 0.2 s); prefixes (array matching, at most 200 words: `dro*` 2.2 s →
0.17 s); `~2` with a two-letter prefix (17 s → 0.44 s); phrases of common words through a
field of common-word pairs (`"of the"`: 2.9 s → 121 ms; the field costs about 12% more
build time, for the bare Whoosh baseline as for us); snippets by regex (−10 ms).

**What would close it.**
- Report the hits first and the count a moment later (the count is up to a third of the
  time of a common-word query).
- One combined `text` field (title words repeated for the boost) instead of title + body:
  half the matchers per word.
- Phrases with rarer words: compare positions only for the documents shown (the top 20 by
  the words' scores) and count by the AND of the words, labelled as an upper bound.
- Meeting p50 ≤ 30 ms at this size means leaving Whoosh's Python scoring: SQLite FTS5
  (stdlib `sqlite3`; BM25 and `snippet()` built in; 14 ms p50 on the same texts here), with
  our query language translated as `benchmarks/fts5.py` does and fuzzy matching through
  the `fts5vocab` term list.
""",
    },
    "memory": {
        "title": "6. Memory",
        "text": """
**Where it goes** (see the step-by-step RSS below): the manifest's 50,000 `ArticleMeta`
objects, the merged entity table (parsed from `entities.json`), Whoosh's segment readers,
and Textual. The first full run measured 321 MB (two copies of a 28 MB JSON manifest at the
peak and its parsed dicts); with SQLite rows and one copy, 187 MB.

**What would close it if it regresses.** Read the table below: a step that grows by tens of
MB is holding a second copy of something; tracemalloc's top sites say which.
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
