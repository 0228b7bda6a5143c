"""Structure of resumes as people really write them (issue 13): loose headings, unbulleted accomplishment
lines, skills laid out as tables or lists, DOCX experience in tables and bold headings, kind detection and
the reason given for it. Every text here is made up for the test."""

import io
import json

import docx
import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.detect import detect_kind_reason
from linter.document import BULLET, HEADING
from linter.readers import read_bytes
from linter.readers.structure import is_list_line, reads_as_accomplishment
from linter.sections import builtin_vocabulary


def blocks_of(text: str, name: str = "r.txt", fmt: str = "txt"):
    return read_bytes(text.encode(), name, fmt).blocks


def run(*args):
    return CliRunner().invoke(main, ["check", "--no-config", *args])


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("WORKING EXPERIENCE", "experience"),
        ("Relevant Skills", "skills"),
        ("TECHNCIAL SKILLS", "skills"),  # two letters swapped
        ("Experiance", "experience"),  # one letter changed
        ("Skils", None),  # too short a word to be corrected
        ("Education Details", "education"),
        ("Company Details", "experience"),
        ("Skill Details", "skills"),
        ("Project Details", "projects"),
        ("Core Competencies:", "skills"),
        ("Deep Learning Projects", "projects"),
        ("Languages and Tools", "skills"),
        ("Awards & Honours", "awards"),
        ("My Journey", "experience"),
        ("Senior Data Scientist at Northwind", None),
        ("Built a model that scored leads.", None),
        ("Kubernetes, Terraform, Helm", None),
    ],
)
def test_loose_headings(heading, section):
    assert builtin_vocabulary().canonical(heading) == section


def test_subheading_inside_experience_keeps_the_section():
    text = (
        "WORK HISTORY\n\nAnalyst, Harbour Logistics (2018 - 2021)\nKey Responsibilities:\n"
        "Reconciled the weekly freight invoices against the carrier contracts\n"
    )
    blocks = blocks_of(text)
    sub = [b for b in blocks if b.type == HEADING and b.text == "Key Responsibilities"]
    assert sub and sub[0].section == "experience"
    [bullet] = [b for b in blocks if b.type == BULLET]
    assert bullet.section == "experience" and bullet.start.line == 5


PLAIN = """Riley Moss
riley.moss@example.org

EXPERIENCE
Data Analyst, Lakeside Insurance
Jan 2020 - Present
Helped with the quarterly claims forecast for the finance team
Built a lapse model that flagged the policies most likely to cancel
Team of four analysts

Machine Learning Intern | Orbit Labs | 2019
Worked on cleaning the sensor readings before each
training run of the anomaly detector

EDUCATION
BSc Mathematics, 2015 - 2019
"""


def test_plain_text_accomplishment_lines_are_bullets_and_titles_are_not():
    blocks = blocks_of(PLAIN)
    bullets = [b for b in blocks if b.type == BULLET]
    assert [(b.start.line, b.start.column) for b in bullets] == [(7, 1), (8, 1), (12, 1)]
    assert all(b.section == "experience" for b in bullets)
    assert bullets[2].text.endswith("training run of the anomaly detector")  # the wrapped line joins it
    texts = {b.text for b in bullets}
    for title in ("Data Analyst, Lakeside Insurance", "Jan 2020 - Present", "Team of four analysts"):
        assert title not in texts


def test_plain_text_resume_is_detected():
    doc = read_bytes(PLAIN.encode(), "cv.txt", "txt")
    kind, reason = detect_kind_reason(doc)
    assert kind == "resume"
    assert "Experience and Education sections" in reason and "contact details" in reason


def test_plain_text_resume_findings(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text(PLAIN)
    result = run("--role", "ds", "--format", "json", str(path))
    data = json.loads(result.output)
    [file] = data["files"]
    codes = {(f["code"], f["line"]) for f in file["findings"]}
    assert ("RL103", 7) in codes and ("RL103", 12) in codes
    assert not any(line in (5, 6, 9) for _, line in codes)  # the title, the dates, a short line


def test_multi_sentence_experience_paragraph_is_judged_per_sentence():
    text = (
        "Experience\n\nOperations Analyst, Granite Freight\n"
        "Ran the nightly route optimisation. Improved the dispatch process for the depot\n"
        "managers. Presented the findings to the regional leads.\n"
    )
    bullets = [b for b in blocks_of(text) if b.type == BULLET]
    assert [b.text for b in bullets] == [
        "Ran the nightly route optimisation.",
        "Improved the dispatch process for the depot managers.",
        "Presented the findings to the regional leads.",
    ]
    assert [(b.start.line, b.start.column) for b in bullets] == [(4, 1), (4, 37), (5, 11)]


MY_JOURNEY = """# Sam Okafor

sam.okafor@example.com · github.com/samokafor

## My Journey

### Data Scientist, Bright Grocers (2021 - 2024)

Worked on the promotion uplift analysis for the category managers.

### Analyst, Tidewater Bank (2018 - 2021)

Designed the branch staffing model used by the regional directors.
"""


def test_my_journey_resume_is_a_resume():
    doc = read_bytes(MY_JOURNEY.encode(), "about.md", "md")
    kind, reason = detect_kind_reason(doc)
    assert kind == "resume", reason
    bullets = [b for b in doc.blocks if b.type == BULLET]
    assert [b.start.line for b in bullets] == [9, 13]


def test_unusual_first_heading_with_contact_and_dates_is_a_resume():
    text = (
        "Where I have been\n\nalex.rowe@example.net\n\nPlatform Engineer, Cedar Health, 2020 - 2023\n"
        "Ran the model serving cluster.\n\nResearch Assistant, Elm University, 2017 - 2020\n"
    )
    kind, reason = detect_kind_reason(read_bytes(text.encode(), "x.txt", "txt"))
    assert kind == "resume" and "contact details" in reason and "2 date ranges" in reason


def test_writeup_with_bullets_and_an_overview_heading_stays_a_writeup():
    text = (
        "# Warehouse demand study\n\n## Overview\n\nWe forecast weekly demand per store.\n\n## Methods\n\n"
        "- Fitted a seasonal baseline.\n- Compared it with gradient boosting.\n\n## Results\n\n"
        "- The boosted model cut the error by a fifth.\n\n## Conclusion\n\nShip the baseline first.\n"
    )
    kind, reason = detect_kind_reason(read_bytes(text.encode(), "study.md", "md"))
    assert kind == "writeup" and "'Methods'" in reason


def test_writeup_with_a_bold_pseudo_heading_is_a_writeup():
    text = (
        "**Authors**: Two Students\n\n**Conclusions**\n\nThe survival curves differ by region.\n\n"
        "Older cohorts carry most of the risk.\n\nA simpler model explains nearly as much.\n"
    )
    kind, _ = detect_kind_reason(read_bytes(text.encode(), "report.md", "md"))
    assert kind == "writeup"


def test_skills_table_under_a_misspelt_heading_is_not_experience():
    text = (
        "Experience\n- Built the invoice matching service for the finance team.\n\n"
        "TECHNICLA SKILS\nPython\t3.11\t2024\nSQL\t-\t2024\nSpark\t3.4\t2023\n"
    )
    blocks = blocks_of(text)
    assert all(b.section == "skills" for b in blocks if b.start.line >= 4)
    assert not [b for b in blocks if b.type == BULLET and b.start.line >= 4]


def test_unknown_heading_over_list_lines_is_a_skills_section():
    text = (
        "Experience\n- Built the invoice matching service for the finance team.\n\n"
        "TOOLBOX AND STACK\n- Languages: Python, Go, SQL\n- Platforms: AWS, Kubernetes, Airflow\n"
        "- Practices: testing, code review, on-call\n"
    )
    blocks = blocks_of(text)
    assert {b.section for b in blocks if b.start.line >= 4} == {"skills"}


def test_skills_lines_inside_experience_are_not_promoted():
    for line in (
        "Languages: Python, SQL, Scala",
        "Tools used: Airflow, dbt",
        "Pandas, NumPy, scikit-learn, Matplotlib, Seaborn",
        "TensorFlow\t2.1\t2020\t2 years",
    ):
        assert is_list_line(line), line
        assert not reads_as_accomplishment(line), line


@pytest.mark.parametrize(
    "line",
    [
        "Senior Machine Learning Engineer, Northwind Traders",
        "Harbour Logistics as Senior Data Analyst",
        "Data Engineer - Pine Analytics - Oslo",
        "March 2019 to June 2021",
        "Client: Regional Water Board",
        "Project Title: Demand Forecasting for Retail",
    ],
)
def test_title_company_date_and_label_lines_are_not_accomplishments(line):
    assert not reads_as_accomplishment(line)


@pytest.mark.parametrize(
    "line",
    [
        "Automated the monthly revenue reconciliation for the controllers",
        "Reduced the cold-start time of the scoring service.",
        "Migrated the feature store from Hive to Delta Lake with the platform team",
    ],
)
def test_accomplishment_lines(line):
    assert reads_as_accomplishment(line)


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_experience_in_a_table_with_bold_headings():
    def build(d):
        d.add_paragraph("Morgan Lee")  # 1
        d.add_paragraph().add_run("Professional Experience").bold = True  # 2
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "Data Scientist, Coral Retail"  # 3
        table.cell(0, 1).text = "2021 - Present"  # 4
        cell = table.cell(1, 0)
        cell.text = "Worked on the markdown pricing experiments for the buyers"  # 5
        cell.add_paragraph("Built the weekly demand forecast used by store planners")  # 6
        table.cell(1, 1).text = "Remote"  # 7
        d.add_paragraph().add_run("EDUCATION").bold = True  # 8
        d.add_paragraph("MSc Statistics, Fjord University")  # 9

    doc = read_bytes(_docx(build), "cv.docx", "docx")
    headings = [(b.text, b.section, b.start.line) for b in doc.blocks if b.type == HEADING]
    assert headings == [("Professional Experience", "experience", 2), ("EDUCATION", "education", 8)]
    bullets = [(b.start.line, b.start.column, b.section) for b in doc.blocks if b.type == BULLET]
    assert bullets == [(5, 1, "experience"), (6, 1, "experience")]
    kind, reason = detect_kind_reason(doc)
    assert kind == "resume" and "2 bullets" in reason


def test_docx_bold_sentence_is_not_a_heading_and_a_broken_paragraph_continues():
    def build(d):
        d.add_paragraph().add_run("Experience").bold = True  # 1
        d.add_paragraph().add_run("Shipped the fraud rules engine on time.").bold = True  # 2
        d.add_paragraph("Designed the alerting pipeline that watches the payment")  # 3
        d.add_paragraph("gateway for failed settlements")  # 4

    doc = read_bytes(_docx(build), "cv.docx", "docx")
    assert [b.text for b in doc.blocks if b.type == HEADING] == ["Experience"]
    bullets = [b for b in doc.blocks if b.type == BULLET]
    assert [b.start.line for b in bullets] == [2, 3]
    assert bullets[1].text.endswith("payment gateway for failed settlements")
    assert bullets[1].position(len(bullets[1].text) - 1).line == 4


def test_kind_and_reason_in_text_and_json(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_text(PLAIN)
    text = run("--role", "ds", str(path)).output
    assert "Kind: resume (auto: Experience and Education sections, 3 bullets, contact details" in text
    data = json.loads(run("--role", "ds", "--format", "json", str(path)).output)
    assert data["files"][0]["kind"] == "resume"
    assert data["files"][0]["kind_reason"].startswith("auto: Experience and Education sections")
    given = json.loads(run("--role", "ds", "--kind", "resume", "--format", "json", str(path)).output)
    assert given["files"][0]["kind_reason"] == "given by --kind"
    assert "Kind: resume (given by --kind)" in run("--role", "ds", "--kind", "resume", str(path)).output


def test_a_clean_file_says_its_kind_with_its_name_when_verbose(tmp_path):
    path = tmp_path / "answers.jsonl"
    path.write_text(
        '{"question": "What is a p-value?", "answer": "The chance of data this extreme if the null holds."}\n'
    )
    assert f"{path}: Kind" not in run("--role", "ds", str(path)).output  # quiet by default
    verbose = run("--role", "ds", "--verbose", str(path)).output
    assert f"{path}: Kind: answer (auto: 1 question with answers)" in verbose


def test_kind_from_the_kinds_setting_says_so(tmp_path):
    (tmp_path / ".rolelint.toml").write_text('kinds = { "notes/*.txt" = "answer" }\n')
    (tmp_path / "notes").mkdir()
    path = tmp_path / "notes" / "a.txt"
    path.write_text("I would first ask how the labels are collected and how late they arrive.\n")
    result = CliRunner().invoke(main, ["check", "--format", "json", "--role", "ds", str(path)])
    [file] = json.loads(result.output)["files"]
    assert file["kind"] == "answer"
    assert file["kind_reason"] == "given by the kinds setting 'notes/*.txt'"


def test_pasted_profile_labels_and_mangled_bullets():
    text = (
        "Company Details\ncompany - Lumen Analytics\n"
        "description - Built the churn scoring service for the retention team.\n"
        "Key Responsibilities: Worked on the feature pipeline for the pricing model\n"
        "â€¢ Helped with the migration to the new warehouse\n"
        "Client: Lumen Analytics internal platform group\n"
    )
    blocks = blocks_of(text)
    bullets = [(b.text, b.start.line, b.start.column, b.section) for b in blocks if b.type == BULLET]
    assert bullets == [
        ("Built the churn scoring service for the retention team.", 3, 15, "experience"),
        ("Worked on the feature pipeline for the pricing model", 4, 23, "experience"),
        ("Helped with the migration to the new warehouse", 5, 5, "experience"),
    ]


def test_docx_heading_in_a_table_cell():
    def build(d):
        table = d.add_table(rows=2, cols=1)
        table.cell(0, 0).text = "TECHNICAL SKILLS"
        table.cell(1, 0).text = "Python, SQL, dbt, Looker"
        d.add_paragraph("Work History:")
        d.add_paragraph("Designed the warehouse cost dashboard for the finance leads")

    doc = read_bytes(_docx(build), "cv.docx", "docx")
    assert [(b.text, b.section) for b in doc.blocks if b.type == HEADING] == [
        ("TECHNICAL SKILLS", "skills"),
        ("Work History", "experience"),
    ]
    assert [(b.start.line, b.section) for b in doc.blocks if b.type == BULLET] == [(4, "experience")]


def test_bold_question_label_in_markdown_is_not_a_heading():
    text = (
        "**Question 1**\n\nHow would you size the holdout?\n\n**Answer**\n\nFrom the smallest effect worth acting on.\n"
    )
    assert not [b for b in blocks_of(text, "a.md", "md") if b.type == HEADING]


def test_bullets_pasted_onto_one_line_are_split():
    text = "Experience\n• Built the quote pricing model • Helped with the data audit  • Ran the weekly review\n"
    bullets = [b for b in blocks_of(text) if b.type == BULLET]
    assert [(b.text, b.start.column) for b in bullets] == [
        ("Built the quote pricing model", 3),
        ("Helped with the data audit", 35),
        ("Ran the weekly review", 65),
    ]
    line = text.split("\n")[1]
    assert all(line[b.start.column - 1 :].startswith(b.text) for b in bullets)
