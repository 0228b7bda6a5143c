"""Turns the lines of a text-like source (plain text, Markdown, the text layer of a PDF) into blocks.

Shared by the readers so that a resume gives the same blocks whatever format it came in: section headings,
bullets (with a wrapped bullet joined into one), paragraphs and code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import ANSWER, BULLET, CODE, HEADING, PARAGRAPH, QUESTION, Block, BlockBuilder, Segment
from ..sections import OTHER, Vocabulary

# Bullet glyphs seen in resumes, including what PDF extraction makes of them: "(cid:127)" from pdfplumber,
# private-use code points from Symbol and Wingdings fonts.
_GLYPHS = "•●▪◦‣∙·○■□➢►▶✓✔➤⁃★☆✦✧◆◇⋄❖➔→\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
# "-Led the ..." with no space after the hyphen is a bullet too, when a capitalised word follows; so is
# "â€¢" or "â¢", what a bullet becomes when its UTF-8 bytes were read as Windows-1252 before pasting.
BULLET_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>\(cid:\d+\)|â€¢|â¢|[" + _GLYPHS + r"]|[-*+–—](?=\s)|-(?=[A-Z][a-z])"
    r"|\d{1,2}[.)](?=\s))[ \t]*"
)
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_RULE_LINE = re.compile(r"^\s*([=\-_─━~*])(\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
# "Q:", "Q1:", "**Question 2:**" and "A:", "Answer:" open a question and its answer.
_QA_MARKER = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?P<which>Q|Question|A|Answer)[ \t]*\d*[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*", re.IGNORECASE
)
# A line wholly in bold ("**Conclusions**", "__Experience:__") is a heading in Markdown.
_BOLD_LINE = re.compile(r"^[ \t]*(\*\*|__)(?P<text>[^*_\n]{1,60}?)[ \t]*:?[ \t]*\1[ \t]*:?[ \t]*$")
# What a job title, company or date line has and an accomplishment does not: a date range or a month and
# year ("2019 - 2022", "Jan 2020 – Present", "03/2021", "Till Date"), or parts set apart by bars or dashes.
_DATE = re.compile(
    r"\b(?:19|20)\d\d\s*(?:[-–—]|to\b)|\b(?:present|till date|to date|current|now)\s*\)?\s*$"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*,?\s*'?\d{2,4}\b"
    r"|\b\d{1,2}/(?:19|20)?\d\d\b|\b(?:summer|spring|autumn|fall|winter)\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_BARS = re.compile(r"\s[|•·]\s|\t")
_DASHES = re.compile(r"\s[–—-]{1,2}\s")
# "Acme as Data Engineer", "Data Engineer at Acme": a short line naming a role at a company.
_ROLE_AT = re.compile(r"\s(?:as|at|@)\s")
_LABEL = re.compile(r"^(?P<label>[A-Za-z][\w &/().'-]{0,30}?)\s*:\s*(?P<value>.*)$")
# "Description - Built ...", "Responsibilities: Ran ...": a label, then the accomplishment on the same line.
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][A-Za-z &/]{2,40}?)[ \t]*(?::|[ \t][-–—])[ \t]*(?P<rest>\S.*)$")
_LIST_SPLIT = re.compile(r"\s*[,;|•·]\s*|\t+")
_SENTENCE_END = re.compile(r"[.!?]$")
_WORD = re.compile(r"[^\W\d_][^\s]*|[^\s]*?[^\W\d_][^\s]*")  # a token with a letter in it
_SMALL_WORDS = frozenset(
    "a an and as at by for from in into of on or over the to via with within without per than that which".split()
)
_QA_WORD = re.compile(r"^\s*(?:q|question|a|answer)\s*\d*\s*$", re.IGNORECASE)  # "**Question 2**" is no heading
_CONNECTOR_END = re.compile(
    r"(?:[,;&/(+\-–]|\b(?:and|or|to|of|for|with|by|in|on|at|from|into|the|a|an|via|across|as|using|including"
    r"|like|than|such))$",
    re.IGNORECASE,
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
    level: int | None = None  # a heading's level when the source format says it (<h2>, "Heading 2")

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
    if len(text) > 80 or text.upper() != text:
        return False
    words = text.split()
    letters = [c for c in text if c.isalpha()]
    return (
        2 <= len(words) <= 6
        and len(letters) >= 4
        and all(c.isupper() for c in letters)
        and not re.search(r"[\d,.;:!?@]", text.rstrip(":"))
    )


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def heading_shaped(text: str) -> bool:
    """A short line laid out as a heading: in capitals, in title case or ending in a colon ("Relevant
    Skills", "WORK HISTORY", "Education details:"), with no sentence punctuation."""
    if len(text) > 60:
        return False
    body = text.strip().rstrip(":").strip()
    words = _words(body)
    if not words or len(words) > 6 or len(body) > 50 or _SENTENCE_END.search(body):
        return False
    if text.strip().endswith(":") or _is_caps_heading(body) or (len(words) == 1 and body[:1].isupper()):
        return True
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS or not w[:1].isalpha() for w in words)


def is_list_line(text: str) -> bool:
    """A line of a list rather than a sentence: a table row, a comma list of short items ("Python, SQL,
    Spark"), or a short label with such a list or a short value ("Languages: Python, SQL")."""
    if "\t" in text.strip():
        return True
    label = _LABEL.match(text.strip())
    value = text.strip()
    if label and len(label.group("label").split()) <= 4:
        value = label.group("value")
    items = [i for i in _LIST_SPLIT.split(value) if i.strip()]
    if not items:
        return bool(label)
    sizes = [len(i.split()) for i in items]
    if len(items) >= 3 and sum(sizes) / len(sizes) <= 3 and max(sizes) <= 6:
        return True
    return bool(label) and len(items) >= 2 and max(sizes) <= 4


def reads_as_accomplishment(text: str) -> bool:
    """An unbulleted line that reads as an accomplishment, not as a job title, a company, a date or a
    label: it starts with a capitalised word, is at least five words long, has no date and no parts set
    apart by bars or dashes, is not a list, and is mostly in lower case (titles are in title case)."""
    text = text.strip()
    words = _words(text)
    if len(words) < 5 or not text[:1].isalpha() or not text[:1].isupper() or text.endswith(":"):
        return False
    if "@" in text or "http" in text or "www." in text or _DATE.search(text) or _BARS.search(text):
        return False
    dash = _DASHES.search(text)
    if dash and len(_words(text[: dash.start()])) <= 5:  # "Data Engineer - Acme Corp - Berlin"
        return False
    if is_list_line(text) or (_LABEL.match(text) and text.index(":") < 25):
        return False
    full_stop = text.endswith(".")
    if not full_stop and len(words) <= 8 and _ROLE_AT.search(text) and words[-1][:1].isupper():
        return False
    if full_stop and len(words) >= 6:  # a title or a company name does not end in a full stop
        return True
    rest = [w for w in words[1:] if w.lower() not in _SMALL_WORDS]
    capitalised = sum(1 for w in rest if w[:1].isupper())
    return capitalised * 2 < len(rest) or (len(rest) >= 12 and capitalised * 5 < len(rest) * 3)


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
        self.promoted: BlockBuilder | None = None  # the open bullet made of an unbulleted accomplishment line
        self.section_level: int | None = None  # the Markdown level of the heading that named the section

    def close(self) -> None:
        if self.current is not None and not self.current.empty:
            block = self.current.build()
            if self.current is self.promoted:
                self.blocks.extend(split_sentences(block))
            else:
                self.blocks.append(block)
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

    def heading_block(
        self, text: str, line: SourceLine, start: int, section: str | None, level: int | None = None
    ) -> None:
        self.close()
        # A heading that names no known section ("Acme Corp - Data Scientist") is a sub-heading: the
        # section it sits in carries on, unless its level (Markdown "##") says it is a section of its own.
        if section is not None:
            self.section_level = level
        elif level is not None and self.section_level is not None and level <= self.section_level:
            section = OTHER
            self.section_level = level
        self.section = section or self.section or OTHER
        self.heading = text
        self.current = BlockBuilder(HEADING, self.section, text)
        self.add(text, line, start)
        self.close()
        if self.blocks and self.blocks[-1].type == HEADING:
            self.blocks[-1].level = level

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
    accomplishments = frozenset(name for name, s in sections.sections.items() if s.accomplishments)
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
                asm.heading_block(text, src, offset + atx.start(2), canonical_section(text), len(atx.group(1)))
                continue
            bold = _BOLD_LINE.match(body)
            if (
                bold
                and len(_words(bold.group("text"))) <= 8
                and not _SENTENCE_END.search(bold.group("text"))
                and not _QA_WORD.match(bold.group("text"))
            ):
                text = bold.group("text").strip()
                asm.heading_block(text, src, offset + bold.start("text"), canonical_section(text))
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
            text = stripped.rstrip(":").rstrip()
            asm.heading_block(text, src, first, canonical_section(stripped), src.level)
            continue
        if bullet and bullet.end() < len(body):
            content = body[bullet.end() :].rstrip()
            marker_indent = src.indent if src.indent is not None else float(_leading_width(body))
            # Text pasted with its line breaks lost keeps its bullets on one line ("• Built ... • Led ..."):
            # each piece after the same glyph is a bullet of its own.
            marker = bullet.group("marker")
            at = offset + bullet.end()
            if marker not in "-*+–—" and not marker[0].isdigit() and f" {marker} " in content:
                for piece in content.split(f" {marker} "):
                    asm.start(BULLET, marker_indent)
                    asm.add(piece.strip(), src, at + (len(piece) - len(piece.lstrip())))
                    at += len(piece) + len(marker) + 2
                continue
            asm.start(BULLET, marker_indent)
            asm.add(content, src, at)
            continue

        qa = _QA_MARKER.match(body)
        if qa and qa.end() < len(body.rstrip()):
            asm.start(QUESTION if qa.group("which").lower().startswith("q") else ANSWER, indent)
            asm.add(body[qa.end() :].rstrip(), src, offset + qa.end())
            continue

        shaped = heading_shaped(stripped)
        in_accomplishments = asm.section in accomplishments
        if shaped and in_accomplishments and sections.is_subheading(stripped):
            asm.heading_block(stripped.rstrip(":").rstrip(), src, first, None)
            continue
        section = canonical_section(stripped, loose=shaped)
        if section is not None or (not markdown and _is_caps_heading(stripped)):
            asm.heading_block(stripped.rstrip(":").rstrip(), src, first, section)
            continue

        continues = (
            asm.current is not None
            and asm.current.type == BULLET
            and (
                _continues_paragraph(stripped, asm.last_text)
                if src.standalone
                else _continues_bullet(stripped, indent, asm.current_indent, asm.last_text)
            )
        )
        if in_accomplishments and not continues and not _mid_sentence(src, asm):
            # An accomplishment on its own line with no bullet marker (a pasted plain-text resume, a DOCX
            # profile from a job portal) is judged as a bullet, and so is one after a label that is a
            # sub-heading ("Description - Built ...", "Responsibilities: Ran ..."). A label that names the
            # section ("Project Details: ...") is left alone: what follows it describes, it does not claim.
            begins = _accomplishment_start(stripped, sections)
            if begins is not None:
                asm.promoted = asm.start(BULLET, indent)  # left open: the accomplishment may wrap onto more lines
                asm.add(stripped[begins:], src, first + begins)
                continue
        if continues:
            asm.add(stripped, src, first)
            continue
        if src.standalone:
            asm.start(PARAGRAPH, indent)
            asm.add(stripped, src, first)
            asm.close()
            continue
        if asm.current is not None and asm.current.type in (PARAGRAPH, QUESTION, ANSWER):
            asm.add(stripped, src, first)
            continue
        asm.start(PARAGRAPH, indent)
        asm.add(stripped, src, first)
    asm.close()
    return assign_qa(infer_list_sections(asm.blocks, sections))


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[ \t]+(?=[A-Z])")
_ABBREVIATIONS = frozenset(
    "e.g. i.e. etc. vs. inc. ltd. co. corp. dr. mr. ms. mrs. no. approx. jr. sr. st. dept. univ.".split()
)


def _mid_sentence(src: SourceLine, asm: _Assembler) -> bool:
    """The block open before this line broke off mid-phrase ("... with", "... and"): the line goes on."""
    return (
        not src.standalone
        and asm.current is not None
        and asm.current.type in (PARAGRAPH, BULLET)
        and bool(_CONNECTOR_END.search(asm.last_text))
    )


def split_sentences(block: Block) -> list[Block]:
    """An unbulleted accomplishment that runs on for several sentences (a paragraph of a resume's
    experience) is judged sentence by sentence: each sentence is a bullet, with its own positions."""
    cuts = [0]
    for match in _SENTENCE_BREAK.finditer(block.text):
        before = block.text[: match.start()].rsplit(None, 1)[-1].lower()
        if before in _ABBREVIATIONS or before.count(".") > 1 or len(_words(block.text[cuts[-1] : match.start()])) < 3:
            continue
        cuts.append(match.end())
    if len(cuts) == 1:
        return [block]
    ends = cuts[1:] + [len(block.text)]
    out = []
    for start, end in zip(cuts, ends):
        piece = block.text[start:end].rstrip()
        out.append(_slice(block, start, start + len(piece)))
    return out


def _slice(block: Block, start: int, end: int) -> Block:
    """Characters start:end of a block as a block of its own, each still mapped to its source position."""
    segments = []
    for seg in block.segments:
        lo, hi = max(seg.offset, start), min(seg.offset + seg.length, end)
        if lo >= hi:
            continue
        within = lo - seg.offset
        columns = seg.columns[within : within + hi - lo] if seg.columns else None
        segments.append(Segment(lo - start, hi - lo, seg.line, seg.column_at(within), seg.page, columns))
    return Block(block.type, block.text[start:end], segments, block.section, block.heading)


def infer_list_sections(blocks: list[Block], sections: Vocabulary) -> list[Block]:
    """A heading that names no known section, over blocks that are nearly all list lines (a skills table,
    "Languages: Python, SQL" lines, comma lists), heads a lists section (skills): its lines are never
    judged as experience, whatever the heading says."""
    target = next((name for name, s in sections.sections.items() if s.lists), None)
    if target is None:
        return blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        j = i + 1
        while j < len(blocks) and blocks[j].type != HEADING:
            j += 1
        if block.type == HEADING and block.section != target and sections.canonical(block.text) is None:
            body = [b for b in blocks[i + 1 : j] if b.type in (BULLET, PARAGRAPH)]
            lines = [line for b in body for line in b.source_lines()]
            if len(lines) >= 2 and _mostly_lists(lines):
                for b in blocks[i:j]:
                    b.section = target
        i = j
    return blocks


def _mostly_lists(lines: list[str]) -> bool:
    """At least 80% of the lines are list lines; stops at the first line past the 20% that may not be
    (a write-up's sections are prose, and testing each of their lines cost a tenth of the reading)."""
    allowed = len(lines) * 2 // 10
    for line in lines:
        if not is_list_line(line):
            allowed -= 1
            if allowed < 0:
                return False
    return True


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


def _accomplishment_start(text: str, sections: Vocabulary) -> int | None:
    """Where the accomplishment a line holds starts (0: the whole line), or None if it holds none."""
    if reads_as_accomplishment(text):
        return 0
    labelled = _LABELLED.match(text)
    if labelled is None:
        return None
    if not sections.is_subheading(labelled.group("label")):
        return None
    return labelled.start("rest") if reads_as_accomplishment(labelled.group("rest")) else None


def _continues_paragraph(text: str, previous: str) -> bool:
    """A standalone paragraph (DOCX) continues the accomplishment before it when that broke off
    mid-sentence and this one starts in lower case."""
    return text[0].islower() and not _SENTENCE_END.search(previous)


def _continues_bullet(text: str, indent: float, marker_indent: float, previous: str) -> bool:
    """A line right after a bullet continues it when it hangs under the bullet's text, starts in lower case,
    or the bullet's previous line broke off mid-phrase."""
    return (
        indent > marker_indent + 0.5 or text[0].islower() or text[0] in "(&%" or bool(_CONNECTOR_END.search(previous))
    )
