"""Word wrapping that remembers where each line came from, so a match can be scrolled to."""

from __future__ import annotations

from rich.cells import cell_len


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of text to a cell width: (start, end) character offsets per line.

    Source newlines always break; a blank source line yields an empty line. Words longer
    than the width are split. The returned slices never include the breaking space.
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    pos = 0
    for paragraph in text.split("\n"):
        start, end_of_para = pos, pos + len(paragraph)
        pos = end_of_para + 1
        if not paragraph.strip():
            lines.append((start, start))
            continue
        line_start = start
        line_cells = 0
        i = start
        last_space = -1
        while i < end_of_para:
            ch = text[i]
            w = cell_len(ch)
            if ch == " ":
                last_space = i
            if line_cells + w > width and i > line_start:
                if last_space > line_start:
                    lines.append((line_start, last_space))
                    i = last_space + 1
                else:
                    lines.append((line_start, i))
                line_start = i
                line_cells = 0
                last_space = -1
                continue
            line_cells += w
            i += 1
        lines.append((line_start, end_of_para))
    return lines


def line_of(offset: int, lines: list[tuple[int, int]]) -> int:
    """Index of the wrapped line holding a character offset (binary search)."""
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid][0] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return max(lo, 0)
