"""Which kind of document this is (resume, answer, write-up) when the user did not say, and why."""

from __future__ import annotations

import re

from .document import ANSWER, BULLET, HEADING, PARAGRAPH, QUESTION, Document
from .formats import BY_NAME
from .sections import builtin_vocabulary

# Contact lines near the top of a resume: an email address, a phone number, a LinkedIn or GitHub profile.
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[a-z]{2,}|\blinkedin\b|\bgithub\.com\b", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d ().-]{7,18}\d(?![\w/])")
# A span of dates as resumes give them: "2019 - 2022", "Jan 2020 – Present", "03/2021 - 04/2023".
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WHEN = rf"(?:{_MONTH}\s*,?\s*)?(?:\d{{1,2}}/)?(?:19|20)\d\d"
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_RANGE = re.compile(
    rf"\b{_WHEN}\s*(?:[-–—]+|to|until)\s*(?:{_WHEN}\b|present\b|current\b|now\b|today\b|till date\b|date\b)",
    re.IGNORECASE,
)
_TOP_LINES = 15  # contact details sit in the first lines of a resume


def detect_kind(document: Document, sections=None) -> str:
    return detect_kind_reason(document, sections)[0]


def detect_kind_reason(document: Document, sections=None) -> tuple[str, str]:
    """The kind of a document and the reason, in a few words, for the report.

    Answers when the document holds questions and answers; the kind its format always is (a notebook is a
    write-up). A write-up when its headings are a write-up's (methods, results, conclusion) more than a
    resume's, even with bullets. A resume when it has resume sections (as the vocabulary `sections` marks
    them) with bullets, contact lines or date ranges, or contact lines with date ranges, or is mostly
    bullets (a laid-out PDF or DOCX with bullets is a resume). A write-up when it is headings over prose;
    otherwise a single answer."""
    sections = sections or builtin_vocabulary()
    form = BY_NAME.get(document.format)
    questions = document.blocks_of(QUESTION, ANSWER)
    if questions:
        asked = len(document.blocks_of(QUESTION))
        return "answer", f"{asked} question{'' if asked == 1 else 's'} with answers"
    if form is not None and form.kind is not None:
        return form.kind, f"{form.label} files are always read as {form.kind}s"
    headings = document.blocks_of(HEADING)
    resume = sections.resume_sections  # a property that builds the set: read it once
    found = [s for s in document.sections if s in resume]
    named = [sections.sections[s].title for s in found]
    bullets = len(document.blocks_of(BULLET))
    paragraphs = len(document.blocks_of(PARAGRAPH))
    written_up = [h for h in headings if sections.names_writeup_section(h.text)]
    resume_headings = [h for h in headings if sections.canonical(h.text) in resume]
    contact = _has_contact(document)
    # The date pattern is tried at every position of a text, so it only sees blocks that hold a year.
    dates = sum(len(_DATE_RANGE.findall(b.text)) for b in document.blocks if b.type != "code" and _YEAR.search(b.text))
    if len(written_up) >= 2 and len(written_up) > len(resume_headings) and not (contact and dates >= 2):
        return "writeup", f"write-up headings {_quoted([h.text for h in written_up][:3])}"
    evidence = []
    if found:
        evidence.append(f"{_list(named[:3])} section{'' if len(found) == 1 else 's'}")
    if bullets:
        evidence.append(f"{bullets} bullet{'' if bullets == 1 else 's'}")
    if contact:
        evidence.append("contact details")
    if dates:
        evidence.append(f"{dates} date range{'' if dates == 1 else 's'}")
    reason = ", ".join(evidence)
    if (
        len(found) >= 2
        or (found and (bullets or contact or dates))
        or (contact and dates >= 2)
        or (dates >= 2 and bullets >= 3)
        or (bullets >= 3 and bullets >= paragraphs and not found and not headings)
    ):
        return "resume", reason
    if form is not None and form.laid_out and bullets:
        return "resume", f"a laid-out {form.name} with {reason}"
    if written_up and not found and paragraphs >= 3:
        return "writeup", f"write-up heading {_quoted([h.text for h in written_up][:2])} over prose"
    if len(headings) >= 2 and paragraphs + bullets >= 3:
        return "writeup", f"{len(headings)} headings over prose"
    return "answer", "prose with no resume sections and no question"


def _has_contact(document: Document) -> bool:
    for block in document.blocks:
        if block.type == "code":
            continue
        start = block.start
        if start.page not in (None, 1) or start.line > _TOP_LINES:
            break
        if _CONTACT.search(block.text) or any(_is_phone(m.group(0)) for m in _PHONE.finditer(block.text)):
            return True
    return False


def _is_phone(text: str) -> bool:
    """Nine to fifteen digits, not a span of years ("2019 - 2022") or a date."""
    digits = sum(c.isdigit() for c in text)
    return 9 <= digits <= 15 and "," not in text and not _DATE_RANGE.search(text)


def _quoted(texts: list[str]) -> str:
    return ", ".join(f"'{t}'" for t in texts)


def _list(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
