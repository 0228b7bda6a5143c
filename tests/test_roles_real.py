"""Role signals on documents shaped like real ones (issue 13): the role of a job posting comes from its own
title, not from the roles it names as colleagues; job titles a resume's author held weigh in its profile;
the same resume gives the same profile whatever its format; counts and sums of money are role signal.

Every text here is written for these tests."""

import io

import docx
import pytest

import linter
from linter.api import lint_text_result
from linter.ruleset import RuleError, load_ruleset
from tests.conftest import write

RESUME = """Experience
- Designed and analysed A/B tests on the onboarding flow, which led product to drop the second step.
- Defined the activation KPI adopted by the growth team.
- Deployed the lead-scoring model behind a REST API with canary releases.
"""


def _posting(tmp_path, text: str, name: str = "posting.txt"):
    """(role, mixed?, note) inferred from a posting."""
    job = write(tmp_path, name, text)
    result = lint_text_result(RESUME, kind="resume", job=job)
    [note] = [n for n in result.notes if "inferred from the job description" in n]
    return result.role, "mixed posting" in note, note


# --- job postings: the posting's own title decides, the team description does not -------------------------

MLE_WITH_DS_COLLEAGUES = """Machine Learning Engineer, Recommendations

You will work alongside our data scientists and analytics partners, and help scale our data science
capabilities. You will partner with stakeholders across marketing and finance, and keep their
dashboards fed with fresh analytics.

What you will do
- Deploy recommendation models behind low-latency services and keep them healthy.
- Build the feature pipelines shared by training and serving.
"""

DS_WITH_MLE_COLLEAGUES = """Senior Data Scientist, Pricing

You will partner with ML engineers and the MLOps team, who deploy what you design.

- Design and analyse pricing experiments and present recommendations to leadership.
- Define the margin KPIs the category teams use to judge promotions.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(MLE_WITH_DS_COLLEAGUES, "mle", id="mle-with-data-scientist-colleagues"),
        pytest.param(DS_WITH_MLE_COLLEAGUES, "ds", id="ds-with-ml-engineer-colleagues"),
        pytest.param(
            "Our logistics platform moves parcels across forty countries, and our data science guild is growing.\n"
            "We are looking for a highly skilled Machine Learning Engineer to run our routing models in production.\n"
            "You will present results to stakeholders and keep the analytics dashboards current.\n",
            "mle",
            id="title-in-a-phrase",
        ),
        pytest.param(
            "title: ML Platform Engineer\n"
            "location: remote\n\n"
            "As a member of the data science organisation you will run the training clusters and the model\n"
            "registry, and present usage analytics to stakeholders every quarter.\n",
            "mle",
            id="title-key-beats-team-membership",
        ),
        pytest.param(
            "Directorate: Transport Planning\n"
            "Grade: Band 6\n"
            "Position Name: Data Scientist\n\n"
            "You will use tools such as an ML platform and notebooks to analyse journey data, and present\n"
            "insights to the planning board.\n",
            "ds",
            id="title-key-of-two-words",
        ),
        pytest.param(
            "Machine Learning Engineer, Data Science Platform\n\n"
            "- Run the model registry and the batch scoring jobs; report usage analytics to stakeholders.\n",
            "mle",
            id="persons-title-beats-team-name",
        ),
    ],
)
def test_the_postings_own_title_decides_its_role(tmp_path, text, expected):
    role, mixed, note = _posting(tmp_path, text)
    assert role == expected and not mixed, note


def test_a_title_naming_both_roles_is_mixed(tmp_path):
    text = "Data Scientist / ML Engineer\n\nDeploy churn models and design the experiments that judge them.\n"
    role, mixed, _ = _posting(tmp_path, text)
    assert mixed and role in ("ds", "mle")


@pytest.mark.parametrize("title", ["Applied Scientist", "Artificial Intelligence Specialist"])
def test_a_title_that_names_neither_role_alone_is_mixed_and_leans_by_its_terms(tmp_path, title):
    text = f"# {title}\n\n- Analyse experiment results and present insights to product leadership.\n"
    role, mixed, note = _posting(tmp_path, text, "posting.md")
    assert mixed and role == "ds", note


def test_such_as_before_a_role_word_names_no_title(tmp_path):
    # "such as an analytics workbench" names no role: the terms decide
    text = (
        "Directorate: Freight Systems\nGrade: Band 6\n\n"
        "Deploy and monitor routing models with tools such as an analytics workbench and a feature store.\n"
    )
    role, _, note = _posting(tmp_path, text)
    assert role == "mle" and "its title" not in note, note


def test_a_posting_with_no_title_is_read_from_its_terms(tmp_path):
    text = (
        "About the work\n\n"
        "- Deploy and monitor fraud models, with drift alerts and automated retraining.\n"
        "- Design A/B tests and causal studies, define the success metrics, and present findings.\n"
    )
    role, mixed, _ = _posting(tmp_path, text)
    assert mixed and role in ("ds", "mle")


def test_an_mle_posting_as_docx_keeps_its_title(tmp_path):
    document = docx.Document()
    for line in MLE_WITH_DS_COLLEAGUES.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    job = write(tmp_path, "posting.docx", buffer.getvalue())
    result = lint_text_result(RESUME, kind="resume", job=job)
    [note] = [n for n in result.notes if "inferred from the job description" in n]
    assert result.role == "mle" and "mixed" not in note


# --- resume profile: titles held vote, colleagues and degrees do not -----------------------------------------

DS_TITLED = """Experience
Data Scientist, Northwind Insurance, 2020 - 2024
- Deployed a claims triage model that saved $1.1M a year in handling costs.
- Built an ETL pipeline that let underwriters reprice renewals weekly.
- Automated the monthly loss report, cutting preparation from three days to two hours.
Data Analyst, Harbor Bank, 2017 - 2020
- Maintained the nightly data pipeline for the card portfolio.
- Wrote SQL reports on branch footfall that regional managers used to decide opening hours.
"""


def test_data_science_titles_make_a_resume_with_some_production_work_read_ds():
    result = lint_text_result(DS_TITLED, kind="resume", role="ds")
    assert result.role_profile["ds"] >= 0.6, result.role_profile
    assert "RL201" not in {f.code for f in result.findings}


def test_colleagues_and_degrees_are_not_titles_held():
    untitled = DS_TITLED.replace("Data Scientist, Northwind", "Northwind").replace("Data Analyst, Harbor", "Harbor")
    base = lint_text_result(untitled, kind="resume").role_profile
    named = untitled.replace(
        "Experience\n",
        "Education\nM.Sc. Data Science, Ridgeway University\nExperience\n",
    ).replace(
        "- Maintained the nightly",
        "- Mentored a junior data analyst.\n- Worked with a data scientist.\n- Maintained the nightly",
    )
    assert abs(lint_text_result(named, kind="resume").role_profile["ds"] - base["ds"]) < 0.02


def test_a_short_title_bullet_counts_as_a_title():
    text = (
        "Experience\n- 2021 - now: Machine Learning Engineer - Quayside Freight\n"
        "- Wrote SQL reports on depot throughput for the regional leads.\n"
    )
    assert lint_text_result(text, kind="resume").role_profile["mle"] > 0.5


# --- the same resume in three formats reads the same ----------------------------------------------------------

JOBS = [
    (
        "Data Scientist",
        "Lumen Retail, 2021 - 2024",
        [
            "Designed and analysed A/B tests on the loyalty app, which led product to drop the points cap.",
            "Deployed a demand forecasting model that saved $800k a year in markdowns.",
            "Defined the repeat-purchase KPI used by the category managers.",
            "Built the nightly ETL pipeline behind the pricing dashboard.",
        ],
    ),
    (
        "Machine Learning Engineer",
        "Corvid Labs, 2018 - 2021",
        [
            "Served the ranking model behind a gRPC service at 4,000 requests per second.",
            "Added drift monitoring and alerts for the recommendation models.",
            "Presented the churn analysis to the leadership team, who moved budget to onboarding.",
        ],
    ),
]


def _pdf(lines: list[str]) -> bytes:
    """A one-column PDF of the plain-text lines, list items drawn with a bullet glyph and an indent."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=letter)
    y = 740
    for line in lines:
        if line.startswith("- "):
            page.drawString(62, y, "\u2022 " + line[2:])
        else:
            page.drawString(50, y, line)
        y -= 16
    page.save()
    return buffer.getvalue()


def test_the_same_resume_as_markdown_text_docx_and_pdf_gives_the_same_profile(tmp_path):
    md = ["# Rosa Almeida", "", "## Experience", ""]
    txt = ["Rosa Almeida", "", "EXPERIENCE", ""]
    document = docx.Document()
    document.add_paragraph("Rosa Almeida")
    document.add_heading("Experience", level=1)
    for title, where, bullets in JOBS:
        md += [f"### {title}, {where}", ""] + [f"- {b}" for b in bullets] + [""]
        txt += [f"{title}, {where}"] + [f"- {b}" for b in bullets] + [""]
        document.add_heading(f"{title}, {where}", level=2)
        for bullet in bullets:
            document.add_paragraph(bullet, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    paths = [
        write(tmp_path, "cv.md", "\n".join(md)),
        write(tmp_path, "cv.txt", "\n".join(txt)),
        write(tmp_path, "cv.docx", buffer.getvalue()),
        write(tmp_path, "cv.pdf", _pdf(txt)),
    ]
    shares = [r.role_profile["ds"] for r in linter.lint_paths(paths, use_config=False, kind="resume")]
    assert max(shares) - min(shares) <= 0.02, shares


# --- patterns in profiles: counts and sums of money -------------------------------------------------------------


@pytest.mark.parametrize(
    "bullet",
    [
        "Scored loan applications for about 12 million active customers.",
        "Classified millions of card payments a day.",
        "Matched >2M shipment records annually against the customs register.",
    ],
)
def test_scale_given_as_a_count_is_scale_evidence(bullet):
    text = (
        "Experience\n- Deployed the scoring model as a service on Kubernetes.\n"
        "- Built the feature pipeline that refreshes applicant features hourly.\n"
        "- Added drift monitoring with alerts to the on-call rotation.\n"
        f"- {bullet}\n"
    )
    messages = [f.message for f in lint_text_result(text, kind="resume", role="mle").findings if f.code == "RL204"]
    assert not any("Scale" in m for m in messages), messages


@pytest.mark.parametrize("bullet", ["Served 40 users of the internal wiki.", "Joined in 2019 with 3 customers."])
def test_small_counts_and_years_are_not_scale(bullet):
    assert lint_text_result(f"Experience\n- {bullet}\n", kind="resume").role_profile["mle"] == 0


def _profile_folder(tmp_path, patterns: str):
    folder = tmp_path / "rules"
    write(
        folder,
        "roles/analyst.yaml",
        "name: analyst\ntitle: Analyst\ndescription: Reporting work.\ngroups:\n  reporting:\n"
        "    title: Reporting\n    evidence: A report.\n    suggestion: Add one.\n"
        f"    terms:\n      weekly report: 2\n    patterns:\n{patterns}",
    )
    return str(folder)


@pytest.mark.parametrize(
    "patterns,problem",
    [
        ("      bad:\n        regex: '(unclosed'\n        weight: 1\n", "not a valid regular expression"),
        ("      grouped:\n        regex: '(\\d+) reports'\n        weight: 1\n", "not capturing"),
        ("      empty:\n        regex: 'x*'\n        weight: 1\n", "empty text"),
        ("      heavy:\n        regex: 'reports'\n        weight: 9\n", "at most 5"),
    ],
)
def test_a_profile_pattern_is_validated(tmp_path, patterns, problem):
    load_ruleset.cache_clear()
    try:
        with pytest.raises(RuleError, match=problem):
            load_ruleset((_profile_folder(tmp_path, patterns),))
    finally:
        load_ruleset.cache_clear()


def test_a_users_profile_pattern_scores(tmp_path):
    folder = _profile_folder(tmp_path, "      report count:\n        regex: '\\b\\d+ reports\\b'\n        weight: 3\n")
    load_ruleset.cache_clear()
    try:
        text = "Experience\n- Wrote 14 reports for the board.\n"
        result = lint_text_result(text, kind="resume", rule_dirs=[folder])
        assert result.role_profile.get("analyst", 0) == 1.0
    finally:
        load_ruleset.cache_clear()
