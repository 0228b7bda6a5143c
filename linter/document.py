"""The format-neutral model every reader produces and every rule reads.

A Document is a list of Blocks (heading, bullet, paragraph, question, answer, code). A block's text is what the
rules see: bullet markers are stripped and a bullet wrapped over several source lines is joined with single
spaces. Each block keeps Segments that map every character of its text back to the source: a line and column
(1-based), and a page for PDF. For DOCX the "line" is the paragraph number.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

HEADING = "heading"
BULLET = "bullet"
PARAGRAPH = "paragraph"
QUESTION = "question"
ANSWER = "answer"
CODE = "code"
BLOCK_TYPES = (HEADING, BULLET, PARAGRAPH, QUESTION, ANSWER, CODE)


@dataclass(frozen=True)
class Position:
    line: int
    column: int
    page: int | None = None


@dataclass(frozen=True)
class Segment:
    """Characters text[offset:offset+length] of a block come from `line`, starting at `column`."""

    offset: int
    length: int
    line: int
    column: int
    page: int | None = None


@dataclass
class Block:
    type: str
    text: str
    segments: list[Segment]
    section: str | None = None  # canonical section name ("experience", "skills", ...) or None
    heading: str | None = None  # the heading text this block sits under

    def position(self, offset: int) -> Position:
        """Source position of character `offset` of the text (an offset at the end maps past the last char)."""
        if not self.segments:
            return Position(1, 1)
        starts = [s.offset for s in self.segments]
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        seg = self.segments[i]
        within = min(max(offset - seg.offset, 0), seg.length)
        return Position(seg.line, seg.column + within, seg.page)

    def end_position(self, end_offset: int) -> Position:
        """Position just after the character before `end_offset` (the exclusive end of a span)."""
        if end_offset <= 0:
            return self.position(0)
        last = self.position(end_offset - 1)
        return Position(last.line, last.column + 1, last.page)

    @property
    def start(self) -> Position:
        return self.position(0)


@dataclass
class Document:
    path: str
    format: str  # txt, md, pdf, docx, stdin, ...
    blocks: list[Block] = field(default_factory=list)
    # Reader remarks that are not errors, as (RL9xx code, one-line text): e.g. an encoding fallback.
    notes: list[tuple[str, str]] = field(default_factory=list)

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

    def add(self, text: str, line: int, column: int, page: int | None = None, joiner: str = " ") -> None:
        if self._parts and joiner:
            self._parts.append(joiner)
            self._length += len(joiner)
        self._segments.append(Segment(self._length, len(text), line, column, page))
        self._parts.append(text)
        self._length += len(text)

    @property
    def empty(self) -> bool:
        return not self._parts

    def build(self) -> Block:
        return Block(self.type, "".join(self._parts), self._segments, self.section, self.heading)
