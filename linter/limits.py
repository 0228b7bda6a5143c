"""The limits every input is read under: one table, from which the Limits record, the command-line flags,
the `[tool.rolelint.limits]` keys and the README's table all come."""

from __future__ import annotations

from .records import Record

MB = 1024 * 1024

# The files that tell rolelint what to do (configuration, rule and .gitignore files) are read before any
# limit of the table is known, and no real one comes near these bounds: they are fixed, not flags.
MAX_SETTINGS_FILE = 1 * MB


class LimitSpec:
    """One limit: its config key (the flag is --key-with-hyphens), the Limits fields it sets (one size can
    bound a whole and each of its parts), its default in the unit users write, the bytes per unit (1 when
    it is not a size), its help, and whether it is a whole number (seconds may be fractional)."""

    __slots__ = ("key", "fields", "default", "unit", "scale", "help", "whole")

    def __init__(
        self, key: str, fields: tuple[str, ...], default: float, unit: str, scale: int, help: str, whole: bool = True
    ):
        self.key, self.fields, self.default, self.unit = key, fields, default, unit
        self.scale, self.help, self.whole = scale, help, whole

    @property
    def flag(self) -> str:
        return "--" + self.key.replace("_", "-")


LIMITS = (
    LimitSpec("max_file_size", ("max_bytes",), 10, "MB", MB, "Refuse files larger than this."),
    LimitSpec("max_pdf_pages", ("max_pdf_pages",), 50, "pages", 1, "Refuse PDFs with more pages than this."),
    LimitSpec(
        "max_pdf_stream",
        ("max_pdf_stream",),
        50,
        "MB",
        MB,
        "Refuse PDFs with a compressed stream that would inflate past this (checked before parsing).",
    ),
    LimitSpec(
        "max_pdf_memory",
        ("max_pdf_memory",),
        256,
        "MB",
        MB,
        "Refuse PDFs that need more memory than this to read (read in a child process held to it; Linux).",
    ),
    LimitSpec(
        "max_pdf_text",
        ("max_pdf_text",),
        500_000,
        "characters",
        1,
        "Refuse PDFs whose text layer has more characters than this (all pages together).",
    ),
    LimitSpec(
        "max_docx_size",
        ("max_docx_uncompressed", "max_docx_member"),
        100,
        "MB",
        MB,
        "Refuse DOCX files whose zip says it would inflate past this (whole and per member, declared).",
    ),
    LimitSpec(
        "max_docx_ratio",
        ("max_docx_ratio",),
        200,
        "times",
        1,
        "Refuse DOCX zip members that would inflate more than this many times.",
    ),
    LimitSpec(
        "max_data_size", ("max_data_bytes",), 50, "MB", MB, "Refuse notebooks and JSON Lines files larger than this."
    ),
    LimitSpec(
        "max_line_length",
        ("max_line_length",),
        20_000,
        "characters",
        1,
        "Refuse text and Markdown with a line longer than this many characters.",
    ),
    LimitSpec(
        "max_answer_length",
        ("max_answer_length",),
        100_000,
        "characters",
        1,
        "Skip (and report) a JSON Lines line or a notebook cell longer than this many characters; the rest of "
        "the file is linted.",
    ),
    LimitSpec(
        "max_text_length",
        ("max_text_length",),
        1_000_000,
        "characters",
        1,
        "Refuse a document whose text is longer than this many characters in all (its parse takes about "
        "100 bytes of memory per character).",
    ),
    LimitSpec(
        "max_glob_patterns",
        ("max_glob_patterns",),
        5_000,
        "patterns",
        1,
        "Refuse a .gitignore file, or an include, exclude or kinds list, with more patterns than this.",
    ),
    LimitSpec(
        "timeout",
        ("timeout",),
        30,
        "seconds",
        1,
        "Skip (and report) a file that takes longer than this to read and lint; the job description has as long.",
        whole=False,
    ),
)
LIMIT_KEYS = {spec.key: spec for spec in LIMITS}


def _default(name: str):
    spec = next(spec for spec in LIMITS if name in spec.fields)
    return spec.default * spec.scale


class Limits(Record):
    """The limits one run reads its inputs under, in bytes, pages, characters and seconds."""

    max_bytes: int = _default("max_bytes")
    max_pdf_pages: int = _default("max_pdf_pages")
    # A PDF stream is stored compressed: a 1 MB file can hold a page that inflates to gigabytes.
    max_pdf_stream: int = _default("max_pdf_stream")
    # What a PDF library may build beyond that: a stream the pre-check cannot see, or a drawing that repeats.
    max_pdf_memory: int = _default("max_pdf_memory")
    max_pdf_text: int = _default("max_pdf_text")  # characters: 50 pages of 10,000, a form drawn 10**7 times far more
    # DOCX is a zip: refuse before inflating anything if the declared sizes say it would be huge.
    max_docx_uncompressed: int = _default("max_docx_uncompressed")
    max_docx_member: int = 50 * MB  # one member: half the whole by default (--max-docx-size sets both)
    max_docx_ratio: int = _default("max_docx_ratio")
    # Notebooks carry their outputs (plots as base64), and JSON Lines files can hold many answers.
    max_data_bytes: int = _default("max_data_bytes")
    max_line_length: int = _default("max_line_length")  # characters; minified or generated text, not prose
    # One answer or cell is parsed as one text: its cost grows with its length (45 MB took 4 GB).
    max_answer_length: int = _default("max_answer_length")
    # The whole text is parsed at once: a 10 MB file of ordinary prose would take a gigabyte.
    max_text_length: int = _default("max_text_length")
    # Patterns are compiled into one regular expression per list, at about 0.15 ms a pattern.
    max_glob_patterns: int = _default("max_glob_patterns")
    timeout: float = float(_default("timeout"))  # seconds to read and lint one file


def limit_values(spec: LimitSpec, value) -> dict:
    """The Limits fields a user's value for `spec` sets, in the record's own units."""
    scaled = value * spec.scale
    return {name: scaled for name in spec.fields}


def readme_table() -> str:
    """The README's table of limits (a test keeps the README in step)."""
    rows = ["| flag | config key | default | what it bounds |", "|---|---|---|---|"]
    for spec in LIMITS:
        metavar = "MB" if spec.unit == "MB" else "SECONDS" if spec.unit == "seconds" else "N"
        default = f"{spec.default:,}" if float(spec.default).is_integer() else f"{spec.default:g}"
        rows.append(f"| `{spec.flag} {metavar}` | `{spec.key}` | {default} | {spec.help} |")
    return "\n".join(rows)


assert set(Limits._fields) == {name for spec in LIMITS for name in spec.fields}, "limits table"
