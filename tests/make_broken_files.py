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


# --- Hostile PDFs (issue 12, PDF bounds): hand-written objects, a correct xref table, and streams whose
# filters hide from a byte scanner, or whose drawing repeats itself, so that reading them takes gigabytes.

_PADDING = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def pdf_from_objects(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF whose object N is objects[N - 1] (object 1 the catalog), with a correct xref table; `trailer`
    adds entries to the trailer dictionary."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer)
    return out + b"startxref\n%d\n%%%%EOF\n" % xref


def stream_object(entries: bytes, data: bytes) -> bytes:
    """A stream object's body: `entries` of its dictionary (with /Filter), then /Length and the data."""
    return b"<< %s /Length %d >>\nstream\n" % (entries, len(data)) + data + b"\nendstream"


def deflated_spaces(megabytes: int, prefix: bytes = b"") -> bytes:
    """zlib data that inflates to `prefix` and then `megabytes` MB of spaces, made without holding them:
    after a full flush the compressor's output no longer depends on what came before, so every further
    megabyte of spaces compresses to the same bytes, and the checksum has a closed form."""
    import zlib

    packer = zlib.compressobj(9)
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
    body = packer.compress(b" " * 2**20) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush()[:-4]  # the final block; the Adler-32 after it is that of the whole content
    size, start = megabytes * 2**20, zlib.adler32(prefix)
    low, high = start & 0xFFFF, start >> 16
    low, high = (low + 32 * size) % 65521, (high + size * low + 32 * size * (size + 1) // 2) % 65521
    return head + body * megabytes + end + ((high << 16) | low).to_bytes(4, "big")


def _rc4(key: bytes, data: bytes) -> bytes:
    state, j = list(range(256)), 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) & 255
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(len(data)), 0, 0
    for n, byte in enumerate(data):
        i = (i + 1) & 255
        j = (j + state[i]) & 255
        state[i], state[j] = state[j], state[i]
        out[n] = byte ^ state[(state[i] + state[j]) & 255]
    return bytes(out)


def _one_page(content: bytes, font: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>") -> list[bytes]:
    """Objects 1 to 5 of a one-page PDF: catalog, pages, page, its content stream object (as given), font."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        content,
        font,
    ]


_SHOWN = b"BT /F1 12 Tf 72 720 Td (Experience) Tj ET\n"


def encrypted_pdf(megabytes: int) -> bytes:
    """A page whose content inflates to `megabytes` MB, encrypted (RC4, 40 bits) with an empty user
    password: any reader opens it without asking, and the stream's bytes are no longer zlib's."""
    import hashlib

    owner = _rc4(hashlib.md5(b"owner" + _PADDING[:27]).digest()[:5], _PADDING)
    permissions, file_id = (-4).to_bytes(4, "little", signed=True), bytes(range(16))
    key = hashlib.md5(_PADDING + owner + permissions + file_id).digest()[:5]
    stream_key = hashlib.md5(key + (4).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
    content = stream_object(b"/Filter /FlateDecode", _rc4(stream_key, deflated_spaces(megabytes, _SHOWN)))
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (
        owner.hex().encode(),
        _rc4(key, _PADDING).hex().encode(),
    )
    trailer = b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (file_id.hex().encode(), file_id.hex().encode())
    return pdf_from_objects(_one_page(content) + [encrypt], trailer)


def recursive_forms_pdf(levels: int = 7, draws: int = 10) -> bytes:
    """A page that draws a form `draws` times, which draws the next form as often, `levels` deep, the last
    showing one word: a file of a few KB with draws ** levels text objects."""
    page = stream_object(b"", b"q /X1 Do Q\n" * draws)
    forms = []
    for level in range(1, levels + 1):
        form = b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
        if level < levels:
            form += b"/Resources << /XObject << /X1 %d 0 R >> >>" % (6 + level)
            forms.append(stream_object(form, b"q /X1 Do Q\n" * draws))
        else:
            forms.append(stream_object(form + b"/Resources << /Font << /F1 5 0 R >> >>", _SHOWN))
    objects = _one_page(page)
    objects[2] = objects[2].replace(b">> >> >>", b">> /XObject << /X1 6 0 R >> >> >>")
    return pdf_from_objects(objects + forms)


def font_file_bomb_pdf(megabytes: int) -> bytes:
    """A page in an embedded TrueType font whose font file inflates to `megabytes` MB, its filter given as an
    indirect object."""
    font = (
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Hidden /FirstChar 32 /LastChar 126 "
        b"/Widths [%s] /FontDescriptor 6 0 R >>" % b" ".join([b"500"] * 95)
    )
    descriptor = (
        b"<< /Type /FontDescriptor /FontName /Hidden /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
        b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>"
    )
    fontfile = stream_object(b"/Filter 8 0 R", deflated_spaces(megabytes))
    return pdf_from_objects(_one_page(stream_object(b"", _SHOWN), font) + [descriptor, fontfile, b"/FlateDecode"])


def hidden_filter_pdfs(megabytes: int) -> dict[str, bytes]:
    """A page whose content inflates to `megabytes` MB, its /Filter written each way a scan of the raw bytes
    for "/Filter /Name" misses: name -> PDF."""
    bomb = deflated_spaces(megabytes, _SHOWN)
    length = b"/Length %d" % len(bomb)

    def page(entries: bytes, *extra: bytes) -> bytes:
        content = b"<< %s >>\nstream\n" % entries + bomb + b"\nendstream"
        return pdf_from_objects(_one_page(content) + list(extra))

    return {
        "indirect-filter": page(b"/Filter 6 0 R /Length 7 0 R", b"/FlateDecode", b"%d" % len(bomb)),
        "filter-array-of-refs": page(b"/Filter [6 0 R] " + length, b"/FlateDecode"),
        "comment-before-filter": page(b"/Filter % the filter:\n/FlateDecode " + length),
        "escaped-name": page(b"/Fil#74er /Flate#44ecode " + length),
        "decoy-string": page(b"/Filter /FlateDecode " + length + b" /Note (/Filter /ASCIIHexDecode)"),
        "decoy-dictionary": page(b"/Filter /FlateDecode " + length + b" /Note << /Filter /DCTDecode >>"),
        "decoy-object-header": page(b"/Filter /FlateDecode " + length + b" /Note (9 0 obj << /Filter /DCTDecode >>)"),
    }


def hostile_pdfs(megabytes: int = 1024) -> dict[str, bytes]:
    """Every class of PDF that takes gigabytes to read, each a few KB to a MB on disk: name -> PDF."""
    return {
        **hidden_filter_pdfs(megabytes),
        "encrypted-empty-password": encrypted_pdf(megabytes),
        "form-recursion": recursive_forms_pdf(),
        "font-file-bomb": font_file_bomb_pdf(megabytes),
    }


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
    pair = '{"question": "How would you ship a churn model?", "answer": "I would train \\ud83d\\ude00 XGBoost first."}'
    return (bad + "\n" + pair + "\n").encode()


def lone_surrogate_notebook() -> bytes:
    cell = '{"cell_type": "markdown", "metadata": {}, "source": ["## Results\\n", "Improved \\udc00 the model."]}'
    return ('{"cells": [' + cell + '], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}').encode()


def deeply_nested_jsonl(levels: int) -> bytes:
    """A JSON Lines file whose first line nests an array `levels` deep; its second line is a good record
    with a finding (RL301)."""
    deep = '{"question": "Q?", "answer": "Fine.", "meta": ' + "[" * levels + "]" * levels + "}"
    good = '{"question": "How would you ship a churn model?", "answer": "I would train XGBoost first."}'
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
        {"question": "How would you ship a churn model?", "answer": "I would train XGBoost first."},
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


# ---------------------------------------------------------------------------------------------------------
# Rule files, configuration and ignore files (issue 12): what an outside contributor can put in a rule
# folder or a repository. Each returns the text of one file.


def rule_yaml(match: str = "{terms: [leveraged]}", message: str = "'{match}' says little", extra: str = "") -> str:
    """A valid user rule (kind existence, RL990) with the given matcher and message, as YAML text; its
    examples hold for the default matcher."""
    return f"""code: RL990
name: hostile-rule
kind: existence
scope: bullet
documents: [resume]
roles: [any]
severity: warning
summary: A hostile rule.
message: "{message}"
rationale: Made by the test suite.
fix: Nothing to fix.
suggestion: {{default: "Say what you did."}}
match: {match}
{extra}examples:
  fail:
    - text: Leveraged the data platform for reporting.
      match: Leveraged
  pass:
    - Built the data platform for reporting.
"""


def alias_bomb_rule(levels: int = 9, width: int = 9) -> str:
    """A rule whose matcher is `width` aliases of `width` aliases of ... `levels` deep: under 1 KB of
    YAML, width ** levels matchers to whatever walks the parsed value (a "billion laughs")."""

    def matcher(level: int) -> str:
        if level == 0:
            return "&m0 {terms: [leveraged]}"
        return f"&m{level} {{any: [{matcher(level - 1)}, " + ", ".join([f"*m{level - 1}"] * (width - 1)) + "]}"

    return rule_yaml(match=matcher(levels))


def deep_toml(levels: int = 100_000) -> str:
    """A configuration whose one value is an array nested `levels` deep."""
    return "a = " + "[" * levels + "]" * levels + "\n"


def backtracking_glob(stars: int = 12) -> str:
    """A gitignore pattern that a backtracking matcher takes exponential time on, against a long name of
    a's: `*a*a*...*a*b`."""
    return "*a" * stars + "*b"


def many_patterns_gitignore(count: int) -> str:
    """A .gitignore of `count` distinct patterns."""
    return "".join(f"ignored-{i}-*.md\n" for i in range(count))


def format_width_rule(width: int = 1_500_000_000) -> str:
    """A rule whose message pads its match to `width` characters."""
    return rule_yaml(message=f"'{{match:>{width}}}' says little")


def inline_flag_lexicon() -> str:
    """A lexicon whose second pattern starts with a global inline flag: fine alone, an error once the
    patterns are combined into one regular expression (flags may only start the whole of it)."""
    return "name: hostile\nterms: [leveraged]\npatterns:\n  - 'synerg\\w+'\n  - '(?i)paradigm shifts?'\n"


def catastrophic_regex_rule() -> str:
    """A rule whose regex backtracks catastrophically on a long run of a's with no b after it."""
    return rule_yaml(match="{regex: '(a+)+b'}")


def many_stars_rule(stars: int = 4) -> str:
    """A rule with a token pattern of several `OP: "*"` tokens: spaCy's Matcher keeps every partial match."""
    tokens = ", ".join(['{OP: "*"}'] * stars)
    return rule_yaml(match=f"{{tokens: [[{{LOWER: leveraged}}, {tokens}]]}}")


def token_pattern_rule(*tokens: str) -> str:
    """A rule whose one token pattern is the given tokens (YAML mappings)."""
    return rule_yaml(match=f"{{tokens: [[{', '.join(tokens)}]]}}")


# ---------------------------------------------------------------------------------------------------------
# Processes, threads, the time budget and scale (issue 12): documents whose cost must grow linearly with
# their size, and a job description slow to analyse.

WEAK_BULLET = (
    "- Improved the model for the team by working on the data pipeline and the features of the ranking "
    "system, and helped with the weekly reports that the stakeholders read in the review meeting.\n"
)


def weak_bullet_resume(megabytes: float) -> str:
    """A resume of `megabytes` of weak bullets (an outcome with no figure, a duty phrase, a helper phrase):
    several findings a bullet, tens of thousands of bullets."""
    return "Jane Doe\n\nExperience\n\n" + WEAK_BULLET * int(megabytes * 2**20 / len(WEAK_BULLET))


def many_answers_jsonl(answers: int) -> str:
    """JSON Lines of `answers` question-and-answer objects, each question its own, each answer weak (a tool
    named before any framing, nothing about the data): a finding or more each."""
    import json

    lines = []
    for i in range(answers):
        question = f"How would you decide which customers of segment {i} get a retention offer?"
        answer = "I'd use XGBoost. I would train a classifier on the customer tables and send the top scores on."
        lines.append(json.dumps({"question": question, "answer": answer}))
    return "\n".join(lines) + "\n"


def suppressed_resume(bullets: int) -> str:
    """A Markdown resume whose `bullets` weak bullets each have a disable-next-line comment above them."""
    comment = "<!-- rolelint: disable-next-line RL103 -->\n"
    return "## Experience\n\n" + (comment + "- Improved the model for the team.\n") * bullets


def long_job_description(characters: int) -> str:
    """A job description of about `characters` characters of ordinary posting text, one sentence a line."""
    line = "We are hiring a machine learning engineer to build and deploy models in production with Spark.\n"
    return "Machine Learning Engineer\n\n" + line * (characters // len(line))


# --- Slow to read (issue 12, time budget): a DOCX of many distinct paragraphs, each a few words ----------------


def many_paragraphs_docx(paragraphs: int, seed: int = 3) -> bytes:
    """A real DOCX (python-docx's template) whose body holds `paragraphs` paragraphs of random words: text
    that does not compress away, so the zip checks pass and the XML parser has all of it to do."""
    import docx

    from tests.conftest import zip_bytes

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(buffer)
    members = {name: source.read(name) for name in source.namelist()}
    rng = random.Random(seed)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(4000)]
    body = "".join(
        f"<w:p><w:r><w:t>{' '.join(rng.choice(words) for _ in range(12))}</w:t></w:r></w:p>" for _ in range(paragraphs)
    )
    xml = members["word/document.xml"].decode()
    start = xml.index("<w:body>") + len("<w:body>")
    members["word/document.xml"] = (xml[:start] + body + xml[start:]).encode()
    return zip_bytes(members)
