"""The job match: postings written for the tests (tests/job_cases.yaml), rendered as text, Markdown, HTML,
PDF and DOCX, give the requirement lists a careful reader extracts; resumes match them with evidence
lines; the reports show the match; a posting that cannot be read costs only its own match."""

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import linter
from linter.cli import main
from linter.postings import read_posting
from linter.readers import read_path
from linter.ruleset import load_ruleset

CASES = yaml.safe_load((Path(__file__).parent / "job_cases.yaml").read_text(encoding="utf-8"))
POSTINGS = {p["id"]: p for p in CASES["postings"]}
FORMATS = ("txt", "md", "html", "pdf", "docx")


def _render(posting: dict, fmt: str, folder: Path) -> Path:
    path = folder / f"{posting['id']}.{fmt}"
    sections = posting["sections"]
    if fmt in ("txt", "md"):
        out = [("# " if fmt == "md" else "") + posting["title"], ""]
        for section in sections:
            out += [("## " if fmt == "md" else "") + section["heading"] + ("" if fmt == "md" else ":"), ""]
            out += [*section.get("paragraphs", []), *(f"- {b}" for b in section.get("bullets", [])), ""]
        path.write_text("\n".join(out), encoding="utf-8")
    elif fmt == "html":
        out = ["<html><head><title>Jobs</title><script>var x = 'Java';</script></head><body>", "<nav>Home</nav>"]
        out.append(f"<h1>{posting['title']}</h1>")
        for section in sections:
            out.append(f"<h2>{section['heading']}</h2>")
            out += [f"<p>{p}</p>" for p in section.get("paragraphs", [])]
            if section.get("bullets"):
                out.append("<ul>" + "".join(f"<li>{b}</li>" for b in section["bullets"]) + "</ul>")
        out.append("<footer>Careers home</footer></body></html>")
        path.write_text("\n".join(out), encoding="utf-8")
    elif fmt == "docx":
        import docx

        document = docx.Document()
        document.add_heading(posting["title"], 0)
        for section in sections:
            document.add_heading(section["heading"], level=1)
            for paragraph in section.get("paragraphs", []):
                document.add_paragraph(paragraph)
            for bullet in section.get("bullets", []):
                document.add_paragraph(bullet, style="List Bullet")
        document.save(str(path))
    else:
        from reportlab.lib.pagesizes import LETTER
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph, SimpleDocTemplate

        body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
        bullet = ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=2)
        heading = ParagraphStyle(
            "heading", parent=body, fontName="Helvetica-Bold", fontSize=12, leading=16, spaceBefore=8
        )
        story = [Paragraph(posting["title"], ParagraphStyle("title", parent=heading, fontSize=16, leading=20))]
        for section in sections:
            story.append(Paragraph(section["heading"], heading))
            story += [Paragraph(p, body) for p in section.get("paragraphs", [])]
            story += [Paragraph(b, bullet, bulletText="•") for b in section.get("bullets", [])]
        SimpleDocTemplate(str(path), pagesize=LETTER, invariant=1).build(story)
    return path


def _posting(path: Path):
    ruleset = load_ruleset()
    return read_posting(read_path(str(path), markdown_text=True), ruleset.taxonomy, ruleset.postings)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES["postings"], ids=[c["id"] for c in CASES["postings"]])
def test_a_written_posting_gives_its_requirement_list_in_every_format(tmp_path, case, fmt):
    posting = _posting(_render(case, fmt, tmp_path))
    assert sorted(r.name for r in posting.of_kind("required")) == sorted(case["required"]), fmt
    assert sorted(r.name for r in posting.of_kind("preferred")) == sorted(case.get("preferred", [])), fmt
    assert posting.years == case.get("years") and posting.degree == case.get("degree")
    assert posting.title == case["title"]


def test_a_requirement_knows_the_posting_line_it_comes_from(tmp_path):
    path = _render(POSTINGS["mle-serving"], "md", tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for requirement in _posting(path).requirements:
        assert requirement.name.split()[0].lower() in lines[requirement.line - 1].lower(), requirement


def test_a_tool_the_taxonomy_lacks_is_still_a_requirement_marked_as_such(tmp_path):
    path = tmp_path / "posting.md"
    path.write_text(
        "# Data Engineer\n\n## Requirements\n\n- Python, SQL, Airbyte and Quux\n- Experience with DataHubCloud\n"
    )
    found = {r.name: r.known for r in _posting(path).requirements}
    assert found == {"Python": True, "SQL": True, "Airbyte": False, "Quux": False, "DataHubCloud": False}


def test_responsibilities_are_not_requirements_but_asking_sentences_are(tmp_path):
    path = tmp_path / "posting.md"
    path.write_text(
        "# ML Engineer\n\n## Responsibilities\n\n- Build services in Go and Kafka\n\n"
        "## About you\n\nYou have shipped PyTorch models. Kafka is a plus.\n",
        encoding="utf-8",
    )
    posting = _posting(path)
    assert [(r.name, r.kind) for r in posting.requirements] == [("PyTorch", "required"), ("Apache Kafka", "preferred")]


def test_sub_headings_under_a_requirements_heading_stay_requirements(tmp_path):
    path = tmp_path / "posting.md"
    path.write_text(
        "# Data Scientist\n\n### Required skills\n\n#### Analysis\n\nYou build regression models in R.\n\n"
        "### Our office\n\nWe use Tableau for reporting.\n\n"
        "#### Skills needed\n\n##### Tools\n\nYou write SQL daily.\n",
        encoding="utf-8",
    )
    found = [(r.name, r.kind, r.line) for r in _posting(path).requirements]
    assert found == [("R", "required", 7), ("Regression analysis", "required", 7), ("SQL", "required", 17)]


def test_heading_levels_come_from_html_and_docx_as_well(tmp_path):
    html = tmp_path / "posting.html"
    html.write_text(
        "<h1>ML Engineer</h1><h2>Requirements</h2><h3>Serving</h3><p>You run Kubernetes clusters.</p>"
        "<h2>Benefits</h2><h3>Gym</h3><p>We pay for Python courses.</p>",
        encoding="utf-8",
    )
    assert [r.name for r in _posting(html).requirements] == ["Kubernetes"]
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("ML Engineer", level=1)
    document.add_heading("Requirements", level=2)
    document.add_heading("Serving", level=3)
    document.add_paragraph("You run Kubernetes clusters.")
    document.add_heading("Benefits", level=2)
    document.add_heading("Gym", level=3)
    document.add_paragraph("We pay for Python courses.")
    document.save(tmp_path / "posting.docx")
    assert [r.name for r in _posting(tmp_path / "posting.docx").requirements] == ["Kubernetes"]


def test_a_degree_s_fields_of_study_are_not_skills(tmp_path):
    path = tmp_path / "posting.md"
    path.write_text(
        "# Data Scientist\n\n## Requirements\n\n- A degree in Statistics, Data Science or a related field\n"
        "- A BSc in Physics and 3 years of experience with Python\n- Strong statistics\n",
        encoding="utf-8",
    )
    posting = _posting(path)
    assert [(r.name, r.line) for r in posting.requirements] == [("Python", 6), ("Statistics", 7)]
    assert posting.degree == "bachelor's degree" and posting.years == 3


def test_a_sentence_that_introduces_a_list_makes_the_list_requirements(tmp_path):
    path = tmp_path / "posting.md"
    path.write_text(
        "# Analyst\n\n## Evaluation\n\nYou will be rated on each of the following competencies:\n\n"
        "- Use of Tableau to report to leaders\n- Ability to apply agile methods\n",
        encoding="utf-8",
    )
    assert [r.name for r in _posting(path).requirements] == ["Tableau", "Agile"]


def test_a_skill_named_in_a_compound_is_found(tmp_path):
    path = tmp_path / "posting.md"
    path.write_text("# AI Engineer\n\n## Requirements\n\n- Experience building LLM-based assistants\n")
    assert [r.name for r in _posting(path).requirements] == ["Large language models"]


TITLES = {
    "front-matter": (
        "posting.md",
        "---\nlayout: job\ntitle: 'Staff Data Scientist'\n---\n\n## Requirements\n\n- SQL\n",
    ),
    "first-line": (
        "posting.txt",
        "Data Scientist / ML Engineer\nAcme Analytics\nBerlin, full time\nRequirements: SQL\n",
    ),
    "key-among-labels": (
        "posting.md",
        "> Team: Data\n> Grade: 6\n> Position Designation: Data Analyst\n\nSQL is required.\n",
    ),
    "sought": (
        "posting.txt",
        "Our products help shippers plan routes across many countries and many carriers.\n\n"
        "We are looking for an AI Engineer who enjoys production work.\n\nRequirements: SQL\n",
    ),
}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_the_title_comes_from_metadata_a_key_the_first_line_or_the_role_sought(tmp_path, name):
    file_name, text = TITLES[name]
    path = tmp_path / file_name
    path.write_text(text, encoding="utf-8")
    expected = {"front-matter": "Staff Data Scientist", "first-line": "Data Scientist / ML Engineer"}
    expected |= {"key-among-labels": "Data Analyst", "sought": "AI Engineer"}
    assert _posting(path).title == expected[name]


def test_a_posting_with_no_requirements_is_said_and_skipped(tmp_path):
    job = tmp_path / "job.md"
    job.write_text("# Data Scientist\n\nWe are a friendly team in Leeds.\n", encoding="utf-8")
    resume = tmp_path / "resume.md"
    resume.write_text(CASES["resumes"][0]["text"], encoding="utf-8")
    [result] = linter.lint_paths([str(resume)], use_config=False, job=str(job), role="mle")
    assert result.job_matches == [] and any("no requirements found" in n for n in result.notes)


def _match(tmp_path, resume_text, *postings, fmt="md"):
    resume = tmp_path / "resume.md"
    resume.write_text(resume_text, encoding="utf-8")
    jobs = [str(_render(POSTINGS[p], fmt, tmp_path)) for p in postings]
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01: "Present" is fixed
    args = ["check", "--no-config", "--role", "mle", "--format", "json", *[a for j in jobs for a in ("--job", j)]]
    out = runner.invoke(main, [*args, str(resume)])
    return json.loads(out.output)["files"][0], jobs


def test_a_resume_matches_each_requirement_with_where_it_shows_it(tmp_path):
    case = CASES["resumes"][0]
    result, _ = _match(tmp_path, case["text"], "mle-serving")
    [job] = result["job_match"]
    assert job["title"] == POSTINGS["mle-serving"]["title"] and job["role"] == "mle"
    got = {r["name"]: [r["status"], *r["evidence"]] for r in job["requirements"]}
    for name, expected in case["matches"]["mle-serving"].items():
        assert got[name] == expected, name
    assert job["years"] == {"asked": 5, "shown": case["years_shown"]}
    required = [r for r in job["requirements"] if r["kind"] == "required"]
    assert job["score"]["required"] == {"shown": sum(r["status"] == "shown" for r in required), "of": len(required)}


def test_a_rule_pack_extends_the_taxonomy_with_its_own_skills(tmp_path):
    pack = tmp_path / "pack" / "taxonomy"
    pack.mkdir(parents=True)
    (pack / "inhouse.yaml").write_text(
        "name: inhouse\nlabel: In-house tools\ndescription: Tools of our own stack.\n"
        "items:\n  - name: Quuxflow\n    aliases: [quux flow]\n",
        encoding="utf-8",
    )
    posting = tmp_path / "posting.md"
    posting.write_text("# ML Engineer\n\n## Requirements\n\n- Python and Quux Flow\n", encoding="utf-8")
    resume = tmp_path / "resume.md"
    resume.write_text(
        "# Ada Example\n\n## Experience\n\n### ML Engineer, Acme (2020 - 2024)\n\n"
        "- Moved nightly scoring from cron to Quuxflow, cutting failed runs by 40%\n\n## Skills\n\nPython\n",
        encoding="utf-8",
    )
    args = ["check", "--no-config", "--role", "mle", "--format", "json", "--rule-dir", str(tmp_path / "pack")]
    out = CliRunner().invoke(main, [*args, "--job", str(posting), str(resume)])
    [job] = json.loads(out.output)["files"][0]["job_match"]
    got = {r["name"]: (r["group"], r["status"], r["evidence"]) for r in job["requirements"]}
    assert got["Quuxflow"] == ("inhouse", "shown", [7])
    assert got["Python"][:2] == ("languages", "skills-only")


def test_the_match_findings_list_the_gaps_and_never_claim_a_skill(tmp_path):
    result, _ = _match(tmp_path, CASES["resumes"][0]["text"], "mle-serving")
    by_code = {f["code"]: f for f in result["findings"] if f["code"] in ("RL206", "RL207", "RL208")}
    assert set(by_code) == {"RL206", "RL207"}  # 5 years shown, 5 asked: no RL208
    assert "TorchServe" in by_code["RL206"]["message"] and "Docker" in by_code["RL207"]["message"]
    assert "if not, leave it out" in by_code["RL206"]["suggestion"]


def test_the_years_finding_compares_the_dates_with_what_is_asked(tmp_path):
    text = CASES["resumes"][0]["text"].replace("(2019 - 2023)", "(Mar 2022 - Present)")
    result, _ = _match(tmp_path, text, "mle-serving")
    [years] = [f for f in result["findings"] if f["code"] == "RL208"]
    assert "5 years" in years["message"] and "3.9" in years["message"]  # March 2022 to January 2026


def test_many_postings_give_one_match_each_and_one_row_each_in_text(tmp_path):
    case = CASES["resumes"][0]
    result, jobs = _match(tmp_path, case["text"], "mle-serving", "ds-experiments", "mixed-applied")
    assert [m["posting"] for m in result["job_match"]] == jobs
    resume = tmp_path / "resume.md"
    args = ["check", "--no-config", "--role", "mle", "--job", str(tmp_path), str(resume)]
    text = CliRunner().invoke(main, args).output
    assert "Job match against 3 postings" in text
    rows = [line for line in text.splitlines() if " required, " in line and "preferred" in line]
    assert len(rows) == 3 and any("missing: TorchServe" in row for row in rows)


def test_an_unreadable_posting_is_an_error_naming_it_and_the_resume_is_still_linted(tmp_path):
    resume = tmp_path / "resume.md"
    resume.write_text(CASES["resumes"][0]["text"], encoding="utf-8")
    good = _render(POSTINGS["mle-serving"], "md", tmp_path)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    args = ["check", "--no-config", "--role", "mle", "--format", "json", "--job", str(good), "--job", str(broken)]
    out = CliRunner().invoke(main, [*args, str(resume)])
    assert out.exit_code == 2
    [file] = json.loads(out.output)["files"]
    assert len(file["job_match"]) == 1 and file["kind"] == "resume"
    errors = [f for f in file["findings"] if f["code"].startswith("RL9") and str(broken) in f["message"]]
    assert len(errors) == 1 and errors[0]["severity"] == "error"


def test_the_match_is_the_same_for_the_same_inputs(tmp_path):
    first, _ = _match(tmp_path, CASES["resumes"][0]["text"], "mle-serving", "ds-experiments")
    second, _ = _match(tmp_path, CASES["resumes"][0]["text"], "mle-serving", "ds-experiments")
    assert first == second


def test_the_html_report_has_a_table_per_posting(tmp_path):
    resume = tmp_path / "resume.md"
    resume.write_text(CASES["resumes"][0]["text"], encoding="utf-8")
    job = _render(POSTINGS["mle-serving"], "html", tmp_path)
    out = tmp_path / "report.html"
    args = ["check", "--no-config", "--role", "mle", "--format", "html", "-o", str(out), "--job", str(job)]
    CliRunner().invoke(main, [*args, str(resume)])
    html = out.read_text(encoding="utf-8")
    assert html.count('<div class="job">') == 1 and "Job match: Senior Machine Learning Engineer, Serving" in html
    assert '<tr class="missing"><td>TorchServe</td><td>required</td>' in html
    assert '<tr class="shown"><td>Kubernetes</td>' in html and "<td>7</td>" in html
