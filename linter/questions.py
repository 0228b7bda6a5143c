"""What a question asks for: a design, an approach, a definition, or something else. The cue patterns are
data (lexicons approach_questions, design_questions, definitional_questions); this module only applies
them. A question that matches none is "other", and approach rules leave its answer alone."""

from __future__ import annotations

import re

from .regexes import combine

DESIGN, APPROACH, DEFINITIONAL, OTHER = "design", "approach", "definitional", "other"
_ORDER = ((DESIGN, "design_questions"), (APPROACH, "approach_questions"), (DEFINITIONAL, "definitional_questions"))
_COMPILED: dict[int, list[tuple[str, re.Pattern]]] = {}  # per lexicon table (loaded once, never changed)


def _patterns(lexicons) -> list[tuple[str, re.Pattern]]:
    key = id(lexicons)
    if key not in _COMPILED:
        _COMPILED[key] = [
            (kind, combine(lexicons[name].patterns))
            for kind, name in _ORDER
            if name in lexicons and lexicons[name].patterns
        ]
    return _COMPILED[key]


def question_kind(question: str | None, lexicons) -> str:
    """No question at all: the text is taken as an approach answer."""
    if question is None or not question.strip():
        return APPROACH
    text = " ".join(question.lower().replace("’", "'").split())
    for kind, pattern in _patterns(lexicons):
        if pattern.search(text):
            return kind
    return OTHER
