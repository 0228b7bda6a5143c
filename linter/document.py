"""The format-neutral model every reader produces and every rule reads.

A Document is a list of Blocks (heading, bullet, paragraph, question, answer, code). A block's text is what the
rules see: bullet markers are stripped and a bullet wrapped over several source lines is joined with single
spaces. Each block keeps Segments that map every character of its text back to the source: a line and column
(1-based), and a page for PDF (for a notebook, the "page" is the cell number and the line is within the
cell). For DOCX the "line" is the paragraph number. Blocks of a question and its answer share a `qa` number.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from .formats import Location

HEADING = "heading"
BULLET = "bullet"
PARAGRAPH = "paragraph"
QUESTION = "question"
ANSWER = "answer"
CODE = "code"


@dataclass(frozen=True)
class Position:
    line: int
    column: int
    page: int | None = None


@dataclass(frozen=True)
class Segment:
    """Characters text[offset:offset+length] of a block come from `line`, starting at `column`. When the
    source spelled them differently (JSON escapes), `columns` gives the column of each character."""

    offset: int
    length: int
    line: int
    column: int
    page: int | None = None
    columns: tuple[int, ...] | None = None

    def column_at(self, within: int) -> int:
        if self.columns:
            if within < len(self.columns):
                return self.columns[within]
            return self.columns[-1] + (within - len(self.columns) + 1)
        return self.column + within


@dataclass
class Block:
    type: str
    text: str
    segments: list[Segment]
    section: str | None = None  # canonical section name ("experience", "skills", ...) or None
    heading: str | None = None  # the heading text this block sits under
    qa: int | None = None  # which question-and-answer pair the block belongs to (Q&A documents)
    parts: tuple[int, ...] = ()  # for a block merged from several: where each source block's text ends
    level: int | None = None  # a heading's level when the source says it (Markdown "###", <h3>, DOCX style)

    def source_lines(self) -> list[str]:
        """The text line by line (a paragraph joined from several source lines is split again)."""
        out: list[str] = []
        last: tuple[int | None, int] | None = None
        for seg in self.segments:
            piece = self.text[seg.offset : seg.offset + seg.length]
            if out and (seg.page, seg.line) == last:
                out[-1] += " " + piece
            else:
                out.append(piece)
            last = (seg.page, seg.line)
        return out

    @cached_property
    def _segment_starts(self) -> list[int]:
        """Where each segment starts in the text, worked out once: a block merged from a whole resume has a
        segment per source line, and every finding in it looks a position up."""
        return [s.offset for s in self.segments]

    def position(self, offset: int) -> Position:
        """Source position of character `offset` of the text (an offset at the end maps past the last char)."""
        if not self.segments:
            return Position(1, 1)
        i = max(bisect.bisect_right(self._segment_starts, offset) - 1, 0)
        seg = self.segments[i]
        within = min(max(offset - seg.offset, 0), seg.length)
        return Position(seg.line, seg.column_at(within), seg.page)

    def end_position(self, end_offset: int) -> Position:
        """Position just after the character before `end_offset` (the exclusive end of a span)."""
        if end_offset <= 0:
            return self.position(0)
        last = self.position(end_offset - 1)
        return Position(last.line, last.column + 1, last.page)

    @property
    def start(self) -> Position:
        return self.position(0)

    def source_range(self, offset: int) -> tuple[int, int]:
        """Where, in a block merged from several, the source block that character `offset` lies in starts
        and ends (merge_blocks joins them with one space); a block not merged is one source."""
        if not self.parts:
            return 0, len(self.text)
        part = min(bisect.bisect_right(self.parts, offset), len(self.parts) - 1)
        return (self.parts[part - 1] + 1 if part > 0 else 0), self.parts[part]


@dataclass(frozen=True)
class Note:
    """A reader's remark that is not a reason to give up on the file: a problem (linter.problems), one line
    of text, and where it applies (a JSON Lines line that could not be read, an encoding fallback at line 1)."""

    problem: str
    message: str
    line: int = 1
    page: int | None = None


@dataclass(frozen=True)
class Directive:
    """An inline `<!-- rolelint: disable|enable|disable-next-line [CODES] -->` comment. No codes: all rules.
    `target` is the line a disable-next-line applies to (the next line with text)."""

    action: str
    codes: tuple[str, ...]
    line: int
    page: int | None = None
    target: int | None = None


@dataclass
class Document:
    path: str
    format: str  # a name in the format table (linter/formats.py): txt, md, pdf, docx, jsonl, ipynb
    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    location: Location | None = None  # what positions count in this format (set from the format table)
    title: str | None = None  # the title the document's metadata gives it (Markdown front matter)

    def blocks_of(self, *types: str) -> list[Block]:
        return [b for b in self.blocks if b.type in types]

    @property
    def sections(self) -> list[str]:
        seen: list[str] = []
        for b in self.blocks:
            if b.section and b.section not in seen:
                seen.append(b.section)
        return seen


class BlockBuilder:
    """Accumulates pieces of source text into one block, recording where each piece came from."""

    def __init__(self, type_: str, section: str | None = None, heading: str | None = None):
        self.type = type_
        self.section = section
        self.heading = heading
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    def add(
        self,
        text: str,
        line: int,
        column: int,
        page: int | None = None,
        joiner: str = " ",
        columns: tuple[int, ...] | None = None,
    ) -> None:
        if self._parts and joiner:
            self._parts.append(joiner)
            self._length += len(joiner)
        self._segments.append(Segment(self._length, len(text), line, column, page, columns))
        self._parts.append(text)
        self._length += len(text)

    @property
    def empty(self) -> bool:
        return not self._parts

    def extend(self, block: Block, joiner: str = " ") -> None:
        """Append a whole block, keeping its source positions."""
        if self._parts and joiner:
            self._parts.append(joiner)
            self._length += len(joiner)
        for seg in block.segments:
            self._segments.append(
                Segment(self._length + seg.offset, seg.length, seg.line, seg.column, seg.page, seg.columns)
            )
        self._parts.append(block.text)
        self._length += len(block.text)

    def build(self) -> Block:
        return Block(self.type, "".join(self._parts), self._segments, self.section, self.heading)


def merge_blocks(blocks: list[Block], type_: str, joiner: str = " ") -> Block:
    """One block holding the text of several, each character still mapped to its source position. The
    single-space joiner matches spaCy's Doc.from_docs, so the blocks' parsed Docs can be joined instead of
    parsing the text again."""
    builder = BlockBuilder(type_, blocks[0].section if blocks else None, blocks[0].heading if blocks else None)
    ends = []
    for block in blocks:
        builder.extend(block, joiner)
        ends.append(builder._length)
    merged = builder.build()
    merged.qa = blocks[0].qa if blocks else None
    merged.parts = tuple(ends)
    return merged
