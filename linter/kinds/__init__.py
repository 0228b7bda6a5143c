"""Rule kinds: how a rule of each kind is evaluated over a parsed document.

Each kind declares the keys its rule files take (checked on load, without importing spaCy) and an
`evaluate(rule, context)` that yields Hits. Adding a kind means adding a module and a line here.
"""
from __future__ import annotations

from importlib import import_module

# kind -> (required keys, optional keys, keys whose values are matchers)
_KEYS = {
    "existence": ({"match"}, {"unless", "once"}, {"match", "unless"}),
    "unbacked": ({"claim", "evidence"}, set(), {"claim", "evidence"}),
    "density": ({"match", "min_count", "min_share"}, {"unless"}, {"match", "unless"}),
    "length": ({"max_words"}, set(), set()),
    "mix": ({"min_signal", "max_top_share"}, set(), set()),
    "offrole": ({"min_signal"}, set(), set()),
    "absence": ({"min_bullets"}, set(), set()),
    "gap": ({"min_job_signal"}, set(), set()),
    "order": ({"first", "before"}, set(), {"first", "before"}),
    "missing": ({"need", "min_words"}, set(), {"need"}),
    "outline": ({"expected", "sections_known"}, set(), set()),
    "coverage": ({"aspects"}, set(), set()),
    "input": (set(), set(), set()),
}


# Keys with plain values, and the range each must be in.
SCALAR_KEYS = {
    "min_count": (int, 1, 1000), "min_share": (float, 0.0, 1.0), "max_words": (int, 1, 10000),
    "min_signal": (float, 0.0, 1000.0), "max_top_share": (float, 0.0, 1.0), "min_bullets": (int, 0, 1000),
    "min_job_signal": (float, 0.0, 1000.0), "min_words": (int, 0, 100000),
}


def kind_keys(kind: str) -> tuple[set[str], set[str], set[str]]:
    return _KEYS[kind]


def evaluator(kind: str):
    """The evaluate function of a kind (imported on first use)."""
    return import_module(f"{__name__}.{kind}").evaluate
