"""The HTML report: one self-contained file with the text, highlighted findings, suggestions and the role bar."""

from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from linter.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.text_in: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        for tag in set(self.stack):
            self.text_in.setdefault(tag, []).append(data)


def _render(tmp_path, *args):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", "--format", "html", "-o", str(out), *args])
    page = _Collector()
    page.feed(out.read_text(encoding="utf-8"))
    return result, page, out.read_text(encoding="utf-8")


def test_html_report_highlights_findings_and_draws_the_role_bar(tmp_path):
    result, page, html = _render(tmp_path, "--role", "mle", str(SAMPLES / "resumes" / "hybrid_resume.md"))
    assert result.exit_code == 1
    marks = [attrs for tag, attrs in page.tags if tag == "mark"]
    assert len(marks) >= 4 and {m["class"] for m in marks} <= {"info", "warning", "error"}
    bar = [attrs for tag, attrs in page.tags if tag == "span" and attrs.get("class", "").startswith("role-")]
    assert {b["class"] for b in bar} == {"role-ds", "role-mle"}
    assert all("width:" in b["style"] for b in bar)
    items = [attrs for tag, attrs in page.tags if tag == "li" and attrs.get("id", "").startswith("file1-f")]
    assert len(items) == 4
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert links and all(link.startswith("#file1-f") for link in links)
    marked = "".join(page.text_in["mark"])
    assert "Designed a pricing A/B test" in marked
    assert "Say what you built or ran in production" in "".join(page.text_in["aside"])


def test_html_report_is_self_contained(tmp_path):
    _, page, html = _render(tmp_path, str(SAMPLES / "answers" / "mle_weak.md"), str(tmp_path / "missing.md"))
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "img", "iframe")
        for name in ("src", "href"):
            assert not attrs.get(name, "#").split("#")[0], (tag, attrs)
    assert "does not exist" in html  # the unreadable file has its error box


def test_html_escapes_document_text(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("## Experience\n\n- Improved <script>alert(1)</script> the model.\n")
    _, page, html = _render(tmp_path, str(path))
    assert "<script>" not in html and not any(tag == "script" for tag, _ in page.tags)


def test_html_report_shows_each_flagged_bullets_rewrite_under_it(tmp_path):
    resume = tmp_path / "resume.md"
    resume.write_text(
        "# Experience\n\n- Was tasked with migrating the scoring models to Kubernetes\n"
        "- Cut p95 latency of the quote API from 900 ms to 120 ms with a Redis cache\n",
        encoding="utf-8",
    )
    _, page, html = _render(tmp_path, "--role", "mle", "--kind", "resume", "--no-config", str(resume))
    boxes = [attrs for tag, attrs in page.tags if tag == "div" and attrs.get("class") == "rewrite"]
    assert len(boxes) == 1
    bullets = "".join(page.text_in["li"])
    assert "Rewrite (RL103)" in bullets and "Migrated the scoring models to Kubernetes, serving <" in bullets
    # the rewrite sits in the bullet it rewrites, escaped like every text of the document
    first_item = html.split("<li>")[1].split("</li>")[0]
    assert 'class="rewrite"' in first_item and "&lt;requests per second&gt;" in first_item
