"""The answers of an answer or write-up document: the units the approach rules judge.

In a Q&A document each question's answer (all the prose blocks that follow it) is one unit, with its
question. A single answer with no question, and a whole write-up, are one unit with no question.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import ANSWER, BULLET, HEADING, PARAGRAPH, QUESTION, Block, Document, merge_blocks

# Headings inside an answer ("## Online testing") are part of what it says.
_PROSE = (ANSWER, PARAGRAPH, BULLET, HEADING)


@dataclass
class AnswerUnit:
    blocks: list[Block]  # the source blocks, in order
    block: Block  # their text merged into one block, every character mapped to its source
    question: str | None
    question_kind: str = "other"  # set by the engine from the question kinds (linter/questions.py)
    question_cue: str | None = None  # the words of the question (or answer) that decided its kind
    doc: object = None  # its spaCy Doc: the source blocks' Docs joined
    asked_at: Block | None = None  # the question's first block, where reports place the question


def answer_units(document: Document, kind: str) -> list[AnswerUnit]:
    if kind not in ("answer", "writeup"):
        return []
    if kind == "answer" and any(b.qa is not None for b in document.blocks):
        pairs: dict[int, list[Block]] = {}  # qa number -> its blocks, in order: one pass over the document
        for b in document.blocks:
            if b.qa is not None:
                pairs.setdefault(b.qa, []).append(b)
        units = []
        for blocks in pairs.values():
            asked = [b for b in blocks if b.type == QUESTION]
            question = " ".join(b.text for b in asked) or None
            prose = [b for b in blocks if b.type in _PROSE]
            if prose:
                units.append(
                    AnswerUnit(prose, merge_blocks(prose, ANSWER), question, asked_at=asked[0] if asked else None)
                )
        return units
    prose = [b for b in document.blocks if b.type in _PROSE]
    return [AnswerUnit(prose, merge_blocks(prose, ANSWER), None)] if prose else []
