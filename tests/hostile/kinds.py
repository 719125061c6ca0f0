"""The catalogue of bad corpus files, and helpers shared by the hostile-input tests.

Every kind writes one or more files under `bad/` in a corpus folder and says what must come
of it: LOADED (an article, no problem), REPAIRED (an article, and a problem naming the file
and why), SKIPPED (no article, a problem naming the file and why) or IGNORED (not an article
file at all: nothing listed, nothing hangs). A loaded or repaired article carries a token,
a word no other file contains, so a search proves it is indexed.

Some faults cannot be written as files when the tests run as root (a file root cannot read)
or cannot be made without changing the corpus mid-test (a file deleted while indexing). For
those the kind names a `simulate` fault and the `simulated_faults` context manager makes
`Path.read_bytes` fail for that file, exactly as the operating system would.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import pathlib
import random
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent.parent.parent / "corpus"

LOADED, REPAIRED, SKIPPED, IGNORED = "loaded", "repaired", "skipped", "ignored"

MARKUP_TITLE = "[@click=app.quit]Quit me[/] [link=https://evil.example]link[/link] [bold]bold[/] x[/]"
MARKUP_PUBLISHER = "[@click=app.quit]Pub[/] [red]"
MARKUP_BODY = (
    "tokmarkup body with [@click=app.quit]click[/] and [link=https://evil.example]a link[/link],"
    " [bold]bold[/bold], an unbalanced [/] and [/i] and [not a tag"
)
# CSI, OSC 52 (clipboard), OSC 8 (hyperlink), OSC 0/2 (window title), DCS, bare ESC, BEL, backspace,
# 8-bit CSI and OSC, and an unterminated OSC at the end of a line.
ESCAPES = (
    "\x1b[2J\x1b[31m"
    "\x1b]52;c;cHduZWQ=\x07"
    "\x1b]8;;https://evil.example\x1b\\"
    "\x1b]0;PWNED-TITLE\x07\x1b]2;PWNED-TITLE\x1b\\"
    "\x1bPq#0;2;0;0;0\x1b\\"
    "\x1b\x07\x08\x7f\x9b2J\x9d52;c;cHduZWQ=\x07"
)
ESCAPE_TITLE = f"Escapes {ESCAPES}in the title"
ESCAPE_BODY = f"tokescapes start {ESCAPES} middle \x1b]52;c;cHduZWQ=\nnext line tokescapesnext end"
CTRL_NAME = "ctrl\x1b]0;PWNED-TITLE\x07name.md"

RTL_TITLE = "مرحبا بالعالم שלום עולם"
CJK_TITLE = "中文标题：哈萨克斯坦与英国 日本語のタイトル 한국어 제목"
EMOJI_TITLE = "Emoji 👨‍👩‍👧‍👦 🇰🇿🇬🇧 👍🏽 ❤️ Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇"
WIDTH_PUBLISHER = "Pubcheck"


def front(fields: dict[str, str], body: str) -> str:
    """An article file: the fields verbatim as YAML lines (so they can be wrong on purpose)."""
    lines = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\n{lines}---\n{body}\n"


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar that decodes to exactly text, control characters included."""
    out = []
    for ch in text:
        if ch in '\\"':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def good(id: str, title: str, body: str, **extra: str) -> str:
    return front({"id": id, "title": title, "date": "2022-05-06", **extra}, body)


def _put(root: Path, rel: str, data: bytes | str) -> str:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return rel


def _file(rel: str, data: Callable[[], bytes | str]):
    return lambda root: [_put(root, rel, data())]


def _yaml_bomb_laughs() -> str:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*lol{level - 1}"] * 9)
        lines.append(f"lol{level}: &lol{level} [{refs}]")
    lines += ["title: *lol9", "date: *lol9", "authors: *lol9", "publisher: *lol9"]
    return "---\n" + "\n".join(lines) + "\n---\ntokbillion body after a billion laughs\n"


def _yaml_bomb_merge() -> str:
    lines = ["m0: &m0 {a: 1, b: 2, c: 3}"]
    for level in range(1, 10):
        refs = ", ".join([f"*m{level - 1}"] * 9)
        lines.append(f"m{level}: &m{level} {{<<: [{refs}]}}")
    lines.append("title: merged")
    return "---\n" + "\n".join(lines) + "\n---\ntokmergebomb body after a merge-key bomb\n"


def _huge(root: Path) -> list[str]:
    """A 20 MB article (the token is near the start, so it is inside what is read)."""
    rnd = random.Random(20)
    words = ["trade", "energy", "minister", "visit", "talks", "oil", "bank", "summit"]
    line = " ".join(rnd.choice(words) for _ in range(14)) + ".\n"
    path = root / "bad" / "huge_20mb.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    head = good("huge", "A twenty megabyte article", "tokhuge is near the start.\n")
    with path.open("wb") as out:
        out.write(head.encode())
        chunk = (line * 4096).encode()
        while out.tell() < 20 * 2**20:
            out.write(chunk)
        out.write(b"tokhugeend is past the part that is read\n")
    return ["bad/huge_20mb.md"]


def _long_line() -> str:
    filler = "abcdefghij " * 47_000  # ~520 KB either side: one line of a megabyte
    return good("longline", "One line of a megabyte", f"{filler}toklongline {filler}".rstrip())


def _symlink_loop(root: Path) -> list[str]:
    (root / "bad").mkdir(parents=True, exist_ok=True)
    os.symlink("loop_b.md", root / "bad" / "loop_a.md")
    os.symlink("loop_a.md", root / "bad" / "loop_b.md")
    return ["bad/loop_a.md", "bad/loop_b.md"]


def _dangling(root: Path) -> list[str]:
    (root / "bad").mkdir(parents=True, exist_ok=True)
    os.symlink("does-not-exist.md", root / "bad" / "dangling.md")
    return ["bad/dangling.md"]


def _dir_loop(root: Path) -> list[str]:
    (root / "bad" / "dirloop").mkdir(parents=True, exist_ok=True)
    os.symlink("..", root / "bad" / "dirloop" / "up.md")  # a folder symlink that looks like an article
    os.symlink("..", root / "bad" / "dirloop" / "up")
    return ["bad/dirloop/up.md"]


def _fifo(root: Path) -> list[str]:
    (root / "bad").mkdir(parents=True, exist_ok=True)
    os.mkfifo(root / "bad" / "fifo.md")
    return ["bad/fifo.md"]


def _non_utf8_name(root: Path) -> list[str]:
    folder = os.fsencode(root / "bad")
    os.makedirs(folder, exist_ok=True)
    with open(folder + b"/name-\xff\xfe.md", "wb") as out:
        out.write(good("nonutf8name", "Name not UTF-8", "toknonutf8name").encode())
    return [os.fsdecode(b"bad/name-\xff\xfe.md")]


def _unreadable(root: Path) -> list[str]:
    rel = _put(root, "bad/unreadable.md", good("unreadable", "Unreadable", "tokunreadable"))
    os.chmod(root / rel, 0)
    return [rel]


def _duplicate(root: Path) -> list[str]:
    return [
        _put(root, "bad/dup_a.md", good("dupid", "Duplicate one", "tokdupa")),
        _put(root, "bad/dup_b.md", good("dupid", "Duplicate two", "tokdupb")),
    ]


def _utf16(encoding: str, rel: str, token: str):
    def make(root: Path) -> list[str]:
        text = good(token, f"UTF-16 {encoding}", f"{token} text with ünïcödé")
        return [_put(root, rel, codecs_bom(encoding) + text.encode(encoding))]

    return make


def codecs_bom(encoding: str) -> bytes:
    return {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]


@dataclass(frozen=True)
class Kind:
    name: str
    make: Callable[[Path], list[str]]  # writes the files, returns their paths (relative, "/")
    outcome: str
    reason: str = ""  # a case-insensitive substring of the problem's reason (for the first path)
    token: str | None = None  # searchable word when the article is loaded
    title: str | None = None  # the exact title expected, when it matters
    simulate: str | None = None  # "unreadable" / "vanishing": made to fail by simulated_faults
    needs: str | None = None  # "symlink", "fifo", "bytes-names": skipped where unsupported


KINDS: list[Kind] = [
    # --- bytes and encodings ---------------------------------------------------------
    Kind("binary", _file("bad/binary.md", lambda: bytes(random.Random(1).randrange(256) for _ in range(4096)) + b"\x00"), SKIPPED, "binary"),
    Kind("nul_bytes", _file("bad/nul_bytes.txt", lambda: b"\x00" * 4096), SKIPPED, "binary"),
    Kind("invalid_utf8", _file("bad/invalid_utf8.md", lambda: good("invalidutf8", "Invalid UTF-8", "tokinvalidutf8 caf").encode() + b"\xff\xc3\x28 \x80 end\n"), REPAIRED, "not valid UTF-8", "tokinvalidutf8"),
    Kind("utf16_le_bom", _utf16("utf-16-le", "bad/utf16_le.md", "tokutf16le"), REPAIRED, "UTF-16", "tokutf16le"),
    Kind("utf16_be_bom", _utf16("utf-16-be", "bad/utf16_be.md", "tokutf16be"), REPAIRED, "UTF-16", "tokutf16be"),
    Kind("utf16_broken", _file("bad/utf16_broken.txt", lambda: b"\xff\xfeh\x00i\x00!"), SKIPPED, "broken UTF-16"),
    Kind("cp1252", _file("bad/cp1252.txt", lambda: "\u201cSmart quotes\u201d \u2014 tokcpwin costs \u20ac5.\n".encode("cp1252")), REPAIRED, "Windows-1252", "tokcpwin"),
    Kind("latin1", _file("bad/latin1.md", lambda: good("latin1", "Caf\xe9 in M\xfcnchen", "toklatinone Stra\xdfe").encode("latin-1")), REPAIRED, "not valid UTF-8", "toklatinone", "Café in München"),
    Kind("utf8_bom_crlf", _file("bad/bom_crlf.md", lambda: "\ufeff" + good("bomcrlf", "BOM and CRLF", "tokbomcrlf").replace("\n", "\r\n")), LOADED, "", "tokbomcrlf", "BOM and CRLF"),
    # --- empty and front matter only -------------------------------------------------
    Kind("empty", _file("bad/empty.md", lambda: b""), SKIPPED, "empty file"),
    Kind("blank", _file("bad/blank.txt", lambda: " \n\t\n\n"), SKIPPED, "empty file"),
    Kind("only_front_matter", _file("bad/only_front_matter.md", lambda: "---\nid: onlyfm\ntitle: Only front matter tokonlyfm\n---\n"), REPAIRED, "front matter only", "tokonlyfm"),
    Kind("only_front_matter_untitled", _file("bad/only_fm_untitled.md", lambda: "---\ndate: 2020-01-01\n---\n"), SKIPPED, "no title and no text"),
    Kind("unclosed_front_matter", _file("bad/unclosed.md", lambda: "---\ntitle: never closed\n\ntokunclosed body text here.\n"), REPAIRED, "not closed", "tokunclosed"),
    Kind("dashes_only", _file("bad/dashes.md", lambda: "---\n"), SKIPPED, "not closed"),
    # --- YAML ----------------------------------------------------------------------
    Kind("bad_yaml", _file("bad/bad_yaml.md", lambda: "---\ntitle: [unclosed\ndate: : :\n---\ntokbadyaml body.\n"), REPAIRED, "YAML error", "tokbadyaml"),
    Kind("yaml_not_mapping", _file("bad/yaml_list.md", lambda: "---\n- just\n- a list\n---\ntokyamllist body.\n"), REPAIRED, "not a mapping", "tokyamllist"),
    Kind("yaml_python_tag", _file("bad/yaml_tag.md", lambda: "---\ntitle: !!python/object/apply:os.system ['touch PWNED']\n---\ntokyamltag body.\n"), REPAIRED, "constructor", "tokyamltag"),
    Kind("yaml_unhashable_key", _file("bad/yaml_key.md", lambda: "---\n? [a, b]\n: c\ntitle: t\n---\ntokyamlkey body.\n"), REPAIRED, "unhashable", "tokyamlkey"),
    Kind("yaml_deep_flow", _file("bad/yaml_deep_flow.md", lambda: "---\ntitle: " + "[" * 60_000 + "]" * 60_000 + "\n---\ntokdeepflow body.\n"), REPAIRED, "too large", "tokdeepflow"),
    Kind("yaml_deep_flow_small", _file("bad/yaml_deep_flow2.md", lambda: "---\ntitle: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n---\ntokdeepmap body.\n"), REPAIRED, "nested too deeply", "tokdeepmap"),
    Kind("yaml_deep_block", _file("bad/yaml_deep_block.md", lambda: "---\ntitle:\n  " + "- " * 30_000 + "x\n---\ntokdeepblock body.\n"), REPAIRED, "nested too deeply", "tokdeepblock"),
    Kind("yaml_billion_laughs", _file("bad/yaml_laughs.md", _yaml_bomb_laughs), REPAIRED, "aliases", "tokbillion"),
    Kind("yaml_merge_bomb", _file("bad/yaml_merge.md", _yaml_bomb_merge), REPAIRED, "aliases", "tokmergebomb"),
    Kind("yaml_huge", _file("bad/yaml_huge.md", lambda: "---\ntitle: big\n" + "".join(f"k{i}: {'v' * 60}\n" for i in range(20_000)) + "---\ntokyamlhuge body.\n"), REPAIRED, "too large", "tokyamlhuge"),
    Kind("yaml_impossible_date", _file("bad/date_impossible.md", lambda: good("impossible", "Impossible date", "tokimpossible").replace("2022-05-06", "2023-02-30")), REPAIRED, "not a YYYY-MM-DD date", "tokimpossible", "Impossible date"),
    # --- wrong types and values ------------------------------------------------------
    Kind("date_as_list", _file("bad/date_list.md", lambda: front({"id": "datelist", "title": "Date as a list", "date": "[2020, 1, 2]"}, "tokdatelist")), REPAIRED, "'date'", "tokdatelist"),
    Kind("title_as_number", _file("bad/title_number.md", lambda: front({"id": "titlenumber", "title": "12345"}, "toktitlenumber")), REPAIRED, "'title' should be text", "toktitlenumber", "12345"),
    Kind("title_as_mapping", _file("bad/title_mapping.md", lambda: front({"id": "titlemap", "title": "{a: 1}"}, "Toktitlemap starts the text. More.")), REPAIRED, "'title' should be text", "toktitlemap"),
    Kind("authors_as_mapping", _file("bad/authors_map.md", lambda: front({"id": "authorsmap", "title": "Authors map", "authors": "{a: 1}"}, "tokauthorsmap")), REPAIRED, "'authors'", "tokauthorsmap"),
    Kind("date_unknown_format", _file("bad/date_format.md", lambda: front({"id": "dateformat", "title": "Date format", "date": "14/03/2023"}, "tokdateformat")), REPAIRED, "not a YYYY-MM-DD date", "tokdateformat"),
    Kind("date_extreme", _file("bad/date_extreme.md", lambda: front({"id": "dateextreme", "title": "Year one", "date": "0001-01-01"}, "tokdateextreme")), LOADED, "", "tokdateextreme"),
    Kind("missing_title", _file("bad/missing_title.md", lambda: front({"id": "missingtitle", "date": "2020-01-01"}, "Tokmissingtitle made this title. Then more.")), REPAIRED, "missing title", "tokmissingtitle", "Tokmissingtitle made this title"),
    Kind("unsafe_id", _file("bad/unsafe_id.md", lambda: front({"id": "'../../etc/passwd'", "title": "Unsafe id"}, "tokunsafeid")), REPAIRED, "not filesystem-safe", "tokunsafeid"),
    Kind("duplicate_id", _duplicate, REPAIRED, "duplicate id", "tokdupb"),
    Kind("raw_bad_date", _file("bad/raw_bad_date.txt", lambda: " date 2023-13-45 A raw headline\n\ntokrawdate text.\n"), REPAIRED, "impossible date", "tokrawdate"),
    # --- size ------------------------------------------------------------------------
    Kind("huge_20mb", _huge, REPAIRED, "only the first", "tokhuge"),
    Kind("one_mb_line", _file("bad/long_line.md", _long_line), LOADED, "", "toklongline"),
    # --- scripts and widths ------------------------------------------------------------
    Kind("rtl", _file("bad/rtl.md", lambda: good("rtl", f"'{RTL_TITLE}'", "tokrtl مرحبا بالعالم\nשלום עולם \u202eevil override\u202c", publisher=WIDTH_PUBLISHER)), LOADED, "", "tokrtl", RTL_TITLE),
    Kind("cjk", _file("bad/cjk.md", lambda: good("cjk", f"'{CJK_TITLE}'", "tokcjk " + "哈萨克斯坦和英国的关系。" * 300, publisher=WIDTH_PUBLISHER)), LOADED, "", "tokcjk", CJK_TITLE),
    Kind("emoji", _file("bad/emoji.md", lambda: good("emoji", f"'{EMOJI_TITLE}'", "tokemoji " + "👨‍👩‍👧‍👦 🇰🇿 👍🏽 ❤️ " * 200, publisher=WIDTH_PUBLISHER)), LOADED, "", "tokemoji", EMOJI_TITLE),
    # --- hostile text --------------------------------------------------------------------
    Kind("markup", _file("bad/markup.md", lambda: good("markup", f"'{MARKUP_TITLE}'", MARKUP_BODY, publisher=f"'{MARKUP_PUBLISHER}'")), LOADED, "", "tokmarkup", MARKUP_TITLE),
    Kind("escapes", _file("bad/escapes.md", lambda: front({"id": "escapes", "title": yaml_quoted(ESCAPE_TITLE), "publisher": yaml_quoted("Evil\x1b]52;c;cHduZWQ=\x07Pub")}, ESCAPE_BODY)), LOADED, "", "tokescapes", "Escapes in the title"),
    Kind("escape_yaml_raw", _file("bad/escape_raw.md", lambda: f"---\ntitle: raw {ESCAPES} title\n---\ntokescraw {ESCAPES} body\n"), REPAIRED, "YAML error", "tokescraw"),
    # --- the file system -------------------------------------------------------------------
    Kind("unreadable", _unreadable, SKIPPED, "permission denied", simulate="unreadable"),
    Kind("vanished_while_indexing", _file("bad/vanishing.md", lambda: good("vanishing", "Vanishing", "tokvanishing")), SKIPPED, "no such file", simulate="vanishing"),
    Kind("symlink_loop", _symlink_loop, SKIPPED, "symbolic links", needs="symlink"),
    Kind("dangling_symlink", _dangling, SKIPPED, "cannot read", needs="symlink"),
    Kind("symlinked_dir_loop", _dir_loop, IGNORED, needs="symlink"),
    Kind("fifo", _fifo, SKIPPED, "not a regular file", needs="fifo"),
    Kind("non_utf8_name", _non_utf8_name, SKIPPED, "not valid UTF-8", needs="bytes-names"),
    Kind("control_chars_in_name", _file(f"bad/{CTRL_NAME}", lambda: good("ctrlname", "Control characters in the file name", "tokctrlname")), LOADED, "", "tokctrlname"),
]

KIND_IDS = [k.name for k in KINDS]


def supported(kind: Kind) -> str | None:
    """Why this machine cannot make the kind, or None."""
    if kind.needs == "symlink" and not hasattr(os, "symlink"):
        return "no symlinks here"
    if kind.needs == "fifo" and not hasattr(os, "mkfifo"):
        return "no FIFOs here"
    if kind.needs == "bytes-names" and os.name != "posix":
        return "file names must be text here"
    return None


def make_kinds(root: Path, kinds: list[Kind] | None = None) -> dict[str, list[str]]:
    """Write the kinds under root; returns kind name -> its paths."""
    made = {}
    for kind in KINDS if kinds is None else kinds:
        if supported(kind) is None:
            made[kind.name] = kind.make(root)
    return made


def add_good(root: Path) -> list[str]:
    """The five bundled articles and the bundled boilerplate.yaml."""
    shutil.copytree(BUNDLED / "articles", root / "articles", dirs_exist_ok=True)
    shutil.copy2(BUNDLED / "boilerplate.yaml", root / "boilerplate.yaml")
    return sorted(f"articles/{p.name}" for p in (root / "articles").glob("*.md"))


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@contextlib.contextmanager
def simulated_faults(monkeypatch, made: dict[str, list[str]], kinds: list[Kind] | None = None):
    """Make reads of the `simulate` kinds fail as the OS would (also when running as root)."""
    failing: dict[str, OSError] = {}
    for kind in KINDS if kinds is None else kinds:
        if kind.simulate and kind.name in made:
            for rel in made[kind.name]:
                name = Path(rel).name
                if kind.simulate == "unreadable":
                    failing[name] = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
                else:
                    failing[name] = FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT))
    real = pathlib.Path.read_bytes

    def read_bytes(self):
        error = failing.get(self.name)
        if error is not None:
            raise type(error)(error.errno, error.strerror, str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    try:
        yield failing
    finally:
        monkeypatch.setattr(pathlib.Path, "read_bytes", real)


def tree_hash(root: Path) -> str:
    """A hash of everything in a folder: names, types, modes, sizes, mtimes, contents, link targets.

    Never opens anything but regular files (a FIFO would block), follows no links, and copes
    with files it cannot read (their metadata still counts).
    """
    digest = hashlib.sha256()
    root_b = os.fsencode(root)
    for dirpath, dirnames, filenames in os.walk(root_b, followlinks=False):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            full = os.path.join(dirpath, name)
            st = os.lstat(full)
            rel = os.path.relpath(full, root_b)
            digest.update(rel + b"\0" + f"{st.st_mode:o}:{st.st_mtime_ns}".encode())
            if stat.S_ISLNK(st.st_mode):
                digest.update(b"->" + os.readlink(full))
            elif stat.S_ISREG(st.st_mode):
                digest.update(f":{st.st_size}".encode())
                try:
                    with open(full, "rb") as handle:
                        for block in iter(lambda: handle.read(1 << 20), b""):
                            digest.update(block)
                except OSError:
                    digest.update(b"<unreadable>")
            digest.update(b"\n")
    return digest.hexdigest()


def set_read_only(root: Path, read_only: bool) -> None:
    """chmod a folder tree read-only (or back); leaves symlinks and the unreadable file alone."""
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames + dirnames:
            full = os.path.join(dirpath, name)
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode) or stat.S_IMODE(st.st_mode) == 0:
                continue
            mode = stat.S_IMODE(st.st_mode)
            os.chmod(full, mode & ~0o222 if read_only else mode | 0o200)
        mode = stat.S_IMODE(os.stat(dirpath).st_mode)
        os.chmod(dirpath, mode & ~0o222 if read_only else mode | 0o200)


# --- what must come of each kind ---------------------------------------------------------

def shown_path(rel: str) -> str:
    """A path as the problems view and the CLI show it (undecodable bytes replaced, no controls)."""
    from tui.core.text import one_line

    return one_line(os.fsencode(rel).decode("utf-8", errors="replace"))


def _problem_path(rel: str) -> str:
    return os.fsencode(rel).decode("utf-8", errors="replace")


def outcome_failures(made: dict[str, list[str]], articles, problems) -> list[str]:
    """Everything that differs from what the kinds promise (an empty list when all is well)."""
    by_path = {a.path: a for a in articles}
    failures = []
    for kind in KINDS:
        if kind.name not in made:
            continue
        paths = made[kind.name]
        mine = [p for p in problems if p.path in {_problem_path(rel) for rel in paths}]
        loaded = [by_path[rel] for rel in paths if rel in by_path]
        matching = [p for p in mine if kind.reason.lower() in p.reason.lower()]
        where = f"{kind.name} ({', '.join(shown_path(p) for p in paths)})"
        if kind.outcome in (LOADED, REPAIRED):
            if len(loaded) != len(paths):
                failures.append(f"{where}: not loaded; problems: {[p.reason for p in mine]}")
            elif kind.title is not None and loaded[0].title != kind.title:
                failures.append(f"{where}: title {loaded[0].title!r}, expected {kind.title!r}")
        elif loaded:
            failures.append(f"{where}: loaded, but it should not be")
        if kind.outcome == LOADED and mine:
            failures.append(f"{where}: unexpected problems {[p.reason for p in mine]}")
        if kind.outcome == REPAIRED and not [p for p in matching if not p.skipped]:
            failures.append(f"{where}: no 'repaired' problem mentioning {kind.reason!r}: {[p.reason for p in mine]}")
        if kind.outcome == SKIPPED:
            for rel in paths:
                if not [p for p in matching if p.path == _problem_path(rel) and p.skipped]:
                    failures.append(f"{where}: {shown_path(rel)} not listed as skipped because {kind.reason!r}: {[p.reason for p in mine]}")
        if kind.outcome == IGNORED:
            folder = paths[0].rsplit("/", 1)[0] + "/"
            if mine or any(path.startswith(folder) for path in by_path):
                failures.append(f"{where}: should be ignored, got {[p.reason for p in mine]}")
    return failures


def tokens(made: dict[str, list[str]]) -> dict[str, Kind]:
    """Search token -> kind, for every kind whose article must be searchable."""
    return {k.token: k for k in KINDS if k.token and k.name in made and k.outcome in (LOADED, REPAIRED)}
