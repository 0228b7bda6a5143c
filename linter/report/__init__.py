"""Reporters: turn results into text for one output format. They format; they never decide what to report."""
from __future__ import annotations

from ..constants import REPORT_FORMATS as FORMATS  # noqa: F401


def render(fmt: str, results, rules=(), color: bool = False, verbose: bool = False, rewrite: bool = False) -> str:
    """`rules` (the rule set's rules) describe every rule in SARIF; color, verbose and rewrite shape text."""
    if fmt == "json":
        from .json import render_json

        return render_json(results)
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(results, rules)
    if fmt == "github":
        from .github import render_github

        return render_github(results)
    if fmt == "html":
        from .html import render_html

        return render_html(results)
    from .text import render_text

    return render_text(results, color=color, verbose=verbose, rewrite=rewrite)
