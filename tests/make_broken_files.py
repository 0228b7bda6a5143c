"""Generates a corpus of broken PDF and DOCX files from the sample resumes: truncations, bit flips, bad
xref tables, missing trailers and parts, invalid XML. Nothing is downloaded; the same seed gives the same
files. The test suite runs every file through the readers; run it by hand to look at the files:

    python tests/make_broken_files.py OUTPUT_FOLDER
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "resumes"


def _flips(data: bytes, count: int, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(count):
        position = rng.randrange(len(out))
        out[position] ^= 1 << rng.randrange(8)
    return bytes(out)


def broken_pdfs(pdf: bytes, rng: random.Random) -> dict[str, bytes]:
    files = {f"truncated-{int(f * 100)}.pdf": pdf[: int(len(pdf) * f)] for f in (0.05, 0.3, 0.6, 0.9, 0.99)}
    files.update({f"bitflip-{i}.pdf": _flips(pdf, 1 + i * 7, rng) for i in range(6)})
    files["bad-xref.pdf"] = re.sub(rb"\d{10} \d{5} n", b"9999999999 00000 n", pdf)
    files["no-xref.pdf"] = pdf.replace(b"xref", b"xxxx")
    files["no-trailer.pdf"] = pdf[: pdf.rfind(b"trailer")]
    files["no-eof.pdf"] = pdf.replace(b"%%EOF", b"")
    files["header-only.pdf"] = b"%PDF-1.7\n"
    files["garbage-after-header.pdf"] = b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(4096))
    files["huge-object-number.pdf"] = pdf.replace(b"1 0 obj", b"99999999999 0 obj", 1)
    return files


def _rezip(docx: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = change(info.filename, source.read(info.filename))
            if data is not None:
                target.writestr(info.filename, data)
    return out.getvalue()


def broken_docx(docx: bytes, rng: random.Random) -> dict[str, bytes]:
    files = {f"truncated-{int(f * 100)}.docx": docx[: int(len(docx) * f)] for f in (0.05, 0.5, 0.95)}
    files.update({f"bitflip-{i}.docx": _flips(docx, 1 + i * 5, rng) for i in range(6)})
    files["no-document-part.docx"] = _rezip(docx, lambda n, d: None if n == "word/document.xml" else d)
    files["no-content-types.docx"] = _rezip(docx, lambda n, d: None if n == "[Content_Types].xml" else d)
    files["invalid-xml.docx"] = _rezip(docx, lambda n, d: d[: len(d) // 2] if n == "word/document.xml" else d)
    files["empty-body.docx"] = _rezip(
        docx,
        lambda n, d: (
            re.sub(rb"<w:body>.*</w:body>", b"<w:body></w:body>", d, flags=re.S) if n == "word/document.xml" else d
        ),
    )
    files["no-styles.docx"] = _rezip(docx, lambda n, d: None if n == "word/styles.xml" else d)
    return files


def generate(folder: Path, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        **broken_pdfs((SAMPLES / "ds_resume.pdf").read_bytes(), rng),
        **broken_docx((SAMPLES / "ds_resume.docx").read_bytes(), rng),
    }
    paths = []
    for name, data in sorted(files.items()):
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="broken-files", type=Path, help="where to write the files")
    for written in generate(parser.parse_args().folder):
        print(written)


# --- Output, file names, JSON and the size of one answer (issue 12): hostile cases made on the spot ----------


def vague_resume(bullets: int) -> str:
    """A resume of `bullets` distinct vague bullets (no figures): one finding each, a long report."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    teams = (a + b + c for a in letters for b in letters for c in letters)
    return "Experience\n" + "".join(f"- Improved the ranking model for team {next(teams)}.\n" for _ in range(bullets))


UNDECODABLE_NAME = b"r\xe9sum\xe9.txt"  # Latin-1 bytes: not a UTF-8 file name


def lone_surrogate_jsonl() -> bytes:
    """A JSON Lines file whose first answer has a lone surrogate escape (half a UTF-16 pair), the second a
    well-formed pair (an emoji, one character) and a finding (RL301 at XGBoost)."""
    bad = '{"question": "How would you detect fraud?", "answer": "I would start \\ud800 from the cost of a miss."}'
    pair = '{"question": "How would you ship it?", "answer": "I would train \\ud83d\\ude00 XGBoost first."}'
    return (bad + "\n" + pair + "\n").encode()


def lone_surrogate_notebook() -> bytes:
    cell = '{"cell_type": "markdown", "metadata": {}, "source": ["## Results\\n", "Improved \\udc00 the model."]}'
    return ('{"cells": [' + cell + '], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}').encode()


def deeply_nested_jsonl(levels: int) -> bytes:
    """A JSON Lines file whose first line nests an array `levels` deep; its second line is a good record
    with a finding (RL301)."""
    deep = '{"question": "Q?", "answer": "Fine.", "meta": ' + "[" * levels + "]" * levels + "}"
    good = '{"question": "How would you ship it?", "answer": "I would train XGBoost first."}'
    return (deep + "\n" + good + "\n").encode()


def deeply_nested_notebook(levels: int) -> bytes:
    return ('{"cells": [], "metadata": ' + '{"a": ' * levels + "1" + "}" * levels + "}").encode()


def deep_tree(top, levels: int, name: str = "d") -> str:
    """Folders `levels` deep under `top` (made relative to each other, as a path that long cannot be
    opened in one go), with a resume at the bottom; returns the resume's path."""
    import os

    descriptor = os.open(top, os.O_RDONLY)
    try:
        for _ in range(levels):
            os.mkdir(name, dir_fd=descriptor)
            inner = os.open(name, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        handle = os.open("resume.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor)
        os.write(handle, vague_resume(1).encode())
        os.close(handle)
    finally:
        os.close(descriptor)
    return os.path.join(top, *[name] * levels, "resume.txt")


def remove_deep_tree(top, name: str = "d") -> None:
    """Remove what deep_tree made under `top`, a level at a time from the top (shutil.rmtree, and so
    pytest's clean-up of old temporary folders, recurses once per level and fails on such a tree)."""
    import os

    current, spare = os.path.join(top, name), os.path.join(top, name + ".next")
    while os.path.isdir(current):
        inner = os.path.join(current, name)
        if os.path.isdir(inner):
            os.rename(inner, spare)  # the level below moves up beside this one
        for entry in os.listdir(current):
            os.unlink(os.path.join(current, entry))
        os.rmdir(current)
        if os.path.isdir(spare):
            os.rename(spare, current)


def huge_answer_jsonl(characters: int) -> bytes:
    """A JSON Lines file whose second line holds one answer of `characters` characters, between two
    ordinary records with a finding each (RL301)."""
    import json

    words = "I would start from the cost of a missed fraud case and pick the threshold from it. "
    huge = (words * (characters // len(words) + 1))[:characters]
    lines = [
        {"question": "How would you detect fraud?", "answer": "I would train XGBoost first."},
        {"question": "And then?", "answer": huge},
        {"question": "How would you ship it?", "answer": "I would train XGBoost first."},
    ]
    return "".join(json.dumps(line) + "\n" for line in lines).encode()


def huge_cell_notebook(characters: int) -> bytes:
    import json

    words = "The churn model was evaluated on a held-out month of customers and compared with the baseline. "
    huge = (words * (characters // len(words) + 1))[:characters]
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": huge},
        {"cell_type": "markdown", "metadata": {}, "source": ["## Results\n", "Improved the model for the team.\n"]},
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode()
