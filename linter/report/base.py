"""What every reporter is: `add(result)` returns what can be written at once, `finish()` the rest."""

from __future__ import annotations


class Reporter:
    def add(self, result) -> str:
        raise NotImplementedError

    def finish(self) -> str:
        raise NotImplementedError


class WholeDocument(Reporter):
    """A format written in one piece at the end."""

    def __init__(self, render):
        self._render = render
        self._results = []

    def add(self, result) -> str:
        self._results.append(result)
        return ""

    def finish(self) -> str:
        return self._render(self._results)
