"""What a write-up is, judged from its content: one that fits, trains or predicts with a model
("ml_problem"), or a pure analysis ("analysis"), which has no model to baseline, deploy or monitor. The cues
are data (lexicon model_building), read in the prose and the code cells alike."""

from __future__ import annotations

import re

from .regexes import combine

MODEL, ANALYSIS = "ml_problem", "analysis"
_COMPILED: dict[int, re.Pattern | None] = {}  # per lexicon table (loaded once, never changed)


def writeup_kind(texts, lexicons) -> str:
    """`texts`: the write-up's prose and code, in any order."""
    key = id(lexicons)
    if key not in _COMPILED:
        patterns = lexicons["model_building"].patterns if "model_building" in lexicons else ()
        _COMPILED[key] = combine(patterns) if patterns else None
    pattern = _COMPILED[key]
    if pattern is None:
        return MODEL
    return MODEL if any(pattern.search(text.lower()) for text in texts) else ANALYSIS
