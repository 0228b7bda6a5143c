"""Which kind of document this is (resume, answer, write-up) when the user did not say."""
from __future__ import annotations

from .document import ANSWER, BULLET, HEADING, PARAGRAPH, QUESTION, Document

_RESUME_SECTIONS = {"experience", "projects", "skills", "education", "summary"}


def detect_kind(document: Document) -> str:
    """Answers when the document holds questions and answers; a write-up when it is a notebook or headings
    over prose; a resume when it has resume sections or is mostly bullets (PDF and DOCX with bullets are
    resumes); otherwise a single answer."""
    if document.blocks_of(QUESTION, ANSWER) or document.format == "jsonl":
        return "answer"
    if document.format == "ipynb":
        return "writeup"
    sections = set(document.sections) & _RESUME_SECTIONS
    bullets = len(document.blocks_of(BULLET))
    paragraphs = len(document.blocks_of(PARAGRAPH))
    if len(sections) >= 2 or (sections and bullets) or (bullets >= 3 and bullets >= paragraphs and not sections
                                                         and not document.blocks_of(HEADING)):
        return "resume"
    if document.format in ("pdf", "docx") and bullets:
        return "resume"
    if len(document.blocks_of(HEADING)) >= 2 and paragraphs + bullets >= 3:
        return "writeup"
    return "answer"
