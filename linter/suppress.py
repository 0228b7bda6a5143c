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
    in `protected` are never suppressed."""
    if not directives:
        return findings, []
    ordered = sorted(directives, key=lambda d: (d.page or 0, d.line))
    used: set[int] = set()
    kept = []
    for finding in findings:
        if finding.code in protected:
            kept.append(finding)
            continue
        position = (finding.page or 0, finding.line)
        by = _suppressed_by(finding, position, ordered)
        if by is None:
            kept.append(finding)
        else:
            used.add(id(by))
    unused = [d for d in ordered if d.action != "enable" and id(d) not in used]
    return kept, unused


def _suppressed_by(finding: Finding, position, ordered: list[Directive]) -> Directive | None:
    """The directive that silences this finding, if any: a disable-next-line aimed at its line, or the
    latest disable before it that no enable has lifted."""
    active: dict[str, Directive] = {}  # code prefix (or _ALL) -> the disable that is in force
    for directive in ordered:
        if (directive.page or 0, directive.line) >= position:
            break
        if directive.action == "disable-next-line":
            if (
                (directive.page or 0) == position[0]
                and directive.target == finding.line
                and _covers(directive.codes, finding.code)
            ):
                return directive
        elif directive.action == "disable":
            for code in directive.codes or (_ALL,):
                active[code] = directive
        elif directive.codes:
            for code in directive.codes:
                active.pop(code, None)
        else:
            active.clear()
    for code, directive in active.items():
        if code == _ALL or finding.code.startswith(code):
            return directive
    return None
