"""Which kind of document this is (resume, answer, write-up) when the user did not say."""
from __future__ import annotations

from .document import BULLET, HEADING, PARAGRAPH, Document

_RESUME_SECTIONS = {"experience", "projects", "skills", "education", "summary"}


def detect_kind(document: Document) -> str:
    """Resume if it has resume sections or is mostly bullets (PDF and DOCX are resumes unless they read as
    prose); write-up if it has headings over prose; otherwise a single answer."""
    sections = set(document.sections) & _RESUME_SECTIONS
    bullets = len(document.blocks_of(BULLET))
    paragraphs = len(document.blocks_of(PARAGRAPH))
    if len(sections) >= 2 or (sections and bullets) or (bullets >= 3 and bullets >= paragraphs):
        return "resume"
    if document.format in ("pdf", "docx") and bullets:
        return "resume"
    if document.blocks_of(HEADING) and paragraphs >= 2:
        return "writeup"
    return "answer"
