"""Questions and answers as JSON Lines: one {"question": ..., "answer": ...} object per line. Positions point
into the raw line (JSON escapes accounted for); a line that cannot be read (broken, nested too deeply, or
longer than --max-answer-length) is reported with its number and the other lines are still linted."""

from __future__ import annotations

import json

from ..document import ANSWER, PARAGRAPH, QUESTION, Block, BlockBuilder, Document, Note
from ..limits import Limits
from ..problems import ENCODING_FALLBACK, MALFORMED, TOO_LARGE
from ..sections import Vocabulary
from .base import decode_text, normalise_newlines, replace_lone_surrogates
from .structure import SourceLine, build_blocks

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class _Malformed(ValueError):
    pass


def decode_string(raw: str, start: int) -> tuple[str, list[int], int]:
    """Decode the JSON string whose opening quote is at raw[start]: its text, the 1-based column of each
    character in `raw`, and the index just past the closing quote."""
    chars: list[str] = []
    columns: list[int] = []
    i = start + 1
    while i < len(raw):
        c = raw[i]
        if c == '"':
            return "".join(chars), columns, i + 1
        if c == "\\":
            code = raw[i + 1 : i + 2]
            if code == "u":
                value = int(raw[i + 2 : i + 6], 16)
                low = int(raw[i + 8 : i + 12], 16) if 0xD800 <= value < 0xDC00 and raw[i + 6 : i + 8] == "\\u" else 0
                if 0xDC00 <= low < 0xE000:  # a UTF-16 pair (an emoji, say) is one character
                    chars.append(chr(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)))
                    columns.append(i + 1)
                    i += 12
                    continue
                chars.append(chr(value))
                columns.append(i + 1)
                i += 6
                continue
            if code not in _ESCAPES:
                raise _Malformed("bad escape in a string")
            chars.append(_ESCAPES[code])
            columns.append(i + 1)
            i += 2
            continue
        chars.append(c)
        columns.append(i + 1)
        i += 1
    raise _Malformed("unterminated string")


def _fields(raw: str) -> dict[str, tuple[str, list[int]]]:
    """The string members of the line's top-level object, with their column maps."""
    decoder = json.JSONDecoder()
    i = raw.index("{") + 1
    found: dict[str, tuple[str, list[int]]] = {}
    while True:
        while raw[i] in " \t,":
            i += 1
        if raw[i] == "}":
            return found
        key, _, i = decode_string(raw, i)
        while raw[i] in " \t:":
            i += 1
        if raw[i] == '"':
            text, columns, i = decode_string(raw, i)
            found[key] = (text, columns)
        else:
            _, i = decoder.raw_decode(raw, i)


def read_jsonlines(data: bytes, path: str, limits: Limits, sections: Vocabulary) -> Document:
    decoded = decode_text(data)
    document = Document(path, "jsonl")
    if decoded.note:
        document.notes.append(Note(ENCODING_FALLBACK, decoded.note))
    qa = 0
    for number, raw in enumerate(normalise_newlines(decoded.text).split("\n"), 1):
        if not raw.strip():
            continue
        if len(raw) > limits.max_answer_length:  # checked before parsing: one huge answer costs gigabytes
            document.notes.append(
                Note(
                    TOO_LARGE,
                    f"this line is {len(raw)} characters long, over the limit of {limits.max_answer_length} for "
                    "one answer, so it was skipped (raise it with --max-answer-length)",
                    number,
                )
            )
            continue
        try:
            record = json.loads(raw)
            if not isinstance(record, dict) or not isinstance(record.get("answer"), str):
                raise _Malformed('each line must be an object with an "answer" string')
            if "question" in record and not isinstance(record["question"], str):
                raise _Malformed('"question" must be a string')
            fields = _fields(raw)
        except RecursionError:
            document.notes.append(Note(MALFORMED, "not a valid JSON Lines record (nested too deeply to read)", number))
            continue
        except (ValueError, IndexError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            document.notes.append(Note(MALFORMED, f"not a valid JSON Lines record ({reason})", number))
            continue
        qa += 1
        notes = []
        for name in ("question", "answer"):
            if name in fields:
                text, note = replace_lone_surrogates(fields[name][0])
                fields[name] = (text, fields[name][1])
                notes += [note] if note else []
        if notes:
            document.notes.append(Note(ENCODING_FALLBACK, notes[0], number))
        if "question" in fields:
            document.blocks.append(_question(fields["question"], number, qa))
        document.blocks.extend(_answer(fields["answer"], number, qa, sections))
    return document


def _lines(text: str, columns: list[int], number: int) -> list[SourceLine]:
    out, start = [], 0
    for part in text.split("\n"):
        out.append(SourceLine(part, number, columns=tuple(columns[start : start + len(part)]) or None))
        start += len(part) + 1
    return out


def _question(field: tuple[str, list[int]], number: int, qa: int) -> Block:
    text, columns = field
    builder = BlockBuilder(QUESTION)
    for line in _lines(text, columns, number):
        if line.text.strip():
            lead = len(line.text) - len(line.text.lstrip())
            stripped = line.text.strip()
            builder.add(stripped, number, line.column_of(lead), None, " ", line.columns_of(lead, len(stripped)))
    block = builder.build()
    block.qa = qa
    return block


def _answer(field: tuple[str, list[int]], number: int, qa: int, sections: Vocabulary) -> list[Block]:
    text, columns = field
    blocks = build_blocks(_lines(text, columns, number), sections, markdown=True)
    for i, block in enumerate(blocks):
        block.qa = qa
        if i == 0 and block.type == PARAGRAPH:
            block.type = ANSWER
    return blocks
