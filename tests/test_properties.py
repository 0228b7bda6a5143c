"""Property-based tests of the text pipeline: whatever the text, no exception, and every finding's position
lies inside the document and reads back as the words it names."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.api import make_options
from linter.engine import Engine
from linter.readers import ReadError, read_bytes

ENGINE = Engine(make_options(role="mle", warn_unused_suppressions=True))
INPUT_CODES = ENGINE.ruleset.protected_codes
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.sampled_from(
    [
        "Improved",
        "reduced",
        "XGBoost",
        "accuracy",
        "SMOTE",
        "responsible for",
        "I",
        "the",
        "model",
        "deployed",
        "latency",
        "40%",
        "Q:",
        "A:",
        "significantly",
        "several",
        "-",
        "•",
        "(cid:127)",
        "`code`",
        "https://example.com/x",
        "<!-- rolelint: disable -->",
        "**bold**",
        "é",
        "你好",
        "\u200b",
        "\t",
        "ﬁ",
    ]
)
LINE = st.lists(WORDS | st.text(max_size=12), max_size=14).map(" ".join)
PREFIX = st.sampled_from(
    ["", "- ", "* ", "  - ", "1. ", "> ", "> > > ", "## ", "Experience", "Q: ", "A: ", "```", "    ", "\t- "]
)
DOCUMENT = st.lists(st.tuples(PREFIX, LINE).map("".join), min_size=1, max_size=40).map("\n".join)


def _check(text: str, fmt: str) -> None:
    try:
        document = read_bytes(text.encode("utf-8", "surrogatepass"), f"x.{fmt}", fmt)
    except ReadError:
        return
    except UnicodeEncodeError:
        return
    result = ENGINE.lint_document(f"x.{fmt}", document)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for f in result.findings:
        assert 1 <= f.line <= f.end_line <= len(lines), (f.code, f.line, f.end_line, len(lines))
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, (f.code, f.line, f.column)
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, (f.code, f.end_line, f.end_column)
        if f.line == f.end_line and f.matched and "\n" not in f.matched and f.code not in INPUT_CODES:
            # Markdown that is not prose (inline code, URLs) reaches the rules blanked out with spaces of the
            # same length, so the match lines up with the source character for character.
            source = lines[f.line - 1][f.column - 1 : f.end_column - 1]
            assert len(source) == len(f.matched), (f.code, f.matched, source)
            assert all(m in (s, " ") for m, s in zip(f.matched, source)), (f.code, f.matched, source)


@SETTINGS
@given(st.text())
def test_arbitrary_unicode(text):
    _check(text, "md")
    _check(text, "txt")


@SETTINGS
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from(string.printable)))
def test_control_characters(text):
    _check(text, "txt")


@SETTINGS
@given(DOCUMENT)
def test_structured_markdown_and_text(text):
    _check(text, "md")
    _check(text, "txt")


@SETTINGS
@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["a", "Improved", "x" * 200]))
def test_long_tokens_and_lines(repeat, token):
    _check("Experience\n- " + (token + " ") * min(repeat, 3000) + "\n", "txt")
    _check(token * repeat, "md")


@SETTINGS
@given(st.integers(min_value=1, max_value=60))
def test_deep_nesting(depth):
    lists = "\n".join("  " * i + "- Improved level " + str(i) for i in range(depth))
    quotes = "\n".join("> " * i + "Improved quote " + str(i) for i in range(1, depth + 1))
    _check("## Experience\n\n" + lists + "\n\n" + quotes + "\n", "md")


def test_thousands_of_bullets():
    text = "Experience\n" + "".join(f"- Improved thing {i} for the team.\n" for i in range(5000))
    _check(text, "txt")
