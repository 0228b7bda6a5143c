"""A copy of a document with its rewrites applied, for `rolelint rewrite`. The input file is only read:
the copy goes to another file or to standard output. Text and Markdown are copied line by line, a bullet's
text replaced where its line holds it; JSON Lines record by record (the answer's text replaced inside its
field); DOCX paragraph by paragraph, each rewritten paragraph keeping the style of its first run."""

from __future__ import annotations

import io
import json
import os

TEXT_FORMATS = ("txt", "md", "markdown")
ANSWER_FIELDS = ("answer", "response", "text")


class CannotApply(Exception):
    """The document's format cannot be written back (a PDF), or the output would overwrite the input."""


def apply_rewrites(path: str, fmt: str, rewrites: list, data: bytes) -> tuple[bytes, int]:
    """(the rewritten copy, how many rewrites could not be placed) from the document's bytes."""
    if fmt == "docx":
        return _docx(data, rewrites)
    if fmt == "jsonl":
        return _jsonl(data, rewrites)
    if fmt in TEXT_FORMATS:
        return _text(data, rewrites)
    raise CannotApply(f"{path}: a {fmt} file cannot be written back; save it as DOCX, Markdown or text first")


def same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return os.path.abspath(one) == os.path.abspath(other)


def _text(data: bytes, rewrites) -> tuple[bytes, int]:
    text = data.decode("utf-8-sig", errors="replace")
    lines = text.splitlines(keepends=True)
    missed = 0
    for rewrite in rewrites:
        index = rewrite.line - 1
        if 0 <= index < len(lines) and rewrite.before in lines[index]:
            lines[index] = lines[index].replace(rewrite.before, rewrite.after, 1)
        else:
            missed += 1  # a bullet wrapped over several lines, or written with markup inside it
    return "".join(lines).encode("utf-8"), missed


def _jsonl(data: bytes, rewrites) -> tuple[bytes, int]:
    lines = data.decode("utf-8-sig", errors="replace").splitlines(keepends=True)
    missed = 0
    for rewrite in rewrites:
        index = rewrite.line - 1
        try:
            record = json.loads(lines[index]) if 0 <= index < len(lines) else None
        except ValueError:
            record = None
        field = next(
            (f for f in ANSWER_FIELDS if isinstance(record, dict) and rewrite.before in str(record.get(f))), None
        )
        if field is None or not isinstance(record, dict):
            missed += 1
            continue
        record[field] = record[field].replace(rewrite.before, rewrite.after, 1)
        ending = "\n" if lines[index].endswith("\n") else ""
        lines[index] = json.dumps(record, ensure_ascii=False) + ending
    return "".join(lines).encode("utf-8"), missed


def _docx(data: bytes, rewrites) -> tuple[bytes, int]:
    import docx

    document = docx.Document(io.BytesIO(data))
    wanted = {r.before: r.after for r in rewrites}
    placed = set()
    for paragraph in document.paragraphs:
        key = paragraph.text.strip()
        if key in wanted and paragraph.runs:
            first, *rest = paragraph.runs
            first.text = wanted[key]
            for run in rest:
                run.text = ""
            placed.add(key)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), len(wanted) - len(placed)
