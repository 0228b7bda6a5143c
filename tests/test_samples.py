"""The sample resumes, in every format, against their expectations files; and the same findings whatever
the format, each pointing at its bullet in the original file."""

from pathlib import Path

import docx
import pypdfium2
import pytest
import yaml

import linter

RESUMES = Path(__file__).resolve().parent.parent / "samples" / "resumes"
STEMS = sorted(p.stem.replace(".expect", "") for p in RESUMES.glob("*.expect.yaml"))
FORMATS = ("txt", "md", "pdf", "docx")


def _lint(stem, fmt):
    expect = yaml.safe_load((RESUMES / f"{stem}.expect.yaml").read_text())
    [result] = linter.lint_paths([RESUMES / f"{stem}.{fmt}"], role=expect["role"])
    assert result.error is None
    return expect, result


def _select(findings, item):
    return [
        f
        for f in findings
        if f.code == item["code"]
        and item.get("bullet", "") in f.excerpt
        and ("match" not in item or f.matched == item["match"])
    ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_sample_expectations(stem, fmt):
    expect, result = _lint(stem, fmt)
    assert result.kind == expect["kind"]
    for item in expect["must"]:
        assert _select(result.findings, item), f"missing {item} in {stem}.{fmt}"
    for item in expect["must_not"]:
        assert not _select(result.findings, item), f"unexpected {item} in {stem}.{fmt}"
    assert len(result.findings) == expect["count"], [(f.code, f.matched) for f in result.findings]


@pytest.mark.parametrize("stem", STEMS)
def test_same_findings_in_every_format(stem):
    seen = {}
    for fmt in FORMATS:
        _, result = _lint(stem, fmt)
        seen[fmt] = sorted(
            (f.code, f.excerpt, f.matched.lower()) for f in result.findings
        )  # PDF headings are in capitals
    assert seen["md"] == seen["txt"]
    assert seen["pdf"] == seen["txt"]
    assert seen["docx"] == seen["txt"]


def _source_lines(stem, fmt):
    """(page, line) -> text of that line as rolelint numbers it in the original file."""
    path = RESUMES / f"{stem}.{fmt}"
    if fmt in ("txt", "md"):
        return {(None, i): t for i, t in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)}
    if fmt == "docx":
        from docx.oxml.ns import qn
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
        return {(None, i): Paragraph(p, document).text for i, p in enumerate(document.element.body.iter(qn("w:p")), 1)}
    pdf = pypdfium2.PdfDocument(str(path))  # the text layer as PDF viewers copy it, blank lines left out
    try:
        return {
            (n, i): line.strip()
            for n, page in enumerate(pdf, 1)
            for i, line in enumerate([t for t in page.get_textpage().get_text_range().split("\r\n") if t.strip()], 1)
        }
    finally:
        pdf.close()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_positions_point_at_the_words_in_the_original_file(stem, fmt):
    _, result = _lint(stem, fmt)
    lines = _source_lines(stem, fmt)
    for f in result.findings:
        line = lines[(f.page, f.line)]
        if f.end_line == f.line:
            assert line[f.column - 1 : f.end_column - 1] == f.matched, (f.code, line, f.column, f.end_column)
        else:  # a finding over a wrapped bullet starts on its first line and ends on a later one
            assert f.matched.startswith(line[f.column - 1 :].strip())
            assert f.end_line > f.line


def test_pdf_findings_carry_a_page_and_others_do_not():
    _, pdf = _lint(STEMS[0], "pdf")
    _, txt = _lint(STEMS[0], "txt")
    assert all(f.page == 1 for f in pdf.findings)
    assert all(f.page is None for f in txt.findings)
