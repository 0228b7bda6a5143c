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
