"""--format text: `path:line:col CODE [severity] message`, the suggestion under it, grouped by file, a
`Reads as:` line per resume, and a one-line summary. Colour only when asked (the CLI asks on a terminal)."""

from __future__ import annotations

import bisect

import click

from .base import Reporter
from .escape import visible
from .summary import Tally

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _label(name: str) -> str:
    return name.upper()


class TextReporter(Reporter):
    """Streams: each file's lines as soon as it is linted, the notes and the summary at the end."""

    def __init__(self, color: bool = False, verbose: bool = False, rewrite: bool = False):
        self.color, self.verbose, self.rewrite = color, verbose, rewrite
        self.tally = Tally()
        self.written = False

    def style(self, text, **kw):
        return click.style(text, **kw) if self.color else text

    def add(self, result) -> str:
        self.tally.add(result)
        lines = _findings(result, self.style, self.verbose, result.rewrites if self.rewrite else ())
        role = [self.style(line, dim=True) for line in _role_line(result, self.verbose)]
        if not lines and not role and not self.verbose:  # a clean file prints nothing unless asked
            return ""
        if result.kind and result.kind_reason and not result.unreadable:
            named = lines or role  # a clean file's kind line names the file: no finding does
            kind = _kind_line(result) if named else f"{visible(result.path)}: {_kind_line(result)}"
            lines.append(self.style(kind, dim=True))
        if self.verbose:
            lines += [self.style(line, dim=True) for line in _question_lines(result)]
        lines += role
        lines += _job_match_lines(result, self.style)
        text = ("\n" if self.written else "") + "\n".join(lines) + "\n"
        self.written = True
        return text

    def finish(self) -> str:
        lines = [self.style(f"note: {visible(note)}", dim=True) for note in self.tally.notes]
        lines.append(_summary_line(self.tally.summary))
        return "\n".join(lines) + "\n"


def _rewrite_anchors(findings, rewrites) -> dict[int, list]:
    """Finding index -> the rewrites printed after it: each after the last finding it addresses, before
    the next bullet's. Findings and rewrites are both in document order: one pass, each finding placed by
    a binary search among the rewrites' starts."""
    starts = [(r.page or 0, r.line) for r in rewrites]
    last: dict[int, int] = {}  # rewrite index -> the index of the last finding it addresses
    for i, f in enumerate(findings):
        at = (f.page or 0, f.line)
        n = bisect.bisect_right(starts, at) - 1
        if n >= 0 and f.code in rewrites[n].codes and at <= rewrites[n].end:
            last[n] = i
    anchors: dict[int, list] = {}
    for n, i in sorted(last.items()):
        anchors.setdefault(i, []).append(rewrites[n])
    return anchors


def _findings(result, style, verbose: bool, rewrites=()) -> list[str]:
    out = []
    anchors = _rewrite_anchors(result.findings, list(rewrites)) if rewrites else {}
    for i, f in enumerate(result.findings):
        path = visible(result.path)
        where = path if result.unreadable else f"{path}:{f.line}:{f.column}"
        unit = result.location.page if result.location and result.location.page else "page"
        page = f" ({unit} {f.page})" if f.page else ""
        out.append(
            f"{style(where, bold=True)}: {style(f.code, fg=_COLOURS[f.severity], bold=True)} "
            f"[{f.severity}] {visible(f.message)}{page}"
        )
        if verbose and f.excerpt:
            out.append(f"    | {visible(f.excerpt)}")
        if f.suggestion and not result.unreadable:
            out.append(style(f"    suggestion: {visible(f.suggestion)}", dim=True))
        for rewrite in anchors.get(i, ()):
            out.append(style(f"  - {visible(rewrite.before)}", fg="red"))
            out.append(style(f"  + {visible(rewrite.after)}", fg="green"))
    return out


_STATUS_MARKS = {"shown": "+", "skills-only": "~", "missing": "-"}


def _job_match_lines(result, style) -> list[str]:
    """After the findings: for one posting, each requirement with where the resume shows it; for several,
    one row per posting (title, role, required and preferred scores, top missing)."""
    matches = result.job_matches
    if not matches:
        return []
    if len(matches) == 1:
        [job] = matches
        lines = [style(f"Job match: {visible(job.title or job.path)} ({visible(job.path)}){_role_of(job)}", bold=True)]
        for kind in ("required", "preferred"):
            shown, asked = job.score(kind)
            if not asked:
                continue
            lines.append(f"  {kind.capitalize()}: {shown} of {asked} shown in a bullet")
            for m in job.of(kind):
                where = f" (line {', '.join(map(str, m.lines))})" if m.lines else ""
                known = "" if m.group else " [not in the taxonomy]"
                lines.append(f"    {_STATUS_MARKS[m.status]} {visible(m.name)}: {m.status}{where}{known}")
        if job.years_asked:
            shown = "no dates found" if job.years_shown is None else f"{job.years_shown:g} shown"
            lines.append(f"  Years of experience: {job.years_asked} asked, {shown}")
        return lines
    lines = [style(f"Job match against {len(matches)} postings (required and preferred shown in a bullet):", bold=True)]
    for job in sorted(matches, key=lambda j: (-_share(j), j.path)):
        (rs, ra), (ps, pa) = job.score("required"), job.score("preferred")
        missing = ", ".join(m.name for m in job.of("required", "missing")[:3])
        lines.append(
            f"  {rs}/{ra} required, {ps}/{pa} preferred  {visible(job.title or '(no title)')}{_role_of(job)}"
            f" {visible(job.path)}" + (f"; missing: {visible(missing)}" if missing else "")
        )
    return lines


def _share(job) -> float:
    shown, asked = job.score("required")
    return shown / asked if asked else 0.0


def _role_of(job) -> str:
    return f" [{job.role.upper()}]" if job.role else ""


def _kind_line(result) -> str:
    """`Kind: resume (auto: Experience and Education sections, 12 bullets)`, or `(given by --kind)`."""
    return f"Kind: {result.kind} ({visible(result.kind_reason)})"


def _question_lines(result) -> list[str]:
    """--verbose: the kind each answer's question was read as, which decides the rules that judge it."""
    out = []
    for answer in result.answers:
        where = f"{visible(result.path)}:{answer['line']}" + (f" (page {answer['page']})" if answer["page"] else "")
        cue = f" ('{visible(answer['cue'])}')" if answer["cue"] else ""
        if answer["question"] is None:
            how = f"from how it opens{cue}" if answer["cue"] else "the kind of an answer with no question"
            out.append(f"{where}: no question: judged as {answer['question_kind']} ({how})")
        else:
            out.append(f"{where}: question kind: {answer['question_kind']}{cue}")
    return out


def _role_line(result, verbose: bool) -> list[str]:
    if result.kind != "resume" or not result.role_profile or not any(result.role_profile.values()):
        return []
    shares = sorted(result.role_profile.items(), key=lambda kv: (-kv[1], kv[0]))
    reads = " / ".join(f"{_label(name)} {round(share * 100)}%" for name, share in shares)
    target = f"target: {_label(result.role)}" if result.role else "no target"
    if result.role_source == "document":
        target += ", inferred from this document"
    elif result.role_source == "job":
        target += ", from the job description"
    lines = [f"Reads as: {reads} ({target})"]
    if verbose:
        for name, terms in result.role_terms.items():
            if terms:
                lines.append(f"    strongest {_label(name)} terms: {', '.join(terms)}")
    return lines


def _summary_line(s: dict) -> str:
    counts = [_plural(s[k], k) for k in ("error", "warning") if s[k]] + ([f"{s['info']} info"] if s["info"] else [])
    found = ", ".join(counts) if counts else "no findings"
    line = f"Checked {_plural(s['files'], 'file')}: {found}"
    if s["unreadable"]:
        line += f"; {_plural(s['unreadable'], 'file')} could not be read"
    if s["partly_read"]:
        line += f"; {_plural(s['partly_read'], 'file')} could be read only in part"
    return line + "."
