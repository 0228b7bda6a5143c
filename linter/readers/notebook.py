"""Jupyter notebooks (.ipynb), read as plain JSON: Markdown cells are prose, code cells are code (never
linted as prose), outputs are ignored. A finding's "page" is the cell number (1-based, counting every
cell) and its line is the line within that cell. A cell longer than --max-answer-length is skipped, with a
note naming it, and the other cells are still linted."""

from __future__ import annotations

import json

from ..document import Document, Note
from ..limits import Limits
from ..problems import ENCODING_FALLBACK, MALFORMED, TOO_LARGE
from ..sections import Vocabulary
from .base import ReadError, decode_text, normalise_newlines, replace_lone_surrogates
from .markdown import directives, markdown_lines
from .structure import SourceLine, build_blocks


def read_notebook(data: bytes, path: str, limits: Limits, sections: Vocabulary) -> Document:
    decoded = decode_text(data)
    try:
        notebook = json.loads(decoded.text)
    except RecursionError:
        raise ReadError(MALFORMED, "is not a valid notebook: its JSON is nested too deeply to read") from None
    except ValueError as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        raise ReadError(MALFORMED, f"is not a valid notebook: its JSON does not parse ({reason})") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise ReadError(MALFORMED, "is not a valid notebook: it has no list of cells")
    lines: list[SourceLine] = []
    found = []
    notes = [Note(ENCODING_FALLBACK, decoded.note)] if decoded.note else []
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            raise ReadError(MALFORMED, f"is not a valid notebook: cell {number} is not an object")
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise ReadError(MALFORMED, f"is not a valid notebook: cell {number} has no text source")
        kind = cell.get("cell_type")
        if kind not in ("markdown", "code"):
            continue
        if len(source) > limits.max_answer_length:  # checked before parsing: one huge cell costs gigabytes
            notes.append(
                Note(
                    TOO_LARGE,
                    f"this cell is {len(source)} characters long, over the limit of {limits.max_answer_length} "
                    "for one cell, so it was skipped (raise it with --max-answer-length)",
                    1,
                    number,
                )
            )
            continue
        text, replaced = replace_lone_surrogates(normalise_newlines(source))
        if replaced:
            notes.append(Note(ENCODING_FALLBACK, replaced, 1, number))
        if kind == "markdown":
            lines += [SourceLine(s.text, s.line, number, code=s.code) for s in markdown_lines(text)]
            cell_directives, cell_notes = directives(text, number)
            found += cell_directives
            notes += cell_notes
        else:
            lines += [SourceLine(t, i, number, code=True) for i, t in enumerate(text.split("\n"), 1)]
        lines.append(SourceLine("", 0, number))  # cells never run into each other
    return Document(path, "ipynb", build_blocks(lines, sections, markdown=True), notes=notes, directives=found)
