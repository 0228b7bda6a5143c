"""HTML (.html, .htm): a page saved from a browser, mostly a job posting. Python's own html.parser reads
it; scripts, styles, templates, forms, navigation, headers, footers and asides (a site's chrome, not the
posting) are dropped. Each heading, list item, paragraph or table cell becomes one standalone source line
that keeps the line of the file it starts on; list items are bullets and h1-h6 are headings, as the page
marks them. The parser is incremental and keeps no tree, so a deeply nested or unclosed page costs no more
than its size."""

from __future__ import annotations

from html.parser import HTMLParser

from ..document import BULLET, HEADING, Document, Note
from ..limits import Limits
from ..problems import ENCODING_FALLBACK
from ..sections import Vocabulary
from .base import decode_text
from .structure import SourceLine, build_blocks

# elements whose text is no part of the posting
_SKIPPED = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "svg",
    "select",
    "button",
    "iframe",
    "object",
    "head",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# elements that end one line of text and start another
_BREAKS = _HEADINGS | {
    "p",
    "li",
    "div",
    "section",
    "article",
    "main",
    "td",
    "th",
    "tr",
    "dt",
    "dd",
    "br",
    "hr",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "table",
    "body",
    "title",
}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Lines(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[SourceLine] = []
        self._text: list[str] = []
        self._line = 1
        self._hint: str | None = None
        self._skipping: list[str] = []  # open skipped elements, innermost last
        self._open: list[str] = []  # open heading and list-item elements, for the hint of their text

    def handle_starttag(self, tag, attrs):
        if self._skipping:
            if tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag in _SKIPPED or dict(attrs).get("aria-hidden") == "true" or "hidden" in dict(attrs):
            self._flush()
            if tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag in _BREAKS:
            self._flush()
            if tag in _HEADINGS or tag == "li":
                self._open.append(tag)
                self._hint = HEADING if tag in _HEADINGS else BULLET

    def handle_endtag(self, tag):
        if self._skipping:
            # an end tag closes the innermost open element of its name; stray ones are ignored
            if tag in self._skipping:
                while self._skipping and self._skipping.pop() != tag:
                    pass
            return
        if tag in _BREAKS:
            self._flush()
            if tag in self._open:
                while self._open and self._open.pop() != tag:
                    pass

    def handle_data(self, data):
        if self._skipping or not data.strip():
            return
        if not self._text:
            self._line = self.getpos()[0]
            if self._hint is None and self._open:
                self._hint = HEADING if self._open[-1] in _HEADINGS else BULLET
        self._text.append(data)

    def _flush(self) -> None:
        text = " ".join(" ".join(self._text).split())
        if text:
            heading = next((tag for tag in reversed(self._open) if tag in _HEADINGS), None)
            level = int(heading[1]) if self._hint == HEADING and heading else None
            self.lines.append(SourceLine(text, self._line, hint=self._hint, standalone=True, level=level))
        self._text, self._hint = [], None


def read_html(data: bytes, path: str, limits: Limits, sections: Vocabulary) -> Document:
    decoded = decode_text(data)
    parser = _Lines()
    parser.feed(decoded.text)
    parser.close()
    parser._flush()
    doc = Document(path, "html", build_blocks(parser.lines, sections))
    if decoded.note:
        doc.notes.append(Note(ENCODING_FALLBACK, decoded.note))
    return doc
