"""Readers and resume structure: headings, bullets, wrapping, Markdown scoping, positions."""

import io

import docx
import pytest

from linter.document import BULLET, CODE, HEADING, PARAGRAPH
from linter.readers import read_bytes
from linter.readers.structure import SourceLine, build_blocks
from linter.sections import builtin_vocabulary


def blocks(text, fmt="txt"):
    return read_bytes(text.encode(), "x", fmt).blocks


@pytest.mark.parametrize(
    "heading",
    [
        "Experience",
        "EXPERIENCE",
        "experience:",
        "Work History",
        "WORK EXPERIENCE:",
        "Professional Experience",
        "Employment History",
    ],
)
def test_experience_heading_variants(heading):
    result = blocks(f"{heading}\n- Built a churn model.\n")
    assert result[0].type == HEADING and result[0].section == "experience"
    assert result[1].type == BULLET and result[1].section == "experience"


@pytest.mark.parametrize(
    "heading,section",
    [
        ("Skills", "skills"),
        ("Technical Skills:", "skills"),
        ("PROJECTS", "projects"),
        ("Education", "education"),
        ("Professional Summary", "summary"),
        ("Tools & Technologies", "skills"),
    ],
)
def test_other_section_variants(heading, section):
    assert blocks(f"{heading}\n- Python\n")[1].section == section


@pytest.mark.parametrize("marker", ["•", "-", "*", "–", "1.", "2)", "(cid:127)", "●", "▪", "\uf0b7"])
def test_bullet_markers(marker):
    [_, bullet] = blocks(f"Experience\n{marker} Built a churn model.\n")
    assert bullet.type == BULLET and bullet.text == "Built a churn model."
    assert bullet.start.column == len(marker) + 2


def test_wrapped_bullet_is_one_bullet_with_positions_on_both_lines():
    text = "Experience\n- Worked on dashboards for managers and\n  regional directors.\n- Next one.\n"
    _, first, second = blocks(text)
    assert first.text == "Worked on dashboards for managers and regional directors."
    offset = first.text.index("regional")
    assert (first.position(offset).line, first.position(offset).column) == (3, 3)
    assert second.text == "Next one."


def test_line_after_bullet_at_margin_is_a_new_paragraph():
    text = "Experience\n- Built a churn model used by 3 teams.\nAcme Corp, Data Scientist, 2020-2022\n- Next.\n"
    types = [b.type for b in blocks(text)]
    assert types == [HEADING, BULLET, PARAGRAPH, BULLET]


def test_pdf_hanging_indent_continues_bullet():
    lines = [
        SourceLine("• Reduced costs of the pipeline for", 1, 1, 0.0),
        SourceLine("Marketing analytics.", 2, 1, 2.4),
        SourceLine("Acme Corp", 3, 1, 0.0),
    ]
    result = build_blocks(lines, builtin_vocabulary())
    assert result[0].text == "Reduced costs of the pipeline for Marketing analytics."
    assert result[1].type == PARAGRAPH


def test_caps_name_line_is_a_heading_but_acronyms_are_not():
    result = blocks("JORDAN EXAMPLE\nSQL\n")
    assert result[0].type == HEADING
    assert result[1].type == PARAGRAPH


def test_markdown_code_inline_code_urls_and_comments_are_not_prose():
    text = (
        "## Experience\n\n- Improved `latency` see https://example.com/x <!-- note -->\n\n"
        "```python\nimproved = 1\n```\n"
    )
    result = blocks(text, "md")
    bullet = next(b for b in result if b.type == BULLET)
    assert "latency" not in bullet.text and "example.com" not in bullet.text and "note" not in bullet.text
    assert bullet.text.startswith("Improved")
    assert any(b.type == CODE for b in result)


def test_markdown_columns_survive_blanking():
    [_, bullet] = blocks("## Experience\n- `x` Improved it\n", "md")
    offset = bullet.text.index("Improved")
    assert bullet.position(offset).column == 7  # "- `x` Improved it": I is the 7th character


def test_docx_styles_make_headings_and_bullets(tmp_path):
    document = docx.Document()
    document.add_heading("Experience", level=1)
    document.add_paragraph("Built a churn model.", style="List Bullet")
    document.add_paragraph("Acme Corp")
    buffer = io.BytesIO()
    document.save(buffer)
    result = read_bytes(buffer.getvalue(), "x.docx", "docx").blocks
    assert [(b.type, b.text, b.start.line) for b in result] == [
        (HEADING, "Experience", 1),
        (BULLET, "Built a churn model.", 2),
        (PARAGRAPH, "Acme Corp", 3),
    ]


def test_non_utf8_text_is_read_with_a_note():
    document = read_bytes("Experience\n- Café model\n".encode("cp1252"), "x.txt", "txt")
    assert document.blocks[1].text == "Café model"
    assert document.notes and document.notes[0].problem == "encoding-fallback"


def test_lemmas_of_capitalised_words():
    from linter.nlp import get_nlp

    doc = get_nlp()("Improved Reduced Worked AWS")
    assert [t.lemma_ for t in doc] == ["improve", "reduce", "work", "aws"]


def test_lemma_fixes_for_common_resume_verbs():
    from linter.nlp import get_nlp

    assert [t.lemma_ for t in get_nlp()("Developed developing")] == ["develop", "develop"]
