"""Markdown (.md, .markdown). Code blocks, inline code, URLs, link targets and HTML comments are not prose:
fenced blocks become code blocks, and the rest is blanked out in place so that columns still point into the file."""

from __future__ import annotations

import re

from ..document import Directive, Document, Note
from ..limits import Limits
from ..problems import BAD_SUPPRESSION, ENCODING_FALLBACK
from ..sections import Vocabulary
from .base import decode_text, normalise_newlines
from .structure import SourceLine, build_blocks

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INLINE = re.compile(
    r"`+[^`\n]*`+"  # inline code
    r"|<!--.*?-->"  # an HTML comment on one line
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # a link or image target: [text](url "title")
    r"|<https?://[^>\s]+>|\bhttps?://[^\s)>\]]+|\bwww\.[^\s)>\]]+"  # bare and autolinked URLs
    r"|<[a-zA-Z/][^>\n]*>"  # inline HTML tags
)


def blank_out(text: str) -> str:
    """Replace what is not prose by spaces of the same length."""
    if not ("`" in text or "<" in text or "](" in text or "http" in text or "www." in text):
        return text  # the common case, without running the regular expression
    return _INLINE.sub(lambda m: " " * len(m.group(0)), text)


_DIRECTIVE = re.compile(r"<!--\s*rolelint:\s*([^\s>]*)([^>]*?)-->", re.IGNORECASE)
ACTIONS = ("disable-next-line", "disable", "enable")


def directives(text: str, page: int | None = None) -> tuple[list[Directive], list[Note]]:
    """The rolelint: comments of a Markdown text, outside code blocks, and a note for each whose verb is
    not one of ACTIONS: a mistyped comment ("disable-nextline") must disable nothing, and say so."""
    found: list[Directive] = []
    notes: list[Note] = []
    if "rolelint" not in text:  # most files have none: skip the second pass over the lines
        return found, notes
    lines = text.split("\n")
    for source in markdown_lines(text, keep_comments=True):
        if source.code:
            continue
        for match in _DIRECTIVE.finditer(source.text):
            codes = tuple(c.upper() for c in re.split(r"[\s,]+", match.group(2).strip()) if c)
            action = match.group(1).lower()
            if action not in ACTIONS:
                notes.append(
                    Note(
                        BAD_SUPPRESSION,
                        f"'rolelint: {match.group(1)}' is not a suppression: use "
                        f"{', '.join(ACTIONS)} (it disables nothing)",
                        source.line,
                        page,
                    )
                )
                continue
            target = None
            if action == "disable-next-line":
                target = next((n for n in range(source.line + 1, len(lines) + 1) if lines[n - 1].strip()), None)
            found.append(Directive(action, codes, source.line, page, target))
    return found, notes


_FRONT_TITLE = re.compile(r"""^title:[ \t]*(['"]?)(.+?)\1[ \t]*$""")


def front_matter_title(text: str) -> str | None:
    """The `title:` of a Markdown page's front matter (the "---" block that opens a static-site page)."""
    lines = text.split("\n", 200)[:200]
    if not lines or lines[0].strip() != "---":
        return None
    for raw in lines[1:]:
        if raw.strip() in ("---", "..."):
            return None
        found = _FRONT_TITLE.match(raw.rstrip())
        if found:
            return found.group(2).strip()[:120] or None
    return None


def markdown_lines(text: str, keep_comments: bool = False) -> list[SourceLine]:
    """Lines of Markdown with code marked and non-prose blanked out (comments too, unless keep_comments)."""
    lines: list[SourceLine] = []
    fence: str | None = None
    in_comment = False
    raw_lines = text.split("\n")
    front_matter = bool(raw_lines) and raw_lines[0].strip() == "---"
    for number, raw in enumerate(raw_lines, 1):
        if front_matter:  # page metadata (layout, title, tags): neither prose nor code that reruns the work
            lines.append(SourceLine("", number))
            if number > 1 and raw.strip() in ("---", "..."):
                front_matter = False
            continue
        opening = _FENCE.match(raw)
        if fence is not None:
            lines.append(SourceLine(raw, number, code=True))
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            lines.append(SourceLine(raw, number, code=True))
            continue
        if in_comment:
            end = raw.find("-->")
            if end < 0:
                lines.append(SourceLine("", number))
                continue
            raw = " " * (end + 3) + raw[end + 3 :]
            in_comment = False
        if keep_comments:
            lines.append(SourceLine(raw, number))
            continue
        masked = blank_out(raw)
        start = masked.find("<!--")
        if start >= 0:  # a comment that runs on to later lines
            masked = masked[:start]
            in_comment = True
        lines.append(SourceLine(masked, number))
    return lines


def read_markdown(data: bytes, path: str, limits: Limits, sections: Vocabulary) -> Document:
    decoded = decode_text(data)
    text = normalise_newlines(decoded.text)
    found, notes = directives(text)
    doc = Document(path, "md", build_blocks(markdown_lines(text), sections, markdown=True), notes, found)
    doc.title = front_matter_title(text)
    if decoded.note:
        doc.notes.append(Note(ENCODING_FALLBACK, decoded.note))
    return doc
