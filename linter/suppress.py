"""Inline suppressions: `<!-- rolelint: disable [CODES] -->` until `<!-- rolelint: enable [CODES] -->`, and
`<!-- rolelint: disable-next-line [CODES] -->`. Codes may be prefixes ("RL1"); none means every rule.
Problems with the file itself (the codes of input rules, given by the caller) are never suppressed."""

from __future__ import annotations

from .document import Directive
from .findings import Finding

_ALL = "*"


def _covers(codes: tuple[str, ...], code: str) -> bool:
    return not codes or any(code.startswith(c) for c in codes)


def apply_suppressions(
    findings: list[Finding], directives: list[Directive], protected: frozenset[str] = frozenset()
) -> tuple[list[Finding], list[Directive]]:
    """The findings that stay, and the disable directives that suppressed nothing; findings whose code is
    in `protected` are never suppressed. One sweep down the file, findings and directives in position
    order: each finding costs the same however many directives the file has."""
    if not directives:
        return findings, []
    ordered = sorted(directives, key=_position)
    state = _State()
    applied = 0
    by: list[Directive | None] = [None] * len(findings)
    for i in sorted(range(len(findings)), key=lambda i: _position(findings[i])):
        finding = findings[i]
        if finding.code in protected:
            continue
        position = _position(finding)
        while applied < len(ordered) and _position(ordered[applied]) < position:  # directives above the finding
            state.apply(ordered[applied])
            applied += 1
        by[i] = state.suppressor(finding)
    used = {id(d) for d in by if d is not None}
    kept = [f for f, d in zip(findings, by) if d is None]
    unused = [d for d in ordered if d.action != "enable" and id(d) not in used]
    return kept, unused


def _position(item) -> tuple[int, int]:
    return (item.page or 0, item.line)


class _State:
    """What the directives above a point of the file have in force there."""

    def __init__(self):
        # code prefix (or _ALL) -> (the disable in force, when that prefix was first disabled): the earliest
        # prefix disabled wins, as in a dict kept in the order the prefixes were disabled
        self.active: dict[str, tuple[Directive, int]] = {}
        self.aimed: dict[tuple[int, int | None], list[Directive]] = {}  # (page, line) -> its disable-next-lines
        self.count = 0

    def apply(self, directive: Directive) -> None:
        if directive.action == "disable-next-line":
            self.aimed.setdefault((directive.page or 0, directive.target), []).append(directive)
        elif directive.action == "disable":
            for code in directive.codes or (_ALL,):
                held = self.active.get(code)
                self.count += 1
                self.active[code] = (directive, held[1] if held else self.count)
        elif directive.codes:
            for code in directive.codes:
                self.active.pop(code, None)
        else:
            self.active.clear()

    def suppressor(self, finding: Finding) -> Directive | None:
        """The directive that silences this finding, if any: a disable-next-line aimed at its line, or the
        earliest disable in force whose prefix covers its code."""
        for directive in self.aimed.get((finding.page or 0, finding.line), ()):
            if _covers(directive.codes, finding.code):
                return directive
        code = finding.code
        held = [self.active[p] for p in (_ALL, *(code[:n] for n in range(len(code) + 1))) if p in self.active]
        return min(held, key=lambda h: h[1])[0] if held else None
