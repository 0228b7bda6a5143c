"""A PDF page's pieces of text (linter/readers/pdftext.py) as numbered lines in reading order, with the
layout's hints about lists that the text alone has lost.

What a line number counts: line n of a page is its n-th row of text in reading order: top to bottom, and on
a page split by a gutter (two columns, a sidebar) the left column first, then the right. Pieces on one
line of the text (a name and a right-aligned date) are one row. On a one-column page this is the n-th line
of the text as a PDF viewer copies it; rows that the file draws in no order (text boxes placed at will) are
put top to bottom first.

The layout says what the characters do not:
- Columns: a vertical gap that (almost) no row crosses, with text on both sides over most of the page's
  height, is a gutter; each side is read top to bottom on its own, so a sidebar's skills never land inside
  a job, even when the file draws both columns a row at a time.
- Paragraph breaks: a gap between two rows clearly taller than the page's usual line spacing, a left edge
  that jumps far (a right-aligned contact block), or a row with a wide gap inside it (a name and its
  contact details, a title and its dates) ends a block, so that a name, a heading and the first bullet are
  not one paragraph.
- Bullets whose glyph extracts as nothing: a row followed by rows that hang under it (a hanging indent of
  one to three characters) starts a list item. An odd symbol that opens a row (a private-use glyph, a star,
  a diamond, an arrow) is a bullet glyph, and so is a dash right against a capitalised word ("-Led"); a
  glyph that the library put on a text line of its own joins the row beside it.
- Items with no glyph at all (a Word export with every item at the margin): two or more short runs of rows
  at one left edge, each a sentence that starts in capitals and ends with a full stop, are list items; and
  where a column has two or more paragraphs of whole sentences each under a title (one paragraph per job),
  each sentence is an item. A row of a bullet that ran on to the column's edge wrapped: the row below goes
  on with it, whatever its indent.
- Where two glyphs share a column and one always stands further left and is used less, the outer one
  marks groups (an employer over its roles), not items: its rows are read as titles.
- A row that is a list item and has more glyphs inside it ("* one * two") is split at them.
- A row whose first piece stands apart, over rows that start under its second piece, has a side label (a
  heading in a margin column): the label is read as a line of its own.
- A word broken with a hyphen at a row's end is joined again when what follows is a word ending
  ("build-" + "ing"); "data-" + "driven" stays hyphenated.

Everything here is linear in the number of pieces, bar sorting.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

from .structure import BULLET_RE, ITEM, MORE, SourceLine

# Roughly the width of one character of body text, in PDF points, to turn x offsets into an indent.
CHAR_WIDTH = 5.0
_GAP_BREAK = 1.5  # a row pitch this many times the page's usual one is a paragraph break
_WIDE_GAP = 1.6  # a gap inside a row this many line heights wide ends the block after that row
_JUMP = 12.0  # a left edge this many line heights from the row above's: a block of its own (a contact block)
_HANG_MIN, _HANG_MAX = 0.6, 3.0  # a hanging indent, in line heights
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
_SENTENCE_START = re.compile(r"(?<=[a-z0-9)][.!?]) +(?=[A-Z][a-z])")
_HYPHEN_END = re.compile(r"(?<=[a-z])-$")
# Word endings that a hyphen at the end of a row broke off: the word is joined again. A fragment that is a
# word of its own ("driven", "time", "scale") is a compound and keeps its hyphen.
_ENDINGS = frozenset(
    """ing ings ed er ers est ion ions tion tions sion sions ation ations ment ments ness ity ities ies ly ally
    al ally able ably ible ance ances ence ences ive ives ize ized izes izing ise ised ises ising ful less ous ure
    ures ture tures ate ated ates ating ic ical ics ist ists ism ency ancy ant ent ents ants ary ory ery els ers
    ogy ogies ysis yses ility ilities tive tives sive ished ishing ered ering""".split()
)
# Endings that, at the end of a fragment after the hyphen, mark a broken word rather than a compound.
_BROKEN_TAIL = re.compile(r"(?:ly|ity|ities|tion|tions|sion|sions|ment|ments|ness|ence|ences|ance|ances|ogy|ically)$")
_SOFT = re.compile("\u00ad([a-z]*)")
_DASH_ITEM = re.compile(r"[-–—](?=[A-Z][a-z])")
_INLINE_GLYPHS = "•●▪■◆◇⋄❖★☆✦➤►▶➢➔✓✔○◦"
_INLINE_MARKER = re.compile(r"(?<=\S) +(?=[" + _INLINE_GLYPHS + r"] +\S)")

Row = tuple  # (text, left, right, top, bottom, height, line): see pdftext.Row
_TITLE = "title"  # a row the layout reads as a title: no list item starts or goes on in it


class _Line:
    __slots__ = (
        "text",
        "left",
        "right",
        "top",
        "bottom",
        "height",
        "wide",
        "hint",
        "number",
        "shift",
        "pieces",
        "label",
        "splits",
    )

    def __init__(self, pieces: list[Row]):
        pieces.sort(key=lambda p: p[1])
        self.pieces = pieces
        self.label = 0  # a side label's length: the row's first piece stands in a margin column of its own
        self.text = _clean(" ".join(str(p[0]) for p in pieces))
        self.left = float(pieces[0][1])
        self.right = max(float(p[2]) for p in pieces)
        self.top = max(float(p[3]) for p in pieces)
        self.bottom = min(float(p[4]) for p in pieces)
        self.height = max(float(p[5]) for p in pieces) or 10.0
        # a wide gap inside the row, other than the tab after a bullet glyph or a number
        self.wide = any(
            float(b[1]) - float(a[2]) > _WIDE_GAP * self.height and not _is_marker(str(a[0]))
            for a, b in zip(pieces, pieces[1:])
        )
        self.hint: str | None = None
        self.number = 0
        self.shift = 0  # characters moved to the row above (a hyphenated word joined again)
        self.splits: list[int] = []  # where in the row a new sentence item starts


def page_source_lines(page_number: int, pieces: list[Row]) -> list[SourceLine]:
    """A page's lines, numbered from 1 in reading order, with a blank line wherever a block must end (and one
    closing the page)."""
    pieces = [p for p in pieces if str(p[0]).strip()]
    if not pieces:
        return []
    if not any(float(p[5]) for p in pieces):  # no layout (PDFium's text did not line up): rows as they came
        return _plain(page_number, pieces)
    columns = _columns(pieces)
    out: list[SourceLine] = []
    number = 0
    for column in columns:
        lines = _rows(column)
        for line in lines:
            number += 1
            line.number = number
        breaks = _breaks(lines)
        _normalise_glyphs(lines)
        _group_glyphs(lines, breaks)
        _hanging_items(lines, breaks)
        _sentence_items(lines, breaks)
        _wrapped_rows(lines, breaks)
        _join_hyphens(lines, breaks)
        margin = min(line.left for line in lines)
        listed = False  # inside a list whose items have glyphs: glyphs inside a row split it too
        for i, line in enumerate(lines):
            if i and breaks[i]:
                out.append(SourceLine("", line.number, page_number))
                listed = False
            listed = _has_glyph(line) or line.hint in (ITEM, MORE) or (listed and not line.label)
            out += _source_lines(line, page_number, (line.left - margin) / CHAR_WIDTH, listed)
        out.append(SourceLine("", number + 1, page_number))
    return out


def _is_marker(text: str) -> bool:
    """A piece that is only a bullet glyph or a list number ("•", "3.", "(cid:127)")."""
    text = text.strip()
    return bool(text) and (len(text) == 1 and _is_glyph(text) or bool(BULLET_RE.fullmatch(text + " ")))


def _plain(page_number: int, pieces: list[Row]) -> list[SourceLine]:
    lines = [SourceLine(_clean(str(p[0])), n, page_number, 0.0) for n, p in enumerate(pieces, 1)]
    return lines + [SourceLine("", len(pieces) + 1, page_number)]


def _columns(pieces: list[Row]) -> list[list[Row]]:
    """The page's pieces split at a gutter, left column first, or all of them as one column."""
    gutter = _gutter(pieces)
    if gutter is None:
        return [pieces]
    left = [p for p in pieces if float(p[1]) < gutter]
    right = [p for p in pieces if float(p[1]) >= gutter]
    return [left, right]


def _gutter(pieces: list[Row]) -> float | None:
    """The x of a vertical gap that splits most of the page into two columns, each with text over at least
    half the page's text height, four pieces or more, a twelfth of its characters and more letters than
    digits (a column of dates stays with its jobs); pieces that cross it (a title across the top) may be at
    most a tenth of them."""
    lo = min(float(p[1]) for p in pieces)
    hi = max(float(p[2]) for p in pieces)
    if hi - lo < 100:
        return None
    width = int(hi - lo) + 2
    cover = [0] * (width + 1)
    for p in pieces:  # a difference array: how many pieces cover each point of x
        a, b = int(float(p[1]) - lo), int(float(p[2]) - lo)
        cover[a] += 1
        cover[min(b + 1, width)] -= 1
    limit = max(1, len(pieces) // 10)
    running, best, run_start, best_span = 0, None, None, 0
    for x in range(width):
        running += cover[x]
        if running <= limit and x > 0:
            if run_start is None:
                run_start = x
            if x - run_start + 1 > best_span:
                best_span, best = x - run_start + 1, (run_start + x) / 2 + lo
        else:
            run_start = None
    if best is None or best_span < 8:
        return None
    top = max(float(p[3]) for p in pieces)
    bottom = min(float(p[4]) for p in pieces)
    height = max(top - bottom, 1.0)
    chars = sum(len(str(p[0])) for p in pieces)
    sides = (
        [p for p in pieces if float(p[2]) <= best],
        [p for p in pieces if float(p[1]) >= best],
    )
    for side in sides:
        text = "".join(str(p[0]) for p in side).replace(" ", "")
        if len(side) < 4 or len(text) < chars / 12:
            return None
        if sum(c.isalpha() for c in text) < len(text) / 2:  # a column of dates beside their jobs is not one
            return None
        if max(float(p[3]) for p in side) - min(float(p[4]) for p in side) < height / 2:
            return None
    return best


def _rows(pieces: list[Row]) -> list[_Line]:
    """The pieces of each line of the library's text joined, lines in the order it reads them (the order the
    file draws them), or top to bottom when that order goes back up the page more than now and then."""
    rows: dict[int, list[Row]] = {}
    for piece in pieces:
        rows.setdefault(int(piece[6]), []).append(piece)
    groups = list(rows.values())
    merged: list[list[Row]] = []
    for row in groups:  # a glyph that the library put on a line of its own, beside its item's first row
        if merged and _is_marker(" ".join(str(p[0]) for p in merged[-1])) and _beside(merged[-1], row):
            merged[-1] = merged[-1] + row
        else:
            merged.append(row)
    lines = [_Line(row) for row in merged]
    upward = sum(b.top > a.top + 0.5 * a.height for a, b in zip(lines, lines[1:]))
    if upward > max(2, len(lines) // 10):  # drawn in no order (text boxes placed at will): top to bottom
        lines.sort(key=lambda line: -line.top)
    return lines


def _beside(marker: list[Row], row: list[Row]) -> bool:
    """The row's first piece starts right of the marker, on the same visual row (their boxes overlap in
    height)."""
    first = min(row, key=lambda p: float(p[1]))
    top, bottom = max(float(p[3]) for p in marker), min(float(p[4]) for p in marker)
    return float(first[1]) > max(float(p[2]) for p in marker) and float(first[4]) < top and float(first[3]) > bottom


def _breaks(lines: list[_Line]) -> list[bool]:
    """breaks[i]: a block ends before line i."""
    pitches = [a.top - b.top for a, b in zip(lines, lines[1:]) if 0 < a.top - b.top < 2.5 * a.height]
    usual = statistics.median(pitches) if pitches else None
    breaks = [False] * len(lines)
    for i in range(1, len(lines)):
        above, line = lines[i - 1], lines[i]
        pitch = above.top - line.top
        tall = usual is not None and pitch > _GAP_BREAK * usual and pitch > 1.3 * max(line.height, above.height)
        jump = abs(line.left - above.left) > _JUMP * max(line.height, above.height)  # a block off to one side
        if (
            above.wide
            and len(above.pieces) > 1
            and float(above.pieces[1][1]) - float(above.pieces[0][2]) > _WIDE_GAP * above.height
            and abs(float(above.pieces[1][1]) - line.left) < 0.5 * line.height
        ):
            # "EXPERIENCE    Acme Corp" over rows that start under "Acme Corp": a label in a margin column
            above.label = len(str(above.pieces[0][0]))
            breaks[i] = tall or jump
            continue
        breaks[i] = above.wide or tall or jump
    return breaks


def _is_glyph(char: str) -> bool:
    """A symbol that is not a letter, digit or punctuation mark: a private-use glyph of a symbol font, a
    dingbat, a geometric shape or an arrow."""
    if "\ue000" <= char <= "\uf8ff" or char == "\ufffd":
        return True
    if char in "©®°™":
        return False
    return unicodedata.category(char) == "So" or ("\u2190" <= char <= "\u21ff")


def _normalise_glyphs(lines: list[_Line]) -> None:
    """An odd symbol opening a row, followed by a space, is a bullet glyph: it is read as "•". A dash
    opening a row right against a capitalised word ("-Led the ...") is a dash bullet."""
    for line in lines:
        text = line.text
        if len(text) > 2 and text[1] == " " and _is_glyph(text[0]) and not BULLET_RE.match(text):
            line.text = "•" + text[1:]
        elif _DASH_ITEM.match(text):
            line.text = text[0] + " " + text[1:]
            line.shift -= 1


def _group_glyphs(lines: list[_Line], breaks: list[bool]) -> None:
    """Two glyphs in one column, one always further left than the other and used less: the outer one marks
    the groups (an employer over its roles and bullets), not items. Its rows are read as titles: the glyph
    is dropped and the row stands as a block of its own."""
    edges: dict[str, list[float]] = {}
    for line in lines:
        match = BULLET_RE.match(line.text)
        if match and match.end() < len(line.text):
            edges.setdefault(match.group("marker"), []).append(line.left)
    if len(edges) < 2:
        return
    ordered = sorted(edges.items(), key=lambda item: len(item[1]))
    (outer, outer_edges), inner_edges = ordered[0], ordered[-1][1]
    if len(outer) != 1 or outer in "-–—*+" or max(outer_edges) + 1.0 >= min(inner_edges):
        return  # a numbered list, or dashes: items of their own
    for i, line in enumerate(lines):
        match = BULLET_RE.match(line.text)
        if match and match.group("marker") == outer:
            line.text = line.text[match.end() :]
            line.shift += match.end()
            line.hint = _TITLE
            breaks[i] = True


def _has_glyph(line: _Line) -> bool:
    return bool(BULLET_RE.match(line.text))


def _hanging_items(lines: list[_Line], breaks: list[bool]) -> None:
    """A row followed by rows that hang under it, a character or three to its right, is a list item whose
    glyph was lost; so is a one-row item after it at the same edge (the next row is not indented)."""
    widest = max(line.right for line in lines)
    margin = min(line.left for line in lines)
    i = 0
    while i < len(lines) - 1:
        line, below = lines[i], lines[i + 1]
        hang = below.left - line.left
        if (
            line.hint is None
            # the item wrapped, so its first row runs most of the way across (a title over an indented
            # paragraph stops short)
            and line.right - margin >= 0.7 * (widest - margin)
            and not breaks[i + 1]
            and not _has_glyph(line)
            and not _has_glyph(below)
            and _HANG_MIN * line.height <= hang <= _HANG_MAX * line.height
            and len(line.text.split()) >= 4
            and not _starts_hang(lines, breaks, i + 1)  # a title over an item of its own
        ):
            line.hint = ITEM
            j = i + 1
            while j < len(lines) and not breaks[j] and abs(lines[j].left - below.left) < 1.0:
                if _has_glyph(lines[j]):
                    break
                lines[j].hint = MORE
                j += 1
            # one-row items of the same list: rows at the item's edge that end a sentence or stop short
            while (
                j < len(lines)
                and not breaks[j]
                and lines[j].hint is None
                and abs(lines[j].left - line.left) < 1.0
                and not _has_glyph(lines[j])
                and not _starts_hang(lines, breaks, j)
                and len(lines[j].text.split()) >= 4
                and (j + 1 == len(lines) or breaks[j + 1] or abs(lines[j + 1].left - line.left) < 1.0)
            ):
                lines[j].hint = ITEM
                j += 1
            i = j
            continue
        i += 1


def _starts_hang(lines: list[_Line], breaks: list[bool], i: int) -> bool:
    if i + 1 >= len(lines) or breaks[i + 1]:
        return False
    hang = lines[i + 1].left - lines[i].left
    return _HANG_MIN * lines[i].height <= hang <= _HANG_MAX * lines[i].height


def _ends_early(line: _Line, below: _Line | None, widest: float) -> bool:
    """The row was ended on purpose (a title, the end of a paragraph): the first word of the row below would
    have fitted in the room left at its end, so no wrapping put it there."""
    if below is None:
        return True
    word = below.text.split(" ", 1)[0]
    per_char = (below.right - below.left) / max(len(below.text), 1)
    return line.right + per_char * (len(word) + 1) < widest - 2.0


def _sentence_items(lines: list[_Line], breaks: list[bool]) -> None:
    """Runs of rows at one left edge that end in a full stop, within four rows, are list items when two or
    more of them stand together, each one sentence (or a few) that starts in capitals. A paragraph of whole
    sentences under a title (a row ended on purpose) gives one item per sentence, so long as each of its rows
    but the last runs to the column's edge: prose written as one paragraph per job."""
    groups: list[list[int]] = []
    current: list[int] = []
    widest = max(line.right for line in lines)
    for i, line in enumerate(lines):
        if current and (breaks[i] or abs(line.left - lines[current[-1]].left) >= 1.0):
            groups.append(current)
            current = []
        current.append(i)
        below = lines[i + 1] if i + 1 < len(lines) else None
        if _SENTENCE_END.search(line.text.rstrip()) or _ends_early(line, below, widest):
            groups.append(current)
            current = []
    if current:
        groups.append(current)

    def item(group: list[int], rows: int = 4) -> bool:
        first, last = lines[group[0]], lines[group[-1]]
        return (
            len(group) <= rows
            and all(lines[k].hint is None and not _has_glyph(lines[k]) for k in group)
            and first.text[:1].isupper()
            and len(first.text.split()) >= 3
            and bool(_SENTENCE_END.search(last.text.rstrip()))
        )

    prose = {k for k in range(1, len(groups)) if _prose_entry(lines, breaks, groups, k, widest, item)}
    k = 0
    while k < len(groups):
        run = k
        while run < len(groups) and item(groups[run]) and _same_edge(lines, groups[k], groups[run]):
            run += 1
        if run - k >= 2:
            for group in groups[k:run]:
                lines[group[0]].hint = ITEM
                for index in group[1:]:
                    lines[index].hint = MORE
            k = run
            continue
        if len(prose) >= 2 and k in prose:
            group = groups[k]
            lines[group[0]].hint = ITEM
            for index in group:
                lines[index].splits = [m.end() for m in _SENTENCE_START.finditer(lines[index].text)]
                if index != group[0]:
                    lines[index].hint = MORE
        k += 1


def _prose_entry(lines: list[_Line], breaks: list[bool], groups: list[list[int]], k: int, widest: float, item) -> bool:
    """groups[k] is a paragraph of whole sentences right under a title (a row ended on purpose, with no
    full stop), each of its rows but the last running to the column's edge. Two or more of them in a column
    are prose written as one paragraph per job, read one item per sentence."""
    group, before = groups[k], groups[k - 1]
    title = lines[before[-1]]
    return (
        len(group) >= 2
        and len(before) == 1
        and not breaks[group[0]]
        and title.hint is None
        and not _has_glyph(title)
        and title.left <= lines[group[0]].left + 1.0
        and not _SENTENCE_END.search(title.text.rstrip())
        and _ends_early(title, lines[group[0]], widest)
        and item(group, rows=6)
        and any(_SENTENCE_START.search(lines[g].text) for g in group)
    )


def _same_edge(lines: list[_Line], a: list[int], b: list[int]) -> bool:
    return abs(lines[a[0]].left - lines[b[0]].left) < 1.0


def _wrapped_rows(lines: list[_Line], breaks: list[bool]) -> None:
    """A row of a bullet that ran on to the column's edge, without ending a sentence, wrapped: the row below
    goes on with the bullet even when it starts at the bullet's own edge and in capitals."""
    widest = max(line.right for line in lines)
    edge: float | None = None  # the left edge of the bullet being read, if any
    for i, line in enumerate(lines):
        if breaks[i]:
            edge = None
        if edge is not None and line.hint is None and not _has_glyph(line):
            above = lines[i - 1]
            below = lines[i + 1] if i + 1 < len(lines) and not breaks[i + 1] else None
            if (
                line.left >= edge - 1.0
                and not _SENTENCE_END.search(above.text.rstrip())
                and not _ends_early(above, line, widest)
                # a row in capitals that stops short with no full stop may be the next job's title
                and (
                    not line.text[:1].isupper()
                    or _SENTENCE_END.search(line.text.rstrip())
                    or not _ends_early(line, below, widest)
                )
            ):
                line.hint = MORE
        if _has_glyph(line) or line.hint == ITEM:
            edge = line.left
        elif line.hint != MORE:
            edge = None


def _join_hyphens(lines: list[_Line], breaks: list[bool]) -> None:
    """'build-' at a row's end and 'ing ...' at the next row's start are 'building'."""
    for i in range(len(lines) - 1):
        line, below = lines[i], lines[i + 1]
        if breaks[i + 1] or not _HYPHEN_END.search(line.text):
            continue
        match = re.match(r"[a-z]+", below.text)
        if not match or not _word_ending(match.group()):
            continue
        end = match.end()
        line.text = line.text[:-1] + below.text[:end]
        rest = below.text[end:]
        stripped = rest.lstrip()
        moved = end + len(rest) - len(stripped)
        below.shift += moved
        below.text = stripped
        below.splits = [at - moved for at in below.splits if at > moved]


def _clean(text: str) -> str:
    return _SOFT.sub(_soft_hyphen, text.replace("\ufffe", "\u00ad").replace("\u0002", "\u00ad"))


def _soft_hyphen(match: re.Match) -> str:
    """A hyphen PDFium marked as soft (it joined the row that ended in it to the next): the word is joined
    again when what follows is a word ending ("experi-ence"); a compound ("data-driven") keeps it."""
    tail = match.group(1)
    return tail if _word_ending(tail) else "-" + tail


def _word_ending(fragment: str) -> bool:
    return fragment in _ENDINGS or bool(_BROKEN_TAIL.search(fragment))


def _source_lines(line: _Line, page_number: int, indent: float, listed: bool) -> list[SourceLine]:
    """The SourceLine(s) of a row: one; or a side label, a blank line and the rest; or, in a list, one per
    item when the row has more glyphs inside it."""
    text = line.text
    if not text:
        return []
    out: list[SourceLine] = []
    shift = line.shift
    if line.label and line.label < len(text):
        out.append(SourceLine(text[: line.label], line.number, page_number, indent))
        out.append(SourceLine("", line.number, page_number))
        rest = text[line.label :]
        shift += line.label + len(rest) - len(rest.lstrip())
        text = rest.lstrip()
        indent = (float(line.pieces[1][1]) - line.left) / CHAR_WIDTH + indent
    starts = [0]
    if line.splits and len(text) == len(line.text):
        starts += line.splits
    elif listed:
        starts += [m.end() for m in _INLINE_MARKER.finditer(text)]
    for start, end in zip(starts, starts[1:] + [len(text)]):
        piece = text[start:end].rstrip()
        base = shift + start
        columns = tuple(range(base + 1, base + 1 + len(piece))) if base else None
        hint = (line.hint if line.hint != _TITLE else None) if start == 0 else ITEM if line.splits else None
        out.append(SourceLine(piece, line.number, page_number, indent, hint=hint, columns=columns))
    return out
