"""The one table of input formats: extensions, how content is recognised, which reader reads it, what a
finding's page, line and column count, and what a format says about the kind of document.

Readers, the directory walk, kind detection and every reporter read this table; none of them keeps a list
of formats of its own. Adding a format is a row here and a reader module in linter/readers/.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """What a finding's position counts in a format."""

    page: str | None  # what `page` numbers: "page" (PDF), "cell" (notebook), None when there is none
    line: str  # what `line` numbers: "line", or "paragraph" (DOCX)
    in_file: bool  # line and column point into the file as a text editor shows it

    def describe(self, page: int | None, line: int) -> str:
        """'page 2, line 7', 'cell 3, line 1', 'paragraph 12'."""
        if self.page and page:
            return f"{self.page} {page}, {self.line} {line}"
        return f"{self.line} {line}"


TEXT_LINES = Location(page=None, line="line", in_file=True)
PDF_PAGES = Location(page="page", line="line", in_file=False)  # lines within a page's extracted text
CELLS = Location(page="cell", line="line", in_file=False)  # lines within a notebook cell
PARAGRAPHS = Location(page=None, line="paragraph", in_file=False)
ELEMENTS = Location(page=None, line="line", in_file=False)  # the file line an element's text starts on


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    reader: str  # "module:function" in linter.readers: (data, path, limits, sections) -> Document
    location: Location
    magic: bytes | None = None  # how a file of this format starts (binary formats)
    data: bool = False  # structured data bounded by --max-data-size rather than --max-file-size
    lines_bounded: bool = False  # prose lines bounded by --max-line-length
    kind: str | None = None  # the document kind a file of this format always is (None: from its structure)
    laid_out: bool = False  # a page-layout format: bullets in it mean a resume
    walked: bool = True  # found in a directory walk; False: read only when named (a saved web page)
    label: str = ""

    @property
    def binary(self) -> bool:
        return self.magic is not None


FORMATS = (
    Format("txt", (".txt", ".text"), "text:read_text", TEXT_LINES, lines_bounded=True, label="plain text"),
    Format("md", (".md", ".markdown"), "markdown:read_markdown", TEXT_LINES, lines_bounded=True, label="Markdown"),
    Format("jsonl", (".jsonl",), "jsonlines:read_jsonlines", TEXT_LINES, data=True, kind="answer", label="JSON Lines"),
    Format("ipynb", (".ipynb",), "notebook:read_notebook", CELLS, data=True, kind="writeup", label="notebook"),
    Format("pdf", (".pdf",), "pdf:read_pdf", PDF_PAGES, magic=b"%PDF-", laid_out=True, label="PDF"),
    Format("docx", (".docx",), "docx:read_docx", PARAGRAPHS, magic=b"PK\x03\x04", laid_out=True, label="Word document"),
    # a saved web page: a job posting, mostly; a portfolio's site pages are not linted by a directory walk
    Format("html", (".html", ".htm"), "html:read_html", ELEMENTS, walked=False, label="HTML page"),
)
BY_NAME = {f.name: f for f in FORMATS}
BY_EXTENSION = {ext: f for f in FORMATS for ext in f.extensions}
EXTENSIONS = tuple(BY_EXTENSION)
PLAIN = BY_NAME["txt"]  # standard input, and files of unknown extension whose content is text


def by_content(head: bytes) -> Format | None:
    """The binary format whose signature `head` starts with (leading white space allowed, as PDF readers do)."""
    for fmt in FORMATS:
        if fmt.magic is not None and (head.startswith(fmt.magic) or head.lstrip().startswith(fmt.magic)):
            return fmt
    return None
