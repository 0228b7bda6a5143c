"""Generates the benchmark corpus: about 300 files and 2 MB of Markdown write-ups, Q&A answer files and
plain-text resumes, plus a two-page PDF resume. All text is written for this project and combined with a
seeded random generator, so the same seed always gives the same corpus; it is varied enough to trigger
every rule family (resume wording, role signals, answers, write-ups).

    python benchmarks/make_corpus.py [--files 300] [--out FOLDER]

The corpus goes to a temporary folder by default: inside this repository .gitignore would hide it from
`rolelint check`, which honours .gitignore.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from pathlib import Path

DEFAULT_OUT = Path(tempfile.gettempdir()) / "rolelint-benchmark-corpus"

COMPANIES = [
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Litware",
    "Adatum",
    "Woodgrove",
    "Proseware",
    "Lucerne",
    "Wingtip",
    "Alpine Ski House",
    "Coho Vineyard",
    "Humongous Insurance",
    "Trey Research",
]
DOMAINS = [
    "checkout",
    "search ranking",
    "fraud scoring",
    "demand forecasting",
    "churn",
    "pricing",
    "logistics",
    "recommendations",
    "ad targeting",
    "credit risk",
    "support routing",
    "inventory",
    "onboarding",
]
METRICS = [
    "conversion",
    "retention",
    "p95 latency",
    "revenue per visit",
    "NDCG",
    "recall at the review budget",
    "forecast error",
    "click-through",
    "cost per prediction",
    "time to resolution",
]

STRONG_DS = [
    "Designed and analysed {n} A/B tests on the {d} flow; the winning variant lifted {m} {p} percentage points.",
    "Defined the weekly {m} metric with finance and product, replacing {k} conflicting dashboards.",
    "Ran a difference-in-differences study of the {d} change; {m} moved {p}% and the policy was extended.",
    "Presented a recommendation to leadership that changed the {d} roadmap, worth ${n}K a quarter.",
    "Built a {d} model whose scores decided who got the offer, judged by uplift in a holdout of {n}k users.",
]
STRONG_MLE = [
    "Cut {m} of the {d} service from {n}0 ms to {k}0 ms at {n}k requests per second by batching on the GPU.",
    "Deployed the {d} model behind a gRPC inference service with canary releases and automated rollback.",
    "Built a streaming feature pipeline on Kafka that feeds {n} features to the {d} models every minute.",
    "Set up drift monitoring and automated retraining for the {d} models; alert-to-fix time fell from {k} days to {n} hours.",
    "Halved the cost per prediction of the {d} service by quantizing the model and right-sizing the nodes.",
]
WEAK = [
    "Improved the {d} model for the business team.",
    "Responsible for reporting on {d} to leadership.",
    "Significantly reduced time to insight for the {d} team.",
    "Worked on various dashboards for the {d} managers.",
    "Python, SQL, Spark, Airflow, Docker, Kubernetes.",
    "I optimized the nightly {d} jobs on the new cluster.",
    "Models were deployed to production after review by the platform team.",
    "Helped with the migration of several {d} models to the cloud.",
    "Developed several machine learning models for the {d} team using Python and scikit-learn.",
    "Results-driven team player who is passionate about {d} and thrives in a fast-paced environment.",
    (
        "Designed, built and operated the {d} platform end to end, including data ingestion, feature computation, "
        "model training, evaluation, deployment and monitoring, working with many teams across the company to make "
        "sure everything ran smoothly every single day of the year."
    ),
]

WRITEUP_SECTIONS = {
    "Problem": [
        "The goal is to decide which {d} cases deserve attention first, so that the team spends its limited "
        "time where it matters. Success means a higher {m} at the same workload.",
        "We want to predict {d} outcomes a week ahead so that planners can act before problems appear.",
    ],
    "Data": [
        "The data covers {n} months of {d} records for {k}0,000 accounts. Labels arrive with a delay of up to "
        "two weeks, so the most recent fortnight is held out, and fields written after the outcome were dropped "
        "to avoid leakage.",
        "Each row is one {d} event with its timestamp, region and channel. About {p}% of rows have missing "
        "values in the channel field, which were imputed from the account history.",
    ],
    "Approach": [
        "A logistic regression is the baseline. A gradient boosting model is then trained on the same features "
        "because the data is tabular and the interactions between region and season matter.",
        "I would train XGBoost on all the columns and tune it with Optuna, then explain it with SHAP and log it "
        "in MLflow.",
        "A fine-tuned transformer reads the free-text notes and a stacking ensemble combines it with the "
        "tabular model.",
    ],
    "Evaluation": [
        "On the held-out weeks the model reaches a {m} of 0.{n}{k} against 0.{k}{n} for the baseline. An A/B test "
        "with a guardrail on support contacts is planned before any rollout.",
        "The model reaches an accuracy of 9{k}% on the test set.",
        "The AUC is 0.{n}{k} on a random split of the data.",
    ],
    "Limitations": [
        "The trade-off is recall against reviewer workload; the main risk is that behaviour shifts after "
        "launch, which monitoring of the score distribution should catch.",
        "Labels only cover voluntary {d} events, so the model says nothing about the rest.",
    ],
    "Next steps": [
        "I recommend a four-week pilot with a holdout group, then a monthly retraining schedule.",
        "Next, test whether the {d} warnings change customer behaviour, and measure the effect on {m}.",
    ],
}
MODEL_FIRST = [
    "I would start with a random forest and see how it does before thinking about anything else.",
    "Use SMOTE to balance the classes, then train a neural network and pick the best epoch.",
    "Um, I guess I would just try a few models and keep whichever scores best.",
]
QUESTIONS = [
    "How would you reduce {d} for a subscription product?",
    "How would you design a system that scores {d} in real time?",
    "Your {d} model has 9{k}% accuracy. How would you decide whether it is good?",
    "What is the difference between precision and recall?",
    "Walk me through how you would evaluate a change to {d}.",
]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        n=rng.randint(2, 9), k=rng.randint(2, 9), p=rng.randint(1, 9), d=rng.choice(DOMAINS), m=rng.choice(METRICS)
    )


def resume(rng: random.Random, jobs: int = 3, bullets: int = 6) -> str:
    lean = rng.random()
    lines = [
        f"{rng.choice(['Alex', 'Sam', 'Priya', 'Jordan', 'Mei', 'Tomás'])} {rng.choice(['Rivera', 'Okafor', 'Chen', 'Lee', 'Novak'])}",
        "Data Scientist | candidate@example.com",
        "",
        "SUMMARY",
        _fill(rng.choice(WEAK[-2:]), rng),
        "",
        "EXPERIENCE",
    ]
    for _ in range(jobs):
        lines.append(
            f"{rng.choice(COMPANIES)}, {rng.choice(['Data Scientist', 'ML Engineer', 'Analyst'])}, "
            f"20{rng.randint(10, 19)}-20{rng.randint(20, 24)}"
        )
        for _ in range(bullets):
            pool = rng.choice([STRONG_DS if rng.random() < lean else STRONG_MLE, WEAK])
            lines.append("- " + _fill(rng.choice(pool), rng))
    lines += ["", "SKILLS", "- Python, SQL, Spark, Airflow, PyTorch, Tableau", "", "EDUCATION", "M.S. Statistics, 2016"]
    return "\n".join(lines) + "\n"


def writeup(rng: random.Random, repeat: int) -> str:
    out = [f"# {rng.choice(DOMAINS).title()} take-home", ""]
    sections = list(WRITEUP_SECTIONS)
    if rng.random() < 0.4:  # weak write-ups skip sections and lead with the model
        sections = [s for s in sections if rng.random() < 0.6] or ["Approach"]
        out += [_fill(rng.choice(MODEL_FIRST), rng), ""]
    for section in sections:
        out += [f"## {section}", ""]
        for _ in range(repeat):
            out += [_fill(rng.choice(WRITEUP_SECTIONS[section]), rng), ""]
    out += ["```bash", "pip install -r requirements.txt", "python train.py --seed 42", "```", ""]
    return "\n".join(out)


def answers(rng: random.Random) -> str:
    out = []
    for question in rng.sample(QUESTIONS, 4):
        body = rng.choice([rng.choice(MODEL_FIRST)] + WRITEUP_SECTIONS["Problem"] + WRITEUP_SECTIONS["Limitations"])
        out += [
            f"Q: {_fill(question, rng)}",
            f"A: {_fill(body, rng)}",
            _fill(rng.choice(WRITEUP_SECTIONS["Evaluation"]), rng),
            "",
        ]
    return "\n".join(out)


def make_corpus(out: Path, files: int = 300, seed: int = 20261122) -> list[Path]:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for sub in ("resumes", "writeups", "answers"):
        (out / sub).mkdir(parents=True)
    paths = []
    for i in range(files):
        kind = i % 10
        if kind < 4:
            path, text = out / "resumes" / f"resume_{i:04d}.txt", resume(rng, rng.randint(3, 5), rng.randint(6, 9))
        elif kind < 9:
            path, text = out / "writeups" / f"writeup_{i:04d}.md", writeup(rng, rng.randint(10, 20))
        else:
            path, text = out / "answers" / f"answers_{i:04d}.md", answers(rng)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def make_pdf(path: Path, seed: int = 7) -> Path:
    """A two-page resume PDF with bullets that wrap, as a word processor would export it."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    rng = random.Random(seed)
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=2, spaceAfter=2)
    heading = ParagraphStyle("heading", parent=body, fontName="Helvetica-Bold", fontSize=12, spaceBefore=8)
    story = []
    for line in resume(rng, jobs=4, bullets=7).splitlines():
        if not line:
            continue
        text = line.replace("&", "&amp;").replace("<", "&lt;")
        if line.startswith("- "):
            story.append(Paragraph(text[2:], bullet, bulletText="•"))
        elif line.isupper():
            story.append(Paragraph(text, heading))
        else:
            story.append(Paragraph(text, body))
    SimpleDocTemplate(str(path), pagesize=LETTER, invariant=1).build(story)
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    written = make_corpus(args.out, args.files)
    size = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files, {size / 1e6:.2f} MB, to {args.out}")
    print(f"wrote {make_pdf(args.out / 'resume_2pages.pdf')}")
