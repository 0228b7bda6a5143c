"""Which kind of document this is (resume, answer, write-up) when the user did not say."""

from __future__ import annotations

from .document import ANSWER, BULLET, HEADING, PARAGRAPH, QUESTION, Document
from .formats import BY_NAME
from .sections import builtin_vocabulary


def detect_kind(document: Document, sections=None) -> str:
    """Answers when the document holds questions and answers; the kind its format always is (a notebook
    is a write-up); a write-up when it is headings over prose; a resume when it has resume sections (as
    the vocabulary `sections` marks them) or is mostly bullets (a laid-out PDF or DOCX with bullets is a
    resume); otherwise a single answer."""
    sections = sections or builtin_vocabulary()
    form = BY_NAME.get(document.format)
    if document.blocks_of(QUESTION, ANSWER):
        return "answer"
    if form is not None and form.kind is not None:
        return form.kind
    found = set(document.sections) & sections.resume_sections
    bullets = len(document.blocks_of(BULLET))
    paragraphs = len(document.blocks_of(PARAGRAPH))
    if (
        len(found) >= 2
        or (found and bullets)
        or (bullets >= 3 and bullets >= paragraphs and not found and not document.blocks_of(HEADING))
    ):
        return "resume"
    if form is not None and form.laid_out and bullets:
        return "resume"
    if len(document.blocks_of(HEADING)) >= 2 and paragraphs + bullets >= 3:
        return "writeup"
    return "answer"
