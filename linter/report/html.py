"""--format html: one self-contained page (no scripts, fonts or images from anywhere): for each file, its
role profile as a bar, its text with every finding highlighted and each flagged bullet's rewrite under
it, and the findings with their suggestions beside it; with --job, a table per posting of what it asks
for and where the resume shows it."""

from __future__ import annotations

from html import escape

from .. import __version__
from .escape import encodable
from .summary import Tally

_ROLE_COLOURS = ("#3b6fb6", "#c0622b", "#4d8b4a", "#8a4fa3", "#a88a1f")
_STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d2330; background: #f4f5f7; }
header { background: #1d2330; color: #fff; padding: 16px 28px; }
header h1 { margin: 0; font-size: 20px; } header p { margin: 4px 0 0; color: #c9cfdb; }
section.file { background: #fff; margin: 20px 28px; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.12); padding: 18px 22px; }
section.file h2 { margin: 0 0 4px; font-size: 17px; word-break: break-all; }
.meta { color: #5b6475; margin: 0 0 12px; }
.profile { margin: 0 0 14px; } .profile .label { font-size: 13px; color: #5b6475; margin-bottom: 4px; }
.bar { display: flex; height: 22px; border-radius: 4px; overflow: hidden; background: #e4e7ec; }
.bar span { color: #fff; font-size: 12px; line-height: 22px; padding-left: 6px; white-space: nowrap; overflow: hidden; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 22px; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
article { border-right: 1px solid #e4e7ec; padding-right: 18px; }
article h3 { font-size: 15px; margin: 14px 0 4px; text-transform: none; }
article p, article li { margin: 4px 0; } article ul { padding-left: 20px; margin: 4px 0; }
article pre { background: #f4f5f7; padding: 8px; border-radius: 4px; overflow-x: auto; font-size: 13px; }
article .question { font-weight: 600; margin-top: 14px; }
mark { border-radius: 3px; padding: 0 1px; }
mark.error { background: #f7c6c6; } mark.warning { background: #fbe3a4; } mark.info { background: #cfe6f7; }
mark sup { font-size: 10px; font-weight: 700; color: #1d2330; margin-left: 1px; }
aside ol { list-style: none; padding: 0; margin: 0; }
aside li { border-left: 4px solid #ccc; padding: 6px 10px; margin-bottom: 10px; background: #fafbfc; border-radius: 0 4px 4px 0; }
aside li.error { border-color: #d64545; } aside li.warning { border-color: #e0a800; } aside li.info { border-color: #3b8fd6; }
aside .code { font-weight: 700; } aside .where { color: #5b6475; font-size: 12px; }
aside .suggestion { color: #3a4353; font-size: 13px; margin-top: 4px; }
.rewrite { background: #eef6ee; border-left: 3px solid #4d8b4a; padding: 3px 8px; margin: 4px 0 8px; font-size: 14px; }
.rewrite .label { font-weight: 600; color: #2f6a2d; font-size: 12px; margin-right: 4px; }
.job { margin-top: 18px; } .job h3 { margin: 0 0 2px; font-size: 15px; }
.job table { border-collapse: collapse; width: 100%; font-size: 13px; }
.job th, .job td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e4e7ec; }
.job tr.shown td:nth-child(4) { color: #2f7d32; } .job tr.missing td:nth-child(4) { color: #b3261e; }
.job tr.skills-only td:nth-child(4) { color: #946200; }
.error-box { background: #fdecec; border: 1px solid #f3b9b9; padding: 10px; border-radius: 4px; }
.clean { color: #2f7d32; }
"""


def _locate(blocks, page, line, column) -> tuple[int, int] | None:
    """(block index, offset) of a source position, by inverting the blocks' segment maps."""
    for index, block in enumerate(blocks):
        for seg in block.segments:
            if seg.page == page and seg.line == line:
                for within in range(seg.length + 1):
                    if seg.column_at(within) == column:
                        return index, seg.offset + within
    return None


def _marks(result):
    """Per block, the findings that cover each stretch of its text, numbered as in the list."""
    spans: dict[int, list[tuple[int, int, int, str]]] = {}
    for number, f in enumerate(result.findings, 1):
        start = _locate(result.blocks, f.page, f.line, f.column)
        end = _locate(result.blocks, f.page, f.end_line, f.end_column)
        if start is None:
            continue
        stop = (
            end[1]
            if end is not None and end[0] == start[0] and end[1] > start[1]
            else len(result.blocks[start[0]].text)
        )
        spans.setdefault(start[0], []).append((start[1], stop, number, f.severity))
    return spans


def _highlight(text: str, spans) -> str:
    if not spans:
        return escape(text)
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(n, sev) for s, e, n, sev in spans if s <= a and b <= e]
        piece = escape(text[a:b])
        if covering:
            worst = max((sev for _, sev in covering), key=("info", "warning", "error").index)
            ending = [n for s, e, n, _ in spans if e == b and s <= a]
            numbers = "".join(f'<sup><a href="#f{n}">{n}</a></sup>' for n in ending)
            out.append(f'<mark class="{worst}">{piece}{numbers}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _rewrites_by_block(result) -> dict[int, list]:
    """Per block, the rewrites of the bullets or answers that start on one of its lines."""
    where = {(r.page, r.line): r for r in result.rewrites}
    out: dict[int, list] = {}
    for index, block in enumerate(result.blocks):
        found = [where[key] for key in dict.fromkeys((seg.page, seg.line) for seg in block.segments) if key in where]
        if found:
            out[index] = found
    return out


def _document(result, prefix: str) -> str:
    spans = _marks(result)
    rewrites = _rewrites_by_block(result)
    out, in_list = [], False
    for index, block in enumerate(result.blocks):
        body = _highlight(block.text, spans.get(index, []))
        body = body.replace('href="#f', f'href="#{prefix}f')
        body += "".join(
            f'<div class="rewrite"><span class="label">Rewrite ({escape(", ".join(r.codes))})</span> '
            f"{escape(r.after)}</div>"
            for r in rewrites.get(index, [])
        )
        if block.type == "bullet":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{body}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if block.type == "heading":
            out.append(f"<h3>{body}</h3>")
        elif block.type == "code":
            out.append(f"<pre>{body}</pre>")
        elif block.type == "question":
            out.append(f'<p class="question">Q: {body}</p>')
        else:
            out.append(f"<p>{body}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def _profile(result) -> str:
    if not result.role_profile or not any(result.role_profile.values()):
        return ""
    shares = sorted(result.role_profile.items(), key=lambda kv: (-kv[1], kv[0]))
    cells = "".join(
        f'<span class="role-{escape(name)}" style="width:{share * 100:.1f}%;background:{_ROLE_COLOURS[i % 5]}" '
        f'title="{escape(name.upper())} {round(share * 100)}%">{escape(name.upper())} {round(share * 100)}%</span>'
        for i, (name, share) in enumerate(shares)
        if share > 0
    )
    target = f" (target: {escape(result.role.upper())})" if result.role else ""
    return f'<div class="profile"><div class="label">Reads as{target}</div><div class="bar">{cells}</div></div>'


def _findings(result, prefix: str) -> str:
    if not result.findings:
        return '<p class="clean">No findings.</p>'
    items = []
    unit = result.location.page if result.location and result.location.page else "page"
    for number, f in enumerate(result.findings, 1):
        where = f"line {f.line}, column {f.column}" + (f", {unit} {f.page}" if f.page else "")
        suggestion = f'<div class="suggestion">{escape(f.suggestion)}</div>' if f.suggestion else ""
        items.append(
            f'<li id="{prefix}f{number}" class="{f.severity}"><span class="code">{number}. {f.code}</span> '
            f'{escape(f.name)} <span class="where">{where}</span><div>{escape(f.message)}</div>{suggestion}</li>'
        )
    return "<ol>" + "\n".join(items) + "</ol>"


_STATUS_TEXT = {"shown": "shown in a bullet", "skills-only": "only in Skills", "missing": "missing"}


def _job_matches(result) -> str:
    """One table per posting: each requirement, its kind, group, status and the resume lines showing it."""
    out = []
    for job in result.job_matches:
        (rs, ra), (ps, pa) = job.score("required"), job.score("preferred")
        role = f" · reads as {escape(job.role.upper())}" if job.role else ""
        years = ""
        if job.years_asked:
            shown = "no dates found" if job.years_shown is None else f"{job.years_shown:g} shown"
            years = f" · years: {job.years_asked} asked, {escape(shown)}"
        rows = "".join(
            f'<tr class="{escape(m.status)}"><td>{escape(m.name)}{"" if m.group else " <em>(not in the taxonomy)</em>"}</td>'
            f"<td>{escape(m.kind)}</td><td>{escape(m.label or '')}</td><td>{_STATUS_TEXT.get(m.status, m.status)}</td>"
            f"<td>{escape(', '.join(map(str, m.lines)))}</td></tr>"
            for m in job.matches
        )
        out.append(
            f'<div class="job"><h3>Job match: {escape(job.title or job.path)}</h3>'
            f'<p class="meta">{escape(job.path)}{role} · required {rs} of {ra} shown, preferred {ps} of {pa}{years}</p>'
            "<table><thead><tr><th>Requirement</th><th>Kind</th><th>Group</th><th>In the resume</th><th>Lines</th>"
            f"</tr></thead><tbody>{rows}</tbody></table></div>"
        )
    return "".join(out)


def render_html(results) -> str:
    s = Tally(results).summary
    summary = f"{s['files']} files: {s['error']} errors, {s['warning']} warnings, {s['info']} info" + (
        f"; {s['unreadable']} could not be read" if s["unreadable"] else ""
    )
    sections = []
    for i, result in enumerate((r for r in results if not r.skipped), 1):
        prefix = f"file{i}-"
        meta = " · ".join(x for x in (result.kind, f"format {result.format}" if result.format else "") if x)
        if result.unreadable:
            body = f'<div class="error-box">{escape(result.error)}</div>'
        else:
            body = (
                f'{_profile(result)}<div class="layout"><article>{_document(result, prefix)}</article>'
                f"<aside>{_findings(result, prefix)}</aside></div>{_job_matches(result)}"
            )
        sections.append(
            f'<section class="file" id="{prefix}"><h2>{escape(result.path)}</h2>'
            f'<p class="meta">{escape(meta)}</p>{body}</section>'
        )
    return encodable(
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="rolelint {__version__}"><title>rolelint report</title>'
        f"<style>{_STYLE}</style></head><body><header><h1>rolelint report</h1><p>{escape(summary)}</p></header>"
        + "\n".join(sections)
        + "</body></html>"
    )
