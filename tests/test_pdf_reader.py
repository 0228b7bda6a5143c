"""The PDF reader: PDFium's lines and indents agree with pdfplumber's, the pdfplumber fallback explains
what PDFium refuses, and neither library writes anything to the terminal."""
import subprocess
import sys

import pytest

from linter.readers import ReadError, read_bytes
from linter.readers.base import Limits
from linter.readers.pdf import _pdfium_lines, _pdfplumber_lines
from tests.conftest import SAMPLES
from tests.make_broken_files import generate

PDFS = sorted((SAMPLES / "resumes").glob("*.pdf"))


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdfium_and_pdfplumber_find_the_same_lines_and_indents(path):
    data = path.read_bytes()
    fast, slow = _pdfium_lines(data, Limits()), _pdfplumber_lines(data, Limits())
    assert [(line.page, line.line) for line in fast] == [(line.page, line.line) for line in slow]
    for a, b in zip(fast, slow):
        # pdfplumber shows the bullet glyph of these fonts as "(cid:127)", PDFium as the character itself
        assert a.text == b.text.replace("(cid:127)", "•"), (a.text, b.text)
        if a.text:  # the blank line closing each page has no indent
            assert abs(a.indent - b.indent) < 0.5, (a.text, a.indent, b.indent)


def test_pdfium_reads_the_bullet_glyph_as_a_bullet():
    document = read_bytes((SAMPLES / "resumes" / "ds_resume.pdf").read_bytes(), "r.pdf", "pdf")
    texts = [block.text for block in document.blocks]
    assert not any("(cid:" in text for text in texts)
    assert any(block.type == "bullet" for block in document.blocks)


def test_files_pdfium_refuses_are_explained_by_pdfminer():
    with pytest.raises(ReadError) as caught:
        read_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog", "broken.pdf", "pdf")
    assert caught.value.code == "RL904" and "PDFSyntaxError" in caught.value.reason


def test_broken_pdfs_print_nothing_but_the_report(tmp_path):
    paths = generate(tmp_path / "broken")
    result = subprocess.run([sys.executable, "-m", "linter", "check", "--no-config", "--format", "json",
                             *[str(p) for p in paths if p.suffix == ".pdf"]], capture_output=True, text=True)
    assert result.returncode in (1, 2) and result.stderr == "", result.stderr
