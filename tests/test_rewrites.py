"""One rewrite per flagged bullet and answer opening: the flagged phrase replaced, the whole object kept,
a placeholder that fits the bullet's topic and the target role, grammatical verb forms, no invented fact.
Real files are linted and, for `rolelint rewrite`, written and read back (Markdown, text, JSON Lines, DOCX)."""

import json
import re

import docx
import pytest
from click.testing import CliRunner

import linter
from linter.cli import main
from linter.rewrites import result_topic
from linter.ruleset import load_ruleset

# A past-tense verb or a placeholder verb followed by a gerund and its object: "Built migrating the ...",
# "<Built | Ran> maintaining our ..." ("<Built | Improved> pricing models" is a noun compound, and fine)
VERB_GERUND = re.compile(
    r"^(?:<[^>]+>|[A-Z][a-z-]+ed|Built|Ran|Led|Owned|Co-led) [a-z]+ing (?:the|a|an|our|their|its|my|this|these|all)\b"
)

# (bullet, role, expected opening, words that must be kept, topic)
BULLETS = [
    (
        "Was tasked with migrating the scoring models to Kubernetes",
        "mle",
        "Migrated the scoring models to Kubernetes",
        [],
        "serving",
    ),
    ("Worked on improving the recommendation model", "ds", "Improved the recommendation model", [], "model"),
    ("Responsible for maintaining the ML pipelines", "mle", "Maintained the ML pipelines", [], "pipeline"),
    (
        "Helped with the rollout of the new fraud rules for the payments team",
        "ds",
        "Co-led the rollout of the new fraud rules for the payments team",
        [],
        "model",
    ),
    (
        "Partnered with clients to define indicators based on business rules",
        "ds",
        "Partnered with clients to define indicators based on business rules",
        [],
        "analysis",
    ),
    (
        "Responsible for integrating GPUs into internal tooling for the research team",
        "mle",
        "Integrated GPUs into internal tooling for the research team",
        [],
        "serving",
    ),
    ("Worked on pricing models for the grocery app", "ds", None, ["pricing models for the grocery app"], "model"),
    (
        "Tasked with building ETL/ELT jobs in Airflow for the supply planning team",
        "mle",
        "Built ETL/ELT jobs in Airflow for the supply planning team",
        [],
        "pipeline",
    ),
    (
        "Was responsible for cutting the cloud bill of the data platform",
        "mle",
        "Cut the cloud bill of the data platform",
        [],
        "cost",
    ),
    (
        "Worked on refactoring the feature code for readability",
        "mle",
        "Refactored the feature code for readability",
        [],
        "engineering",
    ),
    (
        "Helped build a dashboard of weekly churn for the retention team",
        "ds",
        "Built a dashboard of weekly churn for the retention team",
        [],
        "analysis",
    ),
    (
        "I designed the holdout test for the new search ranking",
        "ds",
        "Designed the holdout test for the new search ranking",
        [],
        None,
    ),
    (
        "I built a caching layer in front of the scoring API",
        "mle",
        "Built a caching layer in front of the scoring API",
        [],
        None,
    ),
    (
        "Significantly reduced the p95 latency of the search API",
        "mle",
        "Reduced the p95 latency of the search API by <",
        [],
        "serving",
    ),
    (
        "Greatly improved the accuracy of the demand forecast for the stores",
        "ds",
        None,
        ["the accuracy of the demand forecast for the stores", "by <"],
        "model",
    ),
    (
        "Models were deployed to SageMaker by me for the fraud team",
        "mle",
        "Deployed models to SageMaker for the fraud team",
        [],
        None,
    ),
    ("Improved performance of the churn model", "ds", "Improved performance of the churn model", [], "model"),
    (
        "Was involved in analysing the returns survey for the merchandising team",
        "ds",
        "Analysed the returns survey for the merchandising team",
        [],
        "analysis",
    ),
]


def _asks_for(topic: str, after: str, role: str) -> bool:
    """The rewrite asks for the result of `topic` (an intensifier alone asks only for the size of the change)."""
    carried = result_topic(after, role, load_ruleset().rewrites)
    return carried == topic or (carried is None and "by <percent" in after)


def _rewrites(tmp_path, bullets, role, name="resume.md"):
    text = "# Jane Doe\n\njane@example.com\n\n## Experience\n\n### Data scientist, Shop Co (2021-2024)\n\n"
    text += "".join(f"- {b}\n" for b in bullets) + "\n## Education\n\nBSc Statistics, 2020\n"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    [result] = linter.lint_paths([str(path)], use_config=False, role=role, kind="resume", rewrites=True)
    return result, text


@pytest.mark.parametrize(("bullet", "role", "opening", "keeps", "topic"), BULLETS, ids=[b[0][:40] for b in BULLETS])
def test_a_flagged_bullet_gets_one_rewrite_that_keeps_its_object(tmp_path, bullet, role, opening, keeps, topic):
    result, text = _rewrites(tmp_path, [bullet], role)
    line = text.splitlines().index(f"- {bullet}") + 1
    [rewrite] = [r for r in result.rewrites if r.line == line]
    assert rewrite.before == bullet
    codes = {f.code for f in result.findings if f.line == line}
    assert set(rewrite.codes) <= codes and rewrite.codes
    after = rewrite.after
    if opening:
        assert after.startswith(opening), after
    for words in keeps:
        assert words in after, after
    assert not VERB_GERUND.match(after), after
    if topic:
        assert _asks_for(topic, after, role), (topic, after)
    # no figure the bullet does not have: every number outside the placeholders was in the bullet
    assert sorted(re.findall(r"\d+", re.sub(r"<[^>]*>", "", after))) == sorted(re.findall(r"\d+", bullet))


def test_the_rewrite_follows_the_target_role(tmp_path):
    bullet = "Was tasked with migrating the scoring models to Kubernetes"
    ds, _ = _rewrites(tmp_path, [bullet], "ds")
    mle, _ = _rewrites(tmp_path, [bullet], "mle")
    [for_ds], [for_mle] = ds.rewrites, mle.rewrites
    assert for_ds.after != for_mle.after
    assert "<team>" in for_ds.after and "<p95 latency>" in for_mle.after


def test_a_bullet_that_gives_its_figure_keeps_it_and_gets_no_placeholder_result(tmp_path):
    bullet = "Responsible for the churn model, which cut cancellations 12% in a quarter"
    result, _ = _rewrites(tmp_path, [bullet], "ds")
    for rewrite in result.rewrites:
        assert "12%" in rewrite.after and "<result>" not in rewrite.after


def test_a_model_first_answer_opening_uses_its_own_target_and_model(tmp_path):
    path = tmp_path / "answers.md"
    path.write_text(
        "Q: How would you predict which subscribers will cancel next month?\n\n"
        "A: I'd use XGBoost and tune it with grid search.\n\n"
        "Q: How would you tell whether the new checkout page raised orders?\n\n"
        "A: I would train a random forest on the order logs and look at the importance of the page flag.\n",
        encoding="utf-8",
    )
    for role in ("ds", "mle"):
        [result] = linter.lint_paths([str(path)], use_config=False, role=role, kind="answer", rewrites=True)
        first, second = result.rewrites
        assert (first.line, first.before) == (3, "I'd use XGBoost and tune it with grid search.")
        assert "which subscribers will cancel next month" in first.after and "XGBoost" in first.after
        assert "RL301" in first.codes
        assert second.line == 7 and "whether the new checkout page raised orders" in second.after
        assert "a random forest" in second.after  # the article a common noun needs; "XGBoost" takes none
        assert "a XGBoost" not in first.after
        assert ("<control>" if role == "ds" else "<A/B test") in second.after


def test_check_with_rewrite_shows_every_finding_and_one_pair_per_bullet(tmp_path):
    bullets = ["Worked on improving the recommendation model", "Significantly reduced the p95 latency of the API"]
    _, text = _rewrites(tmp_path, bullets, "mle")
    path = str(tmp_path / "resume.md")
    plain = CliRunner().invoke(main, ["check", "--no-config", "--role", "mle", path]).output
    shown = CliRunner().invoke(main, ["check", "--no-config", "--role", "mle", "--rewrite", path]).output
    findings = [line for line in plain.splitlines() if line.startswith(path)]
    assert findings and all(line in shown for line in findings)
    assert shown.count("\n  - ") == 2 and shown.count("\n  + ") == 2
    assert "  - Worked on improving the recommendation model\n  + Improved the recommendation model" in shown


def test_a_rewrite_is_printed_under_its_own_bullet_not_under_the_next_ones_findings(tmp_path):
    bullets = [
        "Improved model serving reliability for the payments platform",
        "Cut p95 latency of the quote service from 300 ms to 70 ms with canary releases on Kubernetes",
    ]
    result, text = _rewrites(tmp_path, bullets, "ds")
    first, second_line = (text.splitlines().index(f"- {b}") + 1 for b in bullets)
    assert [r.line for r in result.rewrites] == [first]
    second = [f for f in result.findings if f.line == second_line]
    assert second and all(f.code in result.rewrites[0].codes for f in second)  # the same rule, no rewrite
    path = str(tmp_path / "resume.md")
    shown = CliRunner().invoke(main, ["check", "--no-config", "--role", "ds", "--rewrite", path]).output.splitlines()
    pair = shown.index("  - " + bullets[0])
    located = [line for line in shown if line.startswith(path + ":")]
    assert located and all(
        int(line[len(path) + 1 :].split(":")[0]) <= first for line in shown[:pair] if line in located
    )
    assert all(not line.startswith(f"{path}:{first}:") for line in shown[pair:])


def test_json_carries_one_rewrite_object_per_flagged_bullet(tmp_path):
    _rewrites(tmp_path, ["Worked on improving the recommendation model"], "ds")
    path = str(tmp_path / "resume.md")
    report = json.loads(
        CliRunner().invoke(main, ["check", "--no-config", "--role", "ds", "--format", "json", path]).output
    )
    [file] = report["files"]
    [rewrite] = file["rewrites"]
    assert rewrite["line"] == 9 and rewrite["before"] == "Worked on improving the recommendation model"
    assert rewrite["after"].startswith("Improved the recommendation model") and "RL103" in rewrite["codes"]
    assert all(f["suggestion"] for f in file["findings"])


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_rewrite_writes_a_copy_and_never_the_input(tmp_path, suffix):
    _, text = _rewrites(tmp_path, ["Worked on improving the recommendation model", "Built the churn report"], "ds")
    source = tmp_path / f"cv{suffix}"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / f"out{suffix}"
    done = CliRunner().invoke(main, ["rewrite", "--no-config", "--role", "ds", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert source.read_text(encoding="utf-8") == text
    copy = out.read_text(encoding="utf-8").splitlines()
    assert copy[8].startswith("- Improved the recommendation model, ") and copy[9] == "- Built the churn report"
    refused = CliRunner().invoke(main, ["rewrite", "--no-config", str(source), "-o", str(source)])
    assert refused.exit_code == 2 and source.read_text(encoding="utf-8") == text


def test_rewrite_of_a_docx_keeps_its_other_paragraphs(tmp_path):
    document = docx.Document()
    document.add_heading("Jane Doe", 0)
    document.add_paragraph("jane@example.com")
    document.add_heading("Experience", 1)
    document.add_paragraph("Worked on improving the recommendation model", style="List Bullet")
    document.add_paragraph("Built the churn report for the retention team", style="List Bullet")
    document.add_heading("Education", 1)
    document.add_paragraph("BSc Statistics, 2020")
    source, out = tmp_path / "cv.docx", tmp_path / "out.docx"
    document.save(source)
    before = source.read_bytes()
    done = CliRunner().invoke(main, ["rewrite", "--no-config", "--role", "mle", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert source.read_bytes() == before
    texts = [p.text for p in docx.Document(out).paragraphs]
    assert any(t.startswith("Improved the recommendation model, ") for t in texts)
    assert "Built the churn report for the retention team" in texts and "BSc Statistics, 2020" in texts


def test_rewrite_of_answers_in_json_lines_replaces_the_opening_inside_the_record(tmp_path):
    source = tmp_path / "answers.jsonl"
    record = {"question": "How would you predict which drivers will quit?", "answer": "I'd use XGBoost. Then tune it."}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["rewrite", "--no-config", "--role", "ds", str(source)])
    assert done.exit_code == 0
    [line] = [x for x in done.stdout.splitlines() if x.startswith("{")]
    copy = json.loads(line)
    assert copy["question"] == record["question"] and copy["answer"].endswith(" Then tune it.")
    assert "which drivers will quit" in copy["answer"] and "XGBoost" in copy["answer"]


def test_a_pdf_cannot_be_written_back(tmp_path):
    done = CliRunner().invoke(main, ["rewrite", "--no-config", "samples/resumes/ds_resume.pdf"])
    assert done.exit_code == 2 and "cannot be written back" in done.output


def test_a_model_named_in_a_suggestion_gets_its_article(tmp_path):
    path = tmp_path / "answer.md"
    path.write_text("Q: How would you predict late deliveries?\n\nA: I'd train a neural network.\n", encoding="utf-8")
    [result] = linter.lint_paths([str(path)], use_config=False, role="mle", kind="answer")
    [finding] = [f for f in result.findings if f.code == "RL301"]
    assert "could be a neural network because" in finding.suggestion


def _cases():
    import yaml

    with open(__file__.replace("test_rewrites.py", "rewrite_cases.yaml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


CASES = _cases()


def test_the_case_set_is_large_and_covers_both_roles_and_every_topic():
    bullets, answers = CASES["bullets"], CASES["answers"]
    assert len(bullets) >= 60 and len(answers) >= 20
    assert {t for b in bullets for t in [b.get("topic")] if t} == {t.name for t in load_ruleset().rewrites.topics}
    assert {r for b in bullets for r in b["roles"]} == {"ds", "mle"}
    for case in bullets + answers:
        assert all(
            k in case["text"]
            or k in case.get("question", "")
            or k.startswith("by <")
            or "<" in k
            or k.startswith("a ")
            or k.startswith("an ")
            for k in case.get("keeps", [])
        ), case


@pytest.mark.parametrize("case", CASES["bullets"], ids=[c["text"][:48] for c in CASES["bullets"]])
def test_each_written_bullet_is_rewritten_as_an_editor_would(tmp_path, case):
    for role in case["roles"]:
        result, text = _rewrites(tmp_path, [case["text"]], role)
        line = text.splitlines().index(f"- {case['text']}") + 1
        found = [r for r in result.rewrites if r.line == line]
        assert len(found) == 1, (role, case["text"], [f.code for f in result.findings])
        after = found[0].after
        reframed = case.get("reframed", {}).get(role)
        # a bullet written for the other role is reframed: the target role's lead, then its own work
        assert ("RL202" in found[0].codes) == bool(reframed), (role, after, found[0].codes)
        if reframed:
            tables = load_ruleset().rewrites
            leads = [tables.reframe[role]] + [t.reframe[role] for t in tables.topics if role in t.reframe]
            assert any(after.startswith(lead.split("{work}")[0]) for lead in leads), (role, after)
            assert after.endswith(reframed), (role, after)
        elif "starts" in case:
            assert after.startswith(case["starts"]), (role, after)
        for words in case.get("keeps", []):
            assert words in after, (role, after)
        for words in case.get("drops", []):
            assert words.lower() not in after.lower(), (role, after)
        assert not VERB_GERUND.match(after), (role, after)
        if case.get("topic") and not reframed:
            assert _asks_for(case["topic"], after, role), (role, case["topic"], after)
        assert sorted(re.findall(r"\d+", re.sub(r"<[^>]*>", "", after))) == sorted(re.findall(r"\d+", case["text"]))


def test_the_role_changes_the_rewrite_of_a_bullet_that_needs_a_result(tmp_path):
    both = [c for c in CASES["bullets"] if c["roles"] == ["ds", "mle"] and c.get("topic")]
    assert len(both) >= 8
    for case in both:
        afters = {role: _rewrites(tmp_path, [case["text"]], role)[0].rewrites[0].after for role in ("ds", "mle")}
        assert afters["ds"] != afters["mle"], case["text"]


@pytest.mark.parametrize("case", CASES["answers"], ids=[c["question"][:48] for c in CASES["answers"]])
def test_each_written_model_first_answer_gets_its_own_framing(tmp_path, case):
    path = tmp_path / "answer.md"
    path.write_text(f"Q: {case['question']}\n\nA: {case['text']}\n", encoding="utf-8")
    afters = {}
    for role in ("ds", "mle"):
        [result] = linter.lint_paths([str(path)], use_config=False, role=role, kind="answer", rewrites=True)
        [rewrite] = result.rewrites
        assert rewrite.line == 3 and rewrite.before == _first_sentence(case["text"])
        for words in case["keeps"]:
            assert words in rewrite.after, (role, rewrite.after)
        assert "<reason>" in rewrite.after
        afters[role] = rewrite.after
    assert afters["ds"] != afters["mle"]


def _first_sentence(text):
    found = re.search(r"(?<=[.!?])\s", text)
    return text[: found.start()] if found else text


@pytest.mark.parametrize(
    ("bullet", "lead"),
    [
        ("Rebuilt the nightly ETL pipelines in Airflow", "Gave <team> <data> <hours | days> sooner"),
        ("Cut the GPU spend of the training cluster", "Saved <amount> a <month | year> for <team> by cutting"),
        ("Deployed the ranking model behind a REST API", "Moved <business metric> from <baseline>"),
    ],
)
def test_a_topic_may_lead_the_reframing_of_an_off_role_bullet(bullet, lead):
    from linter.rewrites import BulletRewriter, Mark

    after = BulletRewriter(load_ruleset().rewrites).rewrite(
        bullet, [Mark("RL202", "reframe", 0, len(bullet), bullet)], "ds"
    )
    assert after.startswith(lead) and after.endswith(" " + bullet.split(" ", 1)[1]), after


def test_an_off_role_bullet_in_the_present_tense_gets_the_roles_result_instead():
    from linter.rewrites import BulletRewriter, Mark

    bullet = "Own the model serving platform for 30 teams"
    after = BulletRewriter(load_ruleset().rewrites).rewrite(
        bullet, [Mark("RL202", "reframe", 0, len(bullet), bullet)], "ds"
    )
    assert after.startswith(bullet) and "<" in after[len(bullet) :]


@pytest.mark.parametrize(
    "bullet",
    [
        "Experience in computer vision, speech and robotics",
        "Working knowledge of feature engineering and model evaluation",
        "Predictive modelling for the claims process of a regional insurer",
    ],
)
def test_a_bullet_that_opens_with_no_verb_gets_no_result_clause(bullet):
    from linter.rewrites import BulletRewriter, Mark

    rewriter = BulletRewriter(load_ruleset().rewrites)
    for edit in ("outcome", "reframe", "duty"):
        assert rewriter.rewrite(bullet, [Mark("RL203", edit, 0, len(bullet), bullet)], "mle") is None


def test_a_long_bullet_gets_its_edits_but_no_result_clause():
    from linter.rewrites import BulletRewriter, Mark

    bullet = "Was responsible for " + " ".join(["building the churn model for the retention team"] * 5)
    after = BulletRewriter(load_ruleset().rewrites).rewrite(bullet, [Mark("RL103", "duty", 0, 19, bullet[:19])], "ds")
    assert after.startswith("Built the churn model") and "<" not in after


def test_each_sentence_of_a_bullet_opens_on_its_own():
    from linter.rewrites import BulletRewriter, Mark

    bullet = "Cleaned the survey data in Python. Assisted in the development of the churn model for retention."
    start = bullet.index("Assisted")
    mark = Mark("RL103", "duty", start, start + 11, "Assisted in")
    after = BulletRewriter(load_ruleset().rewrites).rewrite(bullet, [mark], "ds")
    assert after.startswith(
        "Cleaned the survey data in Python. Co-led the development of the churn model for retention"
    )


@pytest.mark.parametrize(
    ("bullet", "opening"),
    [
        (
            "Coordinating and collaborating with the pricing team on the quarterly forecast",
            "Coordinated and collaborated with the pricing team",
        ),
        (
            "Serving as lead developer on the fraud scoring service",
            "Served as lead developer on the fraud scoring service",
        ),
    ],
)
def test_a_duty_said_with_a_gerund_becomes_the_past_tense(bullet, opening):
    from linter.rewrites import BulletRewriter, Mark

    after = BulletRewriter(load_ruleset().rewrites).rewrite(bullet, [Mark("RL103", "duty", 0, 10, bullet[:10])], "mle")
    assert after.startswith(opening), after


def test_a_models_task_named_with_analysis_asks_for_the_models_result():
    from linter.rewrites import BulletRewriter

    rewriter = BulletRewriter(load_ruleset().rewrites)
    assert rewriter.topic("Built a sentiment analysis model for support tickets").name == "model"
    assert rewriter.topic("Ran the cohort analysis of the spring campaign").name == "analysis"


def test_an_off_role_bullet_that_gives_its_result_is_not_reframed():
    from linter.rewrites import BulletRewriter, Mark

    bullet = "Cut p95 latency of the quote service from 300 ms to 70 ms with a Redis cache"
    rewriter = BulletRewriter(load_ruleset().rewrites)
    assert rewriter.rewrite(bullet, [Mark("RL202", "reframe", 0, len(bullet), bullet)], "ds") is None


@pytest.mark.parametrize(
    ("bullet", "ends_with_stop"),
    [
        ("Responsible for maintaining the ML pipelines.", True),
        ("Responsible for maintaining the ML pipelines", False),
        ("Was tasked with migrating the scoring models to Kubernetes.", True),
    ],
)
def test_a_rewrite_closes_with_a_full_stop_when_the_bullet_did(bullet, ends_with_stop):
    from linter.rewrites import BulletRewriter, Mark

    after = BulletRewriter(load_ruleset().rewrites).rewrite(bullet, [Mark("RL103", "duty", 0, 10, bullet[:10])], "mle")
    assert after is not None and after.endswith(".") == ends_with_stop, after
    assert not after.endswith("..")


@pytest.mark.parametrize(
    ("model", "phrase"),
    [
        ("XGBoost classifier", "an XGBoost classifier"),  # a name before a common noun: the noun needs one
        ("LSTM network", "an LSTM network"),  # an acronym is read letter by letter
        ("CNN model", "a CNN model"),
        ("LightGBM model", "a LightGBM model"),
        ("XGBoost", "XGBoost"),  # a name alone takes none
        ("isolation forest", "an isolation forest"),
        ("embeddings", "embeddings"),
    ],
)
def test_a_models_article_follows_its_head_noun(model, phrase):
    from linter.rewrites import with_article

    assert with_article(model) == phrase
