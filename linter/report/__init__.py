"""Reporters: turn results into text for one output format. They format; they never decide what to report.

Every format is a Reporter: `add(result)` returns what can be written for that file at once, `finish()`
what remains. Text and GitHub annotations stream (a run over thousands of files keeps no results in
memory); JSON, SARIF and HTML are whole documents, written at the end.
"""

from __future__ import annotations

from .base import Reporter, WholeDocument


def make_reporter(fmt: str, rules=(), color: bool = False, verbose: bool = False, rewrite: bool = False) -> Reporter:
    """`rules` (the rule set's rules) describe every rule in SARIF; color, verbose and rewrite shape text."""
    if fmt == "json":
        from .json import render_json

        return WholeDocument(render_json)
    if fmt == "sarif":
        from .sarif import render_sarif

        return WholeDocument(lambda results: render_sarif(results, rules))
    if fmt == "html":
        from .html import render_html

        return WholeDocument(render_html)
    if fmt == "github":
        from .github import GithubReporter

        return GithubReporter()
    from .text import TextReporter

    return TextReporter(color=color, verbose=verbose, rewrite=rewrite)
