"""DOCX, through python-docx. Each paragraph (body, tables and text boxes, in document order: a table row
by row, each cell's paragraphs in turn) is one numbered source "line"; list styles and numbering make
bullets, heading styles and short paragraphs wholly in bold make headings. The zip's declared sizes are
checked before anything is inflated."""

from __future__ import annotations

import io
import zipfile

from ..document import BULLET, HEADING, Document
from ..limits import Limits
from ..problems import CORRUPT, TOO_LARGE, WRONG_FORMAT
from ..sections import Vocabulary
from .base import ReadError
from .structure import SourceLine, build_blocks


def check_zip(data: bytes, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReadError(CORRUPT, "is a damaged DOCX (its zip structure cannot be read)") from None
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        raise ReadError(WRONG_FORMAT, "is a zip archive but not a Word document (no word/document.xml)")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.max_docx_member:
            raise ReadError(
                TOO_LARGE,
                f"member {member.filename} would inflate to {member.file_size // 2**20} MB, "
                f"over the limit of {limits.max_docx_member // 2**20} MB (a zip bomb? raise "
                "it with --max-docx-size)",
            )
        if member.file_size > 1024 * 1024 and ratio > limits.max_docx_ratio:
            raise ReadError(
                TOO_LARGE,
                f"member {member.filename} would inflate {ratio:.0f}-fold, over the limit "
                f"of {limits.max_docx_ratio} (a zip bomb? raise it with --max-docx-ratio)",
            )
    if total > limits.max_docx_uncompressed:
        raise ReadError(
            TOO_LARGE,
            f"would inflate to {total // 2**20} MB, over the limit of "
            f"{limits.max_docx_uncompressed // 2**20} MB (raise it with --max-docx-size)",
        )


def read_docx(data: bytes, path: str, limits: Limits, sections: Vocabulary) -> Document:
    check_zip(data, limits)
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        lines = []
        for number, element in enumerate(document.element.body.iter(qn("w:p")), 1):
            paragraph = Paragraph(element, document)
            hint = _hint(paragraph)
            level = _heading_level(paragraph) if hint == HEADING else None
            lines.append(SourceLine(paragraph.text, number, hint=hint, standalone=True, level=level))
    except ReadError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types for damaged parts
        raise ReadError(CORRUPT, f"is a damaged DOCX that could not be parsed ({type(exc).__name__})") from None
    return Document(path, "docx", build_blocks(lines, sections))


_HEADING_WORDS = 6  # a bold paragraph this short, with no full stop, is a heading


def _hint(paragraph) -> str | None:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    lowered = style.lower()
    if lowered.startswith("heading") or lowered == "title":
        return HEADING
    p_pr = paragraph._p.pPr
    if "list" in lowered or (p_pr is not None and p_pr.numPr is not None):
        return BULLET
    if _bold_heading(paragraph):
        return HEADING
    return None


def _heading_level(paragraph) -> int | None:
    """The level a heading style names: "Title" 0, "Heading 2" 2; None for a bold paragraph."""
    style = ((paragraph.style.name if paragraph.style is not None else "") or "").lower()
    if style == "title":
        return 0
    digits = style.removeprefix("heading").strip()
    return int(digits) if style.startswith("heading") and digits.isdigit() else None


def _bold_heading(paragraph) -> bool:
    """A short paragraph wholly in bold, with no final full stop, is a heading (many resumes make their
    headings so rather than with a heading style)."""
    text = paragraph.text.strip()
    words = text.split()
    if not words or len(words) > _HEADING_WORDS or text[-1] in ".!?," or not any(c.isalpha() for c in text):
        return False
    style_bold = _style_bold(paragraph.style)
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold or (r.bold is None and (_style_bold(r.style) or style_bold)) for r in runs)


def _style_bold(style) -> bool:
    """Whether a style, or the style it is based on, makes text bold."""
    depth = 0
    while style is not None and depth < 10:
        bold = style.font.bold if getattr(style, "font", None) is not None else None
        if bold is not None:
            return bool(bold)
        style = style.base_style
        depth += 1
    return False
