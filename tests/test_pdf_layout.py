"""The PDF reader reads layouts as a person does (issue 13): columns one at a time, bullets whose glyph is
lost or odd, a right-aligned contact block, hyphens and spaces the text layer lost. Every PDF here is drawn
by the test with reportlab, in words of our own."""

from pathlib import Path

import pytest

pytest.importorskip("reportlab")

from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from linter.api import lint_paths  # noqa: E402
from linter.readers import read_bytes  # noqa: E402

FONT, SIZE, LEADING = "Helvetica", 10, 12.5
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def draw(path: Path, rows) -> Path:
    """rows: (x, y, text) or (x, y, text, font); one page of US letter."""
    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    for row in rows:
        x, y, text = row[:3]
        pdf.setFont(row[3] if len(row) > 3 else FONT, SIZE)
        pdf.drawString(x, y, text)
    pdf.save()
    return path


def draw_pages(path: Path, pages) -> Path:
    """pages: one list of (x, y, text) rows a page."""
    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    for rows in pages:
        for x, y, text in rows:
            pdf.setFont(FONT, SIZE)
            pdf.drawString(x, y, text)
        pdf.showPage()
    pdf.save()
    return path


def blocks(path: Path):
    return read_bytes(path.read_bytes(), path.name, "pdf").blocks


def bullets(path: Path):
    return [(b.text, b.section, b.start.page, b.start.line) for b in blocks(path) if b.type == "bullet"]


def stacked(x: float, top: float, texts, leading: float = LEADING):
    return [(x, top - i * leading, text) for i, text in enumerate(texts)]


def test_a_sidebar_is_read_apart_from_the_experience_beside_it(tmp_path):
    side = stacked(40, 740, ["Skills", "Python", "SQL", "Airflow", "Spark", "Docker", "Tableau", "Git", "dbt"], 18)
    main = stacked(
        220,
        740,
        [
            "Experience",
            "Data Scientist, Harbour Freight Analytics",
            "- Built a demand forecast for 300 depots, cutting stockouts by 12%",
            "- Ran pricing experiments on 40,000 orders and set the new discount policy",
            "- Wrote a churn study that moved the retention budget to the top decile",
            "",
            "Education",
            "MSc Statistics, Northfield University",
        ],
        18,
    )
    path = draw(tmp_path / "sidebar.pdf", side + [r for r in main if r[2]])
    found = bullets(path)
    assert [text for text, *_ in found] == [
        "Built a demand forecast for 300 depots, cutting stockouts by 12%",
        "Ran pricing experiments on 40,000 orders and set the new discount policy",
        "Wrote a churn study that moved the retention budget to the top decile",
    ]
    assert {section for _, section, *_ in found} == {"experience"}
    # the sidebar is read first, then the main column: line n is the n-th row in that order
    assert [line for *_, line in found] == [12, 13, 14]
    skills = [b for b in blocks(path) if b.section == "skills" and b.type != "heading"]
    assert skills and all("depots" not in b.text for b in skills)


def test_columns_drawn_row_by_row_are_read_one_column_at_a_time(tmp_path):
    """A template that draws both columns a row at a time: the text layer has the sidebar's words and the
    job's on the same lines."""
    side = ["Skills", "Python", "Kafka", "Terraform", "Grafana", "PostgreSQL", "Kubernetes"]
    main = [
        "Experience",
        "- Moved model serving to a shared GPU pool, halving",
        "inference cost for 14 teams",
        "- Set up drift alerts on 60 features, catching two",
        "broken upstream feeds before they reached training",
        "- Wrote the on-call guide for the scoring service",
    ]
    rows = []
    for i in range(max(len(side), len(main))):
        y = 740 - i * 16
        if i < len(side):
            rows.append((40, y, side[i]))
        if i < len(main):
            rows.append((230 if not main[i][0].islower() else 240, y, main[i]))
    path = draw(tmp_path / "rows.pdf", rows)
    found = bullets(path)
    assert [(text, section) for text, section, *_ in found] == [
        ("Moved model serving to a shared GPU pool, halving inference cost for 14 teams", "experience"),
        (
            "Set up drift alerts on 60 features, catching two broken upstream feeds before they reached training",
            "experience",
        ),
        ("Wrote the on-call guide for the scoring service", "experience"),
    ]
    assert [line for *_, line in found] == [9, 11, 13]  # the 7 sidebar rows first, then the main column
    assert not any("Kafka" in b.text and "GPU" in b.text for b in blocks(path))


def test_rows_drawn_in_no_order_are_read_top_to_bottom(tmp_path):
    texts = [
        "Priya Mendes",
        "Summary",
        "Analyst who turns support tickets into product decisions",
        "Experience",
        "- Tagged 90,000 tickets with a topic model and ranked the top ten pain points",
        "- Ran the onboarding experiment that raised week-one retention by 5%",
        "- Built the weekly churn review used by the support leads",
    ]
    rows = stacked(60, 740, texts, 18)
    order = [4, 0, 6, 2, 5, 1, 3]  # a builder that places its text boxes in any order
    path = draw(tmp_path / "boxes.pdf", [rows[i] for i in order])
    ordered = [b for b in blocks(path)]
    assert ordered[0].text == "Priya Mendes"
    found = bullets(path)
    assert [(text[:20], section, line) for text, section, _, line in found] == [
        ("Tagged 90,000 ticket", "experience", 5),
        ("Ran the onboarding e", "experience", 6),
        ("Built the weekly chu", "experience", 7),
    ]


def test_bullets_whose_glyph_is_lost_are_found_by_their_hanging_indent(tmp_path):
    rows = [
        (60, 740, "Experience"),
        (60, 720, "Platform Engineer, Larkspur Logistics"),
        (80, 704, "Moved nightly batch scoring of 2 million parcels onto a streaming job with"),
        (92, 692, "a 5 minute freshness target and alerting on lag"),
        (80, 676, "Cut the feature store's storage bill by 30% by compacting stale partitions"),
        (92, 664, "and expiring unused feature views"),
        (80, 652, "Wrote the runbook for the scoring service"),
        (80, 640, "Mentored two new engineers through their first on-call rotation and handover"),
        (92, 628, "of the alerting rules"),
    ]
    found = bullets(draw(tmp_path / "hang.pdf", rows))
    assert [(text, section, line) for text, section, _, line in found] == [
        (
            "Moved nightly batch scoring of 2 million parcels onto a streaming job with a 5 minute freshness "
            "target and alerting on lag",
            "experience",
            3,
        ),
        (
            "Cut the feature store's storage bill by 30% by compacting stale partitions and expiring unused "
            "feature views",
            "experience",
            5,
        ),
        ("Wrote the runbook for the scoring service", "experience", 7),
        (
            "Mentored two new engineers through their first on-call rotation and handover of the alerting rules",
            "experience",
            8,
        ),
    ]


@pytest.mark.skipif(not _DEJAVU.exists(), reason="needs the DejaVu Sans font")
def test_star_and_diamond_glyphs_are_bullets(tmp_path):
    pdfmetrics.registerFont(TTFont("DejaVu", str(_DEJAVU)))
    rows = [
        (60, 740, "Projects", "DejaVu"),
        (60, 722, "\u2605 Trained a parcel damage classifier on 8,000 labelled photos", "DejaVu"),
        (60, 708, "\u25c6 Served it behind a queue that handles 50 requests a second", "DejaVu"),
        (60, 694, "\u22c4 Logged its drift weekly \u22c4 Retrained it monthly", "DejaVu"),
    ]
    found = bullets(draw(tmp_path / "stars.pdf", rows))
    assert [(text, section, line) for text, section, _, line in found] == [
        ("Trained a parcel damage classifier on 8,000 labelled photos", "projects", 2),
        ("Served it behind a queue that handles 50 requests a second", "projects", 3),
        ("Logged its drift weekly", "projects", 4),
        ("Retrained it monthly", "projects", 4),
    ]


@pytest.mark.skipif(not _DEJAVU.exists(), reason="needs the DejaVu Sans font")
def test_an_outer_glyph_marks_the_employer_not_an_item(tmp_path):
    pdfmetrics.registerFont(TTFont("DejaVu", str(_DEJAVU)))
    rows = [
        (40, 740, "Experience", "DejaVu"),
        (40, 722, "\u27a4 Fenwick Health | Boston", "DejaVu"),
        (52, 708, "Data Engineer | 2021 - 2024", "DejaVu"),
        (58, 694, "\u2605 Rebuilt the claims ingestion job, cutting its run time from 3 hours to 20 minutes", "DejaVu"),
        (58, 680, "\u2605 Added data contracts to 12 upstream tables", "DejaVu"),
        (40, 660, "\u27a4 Tallis Retail | Remote", "DejaVu"),
        (58, 646, "\u2605 Wrote the first demand dashboard used by store managers", "DejaVu"),
    ]
    path = draw(tmp_path / "groups.pdf", rows)
    assert [(text, line) for text, _, _, line in bullets(path)] == [
        ("Rebuilt the claims ingestion job, cutting its run time from 3 hours to 20 minutes", 4),
        ("Added data contracts to 12 upstream tables", 5),
        ("Wrote the first demand dashboard used by store managers", 7),
    ]
    titles = [b.text for b in blocks(path) if b.type == "paragraph"]
    assert titles == ["Fenwick Health | Boston Data Engineer | 2021 - 2024", "Tallis Retail | Remote"]


def test_a_dingbat_bullet_is_a_bullet(tmp_path):
    rows = [
        (60, 740, "Experience"),
        (60, 722, "H", "ZapfDingbats"),
        (74, 722, "Shipped a fraud score used at checkout"),
    ]
    found = bullets(draw(tmp_path / "dingbat.pdf", rows))
    assert [(text, section) for text, section, *_ in found] == [
        ("Shipped a fraud score used at checkout", "experience")
    ]


def test_a_tab_after_the_bullet_glyph_does_not_break_the_bullet(tmp_path):
    rows = [
        (60, 740, "Experience"),
        (60, 722, "\u2022"),  # the glyph, then a tab's width before its text
        (84, 722, "Halved the nightly scoring time of the credit model by moving its features"),
        (84, 710, "to a columnar store shared with the fraud team"),
        (60, 694, "\u2022"),
        (84, 694, "Retired three legacy scorecards after a six week shadow comparison"),
    ]
    found = bullets(draw(tmp_path / "tab.pdf", rows))
    assert [(text, line) for text, _, _, line in found] == [
        (
            "Halved the nightly scoring time of the credit model by moving its features to a columnar store shared "
            "with the fraud team",
            2,
        ),
        ("Retired three legacy scorecards after a six week shadow comparison", 4),
    ]


def test_sentences_at_the_margin_are_one_item_each(tmp_path):
    rows = stacked(
        60,
        740,
        [
            "Experience",
            "Analyst, Quillon Insurance",
            "Built a claims triage model that sent 20% of claims to fast track.",
            "Rewrote the weekly loss report so that underwriters could filter it by region",
            "and by broker.",
            "Trained two juniors in SQL.",
        ],
    )
    found = bullets(draw(tmp_path / "margin.pdf", rows))
    assert [(text, line) for text, _, _, line in found] == [
        ("Built a claims triage model that sent 20% of claims to fast track.", 3),
        ("Rewrote the weekly loss report so that underwriters could filter it by region and by broker.", 4),
        ("Trained two juniors in SQL.", 6),
    ]
    assert {section for _, section, *_ in found} == {"experience"}


def test_a_right_aligned_contact_block_stays_apart_from_the_name_and_the_first_bullet(tmp_path):
    rows = [
        (60, 750, "Robin Alder"),
        (430, 752, "robin@example.org"),
        (430, 740, "+44 20 7946 0000"),
        (430, 728, "Leeds, UK"),
        (60, 700, "Experience"),
        (60, 684, "- Launched a recommendation widget that lifted basket size by 4%"),
    ]
    path = draw(tmp_path / "contact.pdf", rows)
    found = bullets(path)
    assert [(text, section) for text, section, *_ in found] == [
        ("Launched a recommendation widget that lifted basket size by 4%", "experience")
    ]
    name = next(b for b in blocks(path) if "Robin" in b.text)
    assert "Experience" not in name.text and "widget" not in name.text


def test_hyphens_soft_and_wrapped(tmp_path):
    rows = [
        (60, 740, "Experience"),
        (60, 722, "- Rebuilt the label\xadling tool and the data-"),
        (72, 710, "driven review queue, then automated the build-"),
        (72, 698, "ing of training sets for experi-"),
        (72, 686, "ence transfer"),
    ]
    ((text, section, _, line),) = bullets(draw(tmp_path / "hyphens.pdf", rows))
    assert "data-driven" in text and "building" in text and "experience" in text, text
    assert "\u00ad" not in text and "\ufffe" not in text
    assert (section, line) == ("experience", 2)


def test_words_placed_without_space_characters_are_spaced(tmp_path):
    x, rows = 72.0, [(60, 740, "Experience")]
    words = "- Fitted support vector machines, random forests and boosted trees".split()
    for word in words:
        rows.append((x, 722, word))
        x += pdfmetrics.stringWidth(word, FONT, SIZE) + 2.6  # a word gap drawn by position, no space
    ((text, *_),) = bullets(draw(tmp_path / "spaces.pdf", rows))
    assert text == "Fitted support vector machines, random forests and boosted trees"


def _rl108(path: Path):
    results = lint_paths([path], use_config=False, kind="resume", select=["RL108"])
    return [(f.page, f.line) for f in results[0].findings]


def test_rl108_counts_printed_lines_on_a_pdf(tmp_path):
    two = [
        "- Replaced a hand-tuned ranking rule with a gradient boosted model for the search page of a grocery delivery",
        "app, lifting the add-to-basket rate by 3.1% across 2 million weekly sessions in one quarter, at no cost"
        " in latency",
    ]
    four = [
        "- Designed and ran the offline evaluation harness, the shadow deployment and the canary rollout of the new",
        "ranking model, with dashboards for latency, error rate and add-to-basket rate per region, a weekly review",
        "with product managers, and an automated rollback that fired twice in the first month and kept the release",
        "train on its two week schedule",
    ]
    rows = [(40, 740, "Experience")] + stacked(40, 720, two) + stacked(40, 680, four)
    rows = [(x + (8 if i not in (1, 3) else 0), y, t) for i, (x, y, t) in enumerate(rows)]
    path = draw(tmp_path / "lengths.pdf", rows)
    texts = [text for text, *_ in bullets(path)]
    assert len(texts) == 2 and len(texts[0].split()) > 35  # over the word limit, yet two printed lines
    assert _rl108(path) == [(1, 4)]


def test_soft_hyphens_marked_by_pdfium_join_words_but_not_compounds():
    """Pieces as the text layer's reader sends them: U+00AD where PDFium joined a line ending in a hyphen."""
    from linter.readers.pdflayout import page_source_lines

    pieces = [
        (
            "Tuned the retrieval step for experi\u00adence and manage\u00adment, with a cross\u00adfunctional, "
            "data\u00addriven team",
            60,
            500,
            700,
            690,
            12,
            0,
        ),
    ]
    (line, _blank) = page_source_lines(1, pieces)
    assert (
        line.text == "Tuned the retrieval step for experience and management, with a cross-functional, data-driven team"
    )


def test_a_glyph_on_a_text_line_of_its_own_joins_its_item():
    """Pieces as the text layer's reader sends them: the glyph (in a symbol font, a little raised) is a line
    of the library's text by itself, then comes the item's first row."""
    from linter.readers.pdflayout import page_source_lines

    pieces = [
        ("Experience", 60, 110, 747, 738, 11.7, 0),
        ("\u2022", 60, 64, 729, 723, 11.7, 1),
        ("Cut the model's cold-start latency from 900 ms to 120 ms by caching embeddings", 76, 470, 728, 719, 11.7, 2),
        ("for new users", 76, 140, 716, 707, 11.7, 3),
    ]
    lines = [line for line in page_source_lines(1, pieces) if line.text]
    assert [(line.text, line.line) for line in lines] == [
        ("Experience", 1),
        ("\u2022 Cut the model's cold-start latency from 900 ms to 120 ms by caching embeddings", 2),
        ("for new users", 3),
    ]


def test_lines_are_counted_on_each_page(tmp_path):
    first = stacked(
        60,
        740,
        [
            "Experience",
            "Research Engineer, Ostrander Labs",
            "- Trained a speech model on 4,000 hours of call audio, cutting word errors by 11%",
        ],
    )
    second = stacked(
        60, 740, ["- Shipped it to 3 call centres behind a confidence threshold", "Education", "BSc Physics"]
    )
    found = bullets(draw_pages(tmp_path / "pages.pdf", [first, second]))
    assert [(text[:18], section, page, line) for text, section, page, line in found] == [
        ("Trained a speech m", "experience", 1, 3),
        ("Shipped it to 3 ca", "experience", 2, 1),
    ]


def test_a_short_title_over_an_indented_paragraph_is_not_a_bullet(tmp_path):
    rows = [
        (60, 740, "Projects"),
        (60, 722, "Tide gauge anomaly finder (2023)"),
        (72, 708, "A side project that flags broken tide gauges from their residuals against a harmonic fit,"),
        (72, 696, "written up for a coastal monitoring group and used in their quarterly data review."),
    ]
    path = draw(tmp_path / "title.pdf", rows)
    assert not [b for b in blocks(path) if b.type == "bullet" and b.text.startswith("Tide gauge")]
