"""Rule kinds: how a rule of each kind is evaluated over a parsed document.

Each kind is one module here with a `SCHEMA` (linter.schema.KindSchema: the keys its rule files take,
each validated without spaCy) and an `evaluate(rule, context)` that yields Hits. The loader discovers the
modules, so adding a kind means adding a module.
"""

from __future__ import annotations

import functools
import os
from importlib import import_module

_NOT_KINDS = {"base"}  # modules here that are shared code, not kinds


@functools.lru_cache(maxsize=1)
def kind_names() -> tuple[str, ...]:
    folder = os.path.dirname(os.path.abspath(__file__))
    names = (os.path.splitext(f)[0] for f in os.listdir(folder) if f.endswith(".py"))
    return tuple(sorted(n for n in names if not n.startswith("_") and n not in _NOT_KINDS))


def kind_module(kind: str):
    return import_module(f"{__name__}.{kind}")


def schema(kind: str):
    """The KindSchema of a kind."""
    return kind_module(kind).SCHEMA


def evaluator(kind: str):
    """The evaluate function of a kind (imported on first use)."""
    return kind_module(kind).evaluate
