"""length: a unit longer than `max_words` words or, in a laid-out document (PDF) when `max_lines` is set,
a unit that spans more than `max_lines` printed lines and has at least `min_words` words (a narrow column
wraps a short bullet onto three lines)."""

from ..schema import KindSchema, Number
from .base import unit_hit, words_in

SCHEMA = KindSchema(
    required={"max_words": Number(1, 10000, whole=True)},
    optional={"max_lines": Number(1, 1000, whole=True), "min_words": Number(1, 10000, whole=True)},
)


def evaluate(rule, context):
    limit = rule.params["max_words"]
    max_lines, min_words = rule.params.get("max_lines"), rule.params.get("min_words", 1)
    location = context.document.location
    laid_out = max_lines is not None and location is not None and location.page == "page"
    for block, unit in context.units(rule):
        words = words_in(unit)
        if laid_out:
            lines = _printed_lines(block, unit.start_char, unit.end_char)
            if lines > max_lines and words >= min_words:
                size, most = f"{lines} printed lines", f"{max_lines} printed lines"
                yield unit_hit(block, unit, words=words, max_words=limit, size=size, limit=most)
            continue
        if words > limit:
            yield unit_hit(block, unit, words=words, max_words=limit, size=f"{words} words", limit=f"{limit} words")


def _printed_lines(block, start: int, end: int) -> int:
    """How many source lines (for a PDF, printed lines of a page) characters start:end of the block span."""
    return len({(s.page, s.line) for s in block.segments if s.offset < end and s.offset + s.length > start})
