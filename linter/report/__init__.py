"""Reporters: turn results into text for one output format. They format; they never decide what to report."""
from __future__ import annotations

FORMATS = ("text", "json")


def render(fmt: str, results, **options) -> str:
    """Options are for the text format (color, verbose, rewrite); the machine formats take none."""
    if fmt == "json":
        from .json import render_json

        return render_json(results)
    from .text import render_text

    return render_text(results, **options)
