"""Turns the lines of a text-like source (plain text, Markdown, the text layer of a PDF) into blocks.

Shared by the readers so that a resume gives the same blocks whatever format it came in: section headings,
bullets (with a wrapped bullet joined into one), paragraphs and code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import ANSWER, BULLET, CODE, HEADING, PARAGRAPH, QUESTION, Block, BlockBuilder
from ..sections import OTHER, Vocabulary

# Bullet glyphs seen in resumes, including what PDF extraction makes of them: "(cid:127)" from pdfplumber,
# private-use code points from Symbol and Wingdings fonts.
_GLYPHS = "•●▪◦‣∙·○■□➢►▶✓✔➤⁃★☆✦✧◆◇⋄❖➔→\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
BULLET_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>\(cid:\d+\)|[" + _GLYPHS + r"]|[-*+–—](?=\s)|\d{1,2}[.)](?=\s))[ \t]*"
)
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_RULE_LINE = re.compile(r"^\s*([=\-_─━~*])(\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
# "Q:", "Q1:", "**Question 2:**" and "A:", "Answer:" open a question and its answer.
_QA_MARKER = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?P<which>Q|Question|A|Answer)[ \t]*\d*[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*", re.IGNORECASE
)
_CONNECTOR_END = re.compile(
    r"(?:[,;&/(+\-–]|\b(?:and|or|to|of|for|with|by|in|on|at|from|into|the|a|an|via|across))$", re.IGNORECASE
)


# Hints from a PDF's layout: a list item (whose glyph was lost) starts on this line, or goes on on it.
ITEM = "item"
MORE = "more"


@dataclass(frozen=True)
class SourceLine:
    text: str
    line: int
    page: int | None = None
    indent: float | None = None  # visual indent from layout (PDF); None: count leading white space
    code: bool = False  # inside a fenced code block
    hint: str | None = None  # "bullet" or "heading" when the source format says so (DOCX styles); ITEM or
    # MORE when a PDF's layout says a list item starts here or goes on here (linter/readers/pdflayout.py)
    standalone: bool = False  # never joined with the lines around it (a DOCX paragraph)
    columns: tuple[int, ...] | None = None  # source column of each character, when not simply its index + 1

    def column_of(self, index: int) -> int:
        if self.columns:
            return self.columns[min(index, len(self.columns) - 1)]
        return index + 1

    def columns_of(self, start: int, length: int) -> tuple[int, ...] | None:
        return self.columns[start : start + length] if self.columns else None


def _leading_width(text: str) -> int:
    stripped = text.lstrip(" \t")
    return len(text[: len(text) - len(stripped)].expandtabs(4))


def _is_caps_heading(text: str) -> bool:
    """'TECHNICAL LEADERSHIP' is a heading; 'SQL' or 'AWS, GCP' is not."""
    words = text.split()
    letters = [c for c in text if c.isalpha()]
    return (
        2 <= len(words) <= 6
        and len(letters) >= 4
        and all(c.isupper() for c in letters)
        and not re.search(r"[\d,.;:!?@]", text.rstrip(":"))
    )


class _Assembler:
    def __init__(self, sections: Vocabulary) -> None:
        self.vocabulary = sections
        self.blocks: list[Block] = []
        self.current: BlockBuilder | None = None
        self.current_indent = 0.0
        self.current_lines = 0
        self.last_text = ""
        self.section: str | None = None
        self.heading: str | None = None

    def close(self) -> None:
        if self.current is not None and not self.current.empty:
            self.blocks.append(self.current.build())
        self.current = None
        self.current_lines = 0

    def start(self, type_: str, indent: float = 0.0) -> BlockBuilder:
        self.close()
        self.current = BlockBuilder(type_, self.section, self.heading)
        self.current_indent = indent
        return self.current

    def add(self, text: str, line: SourceLine, start: int, joiner: str = " ") -> None:
        """Add text[...] of `line` that begins at index `start` of the line's text."""
        assert self.current is not None
        self.current.add(text, line.line, line.column_of(start), line.page, joiner, line.columns_of(start, len(text)))
        self.current_lines += 1
        self.last_text = text

    def heading_block(self, text: str, line: SourceLine, start: int, section: str | None) -> None:
        self.close()
        # A heading that names no known section ("Acme Corp - Data Scientist") is a sub-heading: the
        # section it sits in carries on.
        self.section = section or self.section or OTHER
        self.heading = text
        self.current = BlockBuilder(HEADING, self.section, text)
        self.add(text, line, start)
        self.close()

    def promote_to_heading(self) -> None:
        """A one-line paragraph underlined with ===/--- is a heading (setext style)."""
        if self.current is None or self.current.type != PARAGRAPH or self.current_lines != 1:
            self.close()
            return
        block = self.current.build()
        self.current = None
        self.current_lines = 0
        self.section = self.vocabulary.canonical(block.text) or self.section or OTHER
        self.heading = block.text
        self.blocks.append(Block(HEADING, block.text, block.segments, self.section, block.text))


def build_blocks(lines: list[SourceLine], sections: Vocabulary, markdown: bool = False) -> list[Block]:
    asm = _Assembler(sections)
    canonical_section = sections.canonical
    for src in lines:
        raw = src.text.rstrip()
        if src.code:
            if asm.current is None or asm.current.type != CODE:
                asm.start(CODE)
            asm.add(raw, src, 0, joiner="\n")
            continue
        offset = 0
        if markdown:
            quote = _QUOTE.match(raw)
            if quote:
                offset = quote.end()
        body = raw[offset:]
        stripped = body.strip()
        if not stripped:
            asm.close()
            continue
        lead = len(body) - len(body.lstrip(" \t"))
        first = offset + lead  # index in the line of the first visible character
        indent = src.indent if src.indent is not None else float(_leading_width(body))

        if markdown:
            atx = _ATX_HEADING.match(body)
            if atx:
                text = atx.group(2)
                asm.heading_block(text, src, offset + atx.start(2), canonical_section(text))
                continue
        if _RULE_LINE.match(body):
            asm.promote_to_heading()
            continue

        bullet = BULLET_RE.match(body)
        if src.hint == ITEM:
            start = bullet.end() if bullet and bullet.end() < len(body) else lead
            asm.start(BULLET, indent)
            asm.add(body[start:].rstrip(), src, offset + start)
            continue
        if src.hint == MORE and asm.current is not None and asm.current.type == BULLET:
            asm.add(stripped, src, first)
            continue
        if src.hint == BULLET:
            start = bullet.end() if bullet and bullet.end() < len(body) else lead
            asm.start(BULLET, indent)
            asm.add(body[start:].rstrip(), src, offset + start)
            asm.close()
            continue
        if src.hint == HEADING:
            asm.heading_block(stripped.rstrip(":").rstrip(), src, first, canonical_section(stripped))
            continue
        if bullet and bullet.end() < len(body):
            content = body[bullet.end() :].rstrip()
            marker_indent = src.indent if src.indent is not None else float(_leading_width(body))
            asm.start(BULLET, marker_indent)
            asm.add(content, src, offset + bullet.end())
            continue

        qa = _QA_MARKER.match(body)
        if qa and qa.end() < len(body.rstrip()):
            asm.start(QUESTION if qa.group("which").lower().startswith("q") else ANSWER, indent)
            asm.add(body[qa.end() :].rstrip(), src, offset + qa.end())
            continue

        section = canonical_section(stripped)
        if section is not None or (not markdown and _is_caps_heading(stripped)):
            asm.heading_block(stripped.rstrip(":").rstrip(), src, first, section)
            continue

        if src.standalone:
            asm.start(PARAGRAPH, indent)
            asm.add(stripped, src, first)
            asm.close()
            continue
        if (
            asm.current is not None
            and asm.current.type == BULLET
            and _continues_bullet(stripped, indent, asm.current_indent, asm.last_text)
        ):
            asm.add(stripped, src, first)
            continue
        if asm.current is not None and asm.current.type in (PARAGRAPH, QUESTION, ANSWER):
            asm.add(stripped, src, first)
            continue
        asm.start(PARAGRAPH, indent)
        asm.add(stripped, src, first)
    asm.close()
    return assign_qa(asm.blocks)


def assign_qa(blocks: list[Block]) -> list[Block]:
    """Number question-and-answer pairs. Headings that end in "?" are questions when they are at least half
    of the headings (a page of interview questions, not a write-up with one rhetorical heading)."""
    headings = [b for b in blocks if b.type == HEADING]
    asked = [b for b in headings if b.text.rstrip().endswith("?")]
    if asked and len(asked) * 2 >= len(headings):
        for block in asked:
            block.type = QUESTION
    number = 0
    current: int | None = None
    for block in blocks:
        if block.type == QUESTION:
            number += 1
            current = number
        block.qa = current
    return blocks


def _continues_bullet(text: str, indent: float, marker_indent: float, previous: str) -> bool:
    """A line right after a bullet continues it when it hangs under the bullet's text, starts in lower case,
    or the bullet's previous line broke off mid-phrase."""
    return (
        indent > marker_indent + 0.5 or text[0].islower() or text[0] in "(&%" or bool(_CONNECTOR_END.search(previous))
    )
