"""The HTML reader: a saved web page (a job posting) as headings, bullets and paragraphs, without the
site's scripts, styles and navigation."""

import time

import linter
from linter.readers import read_path

PAGE = """<!doctype html>
<html><head><title>Careers</title><style>li { color: red }</style>
<script>var requirements = ["Java"];</script></head>
<body><nav><ul><li>Home</li><li>Jobs</li></ul></nav>
<header>Acme careers</header>
<main>
<h1>Machine Learning Engineer</h1>
<p>We serve models to
millions of users.</p>
<h2>Requirements</h2>
<ul>
  <li>3+ years of <b>Python</b> in production</li>
  <li>Experience with Kubernetes &amp; Docker</li>
</ul>
<h2>Nice to have</h2>
<ul><li>vLLM or TGI</li></ul>
</main>
<aside>Similar jobs: Data Analyst</aside>
<footer>Cookie settings</footer>
</body></html>
"""


def _blocks(tmp_path, html, name="posting.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return [(b.type, b.start.line, b.text) for b in read_path(str(path)).blocks]


def test_a_saved_page_reads_as_its_headings_bullets_and_paragraphs_with_file_lines(tmp_path):
    assert _blocks(tmp_path, PAGE) == [
        ("heading", 7, "Machine Learning Engineer"),
        ("paragraph", 8, "We serve models to millions of users."),
        ("heading", 10, "Requirements"),
        ("bullet", 12, "3+ years of Python in production"),
        ("bullet", 13, "Experience with Kubernetes & Docker"),
        ("heading", 15, "Nice to have"),
        ("bullet", 16, "vLLM or TGI"),
    ]


def test_scripts_styles_and_site_chrome_are_dropped(tmp_path):
    text = " ".join(t for _, _, t in _blocks(tmp_path, PAGE))
    for chrome in ("Java", "color", "Home", "Acme careers", "Similar jobs", "Cookie", "Careers"):
        assert chrome not in text


def test_an_unclosed_script_hides_the_rest_and_stray_end_tags_do_no_harm(tmp_path):
    html = "<h1>Data Scientist</h1></div></li></ul><p>SQL</p><script>never closed <p>Python</p>"
    assert [t for _, _, t in _blocks(tmp_path, html)] == ["Data Scientist", "SQL"]


def test_a_deeply_nested_page_reads_in_time_proportional_to_its_size(tmp_path):
    html = "<div>" * 200_000 + "<p>Python</p>" + "</div>" * 200_000
    started = time.process_time()
    blocks = _blocks(tmp_path, html)
    assert [t for _, _, t in blocks] == ["Python"]
    assert time.process_time() - started < 20  # generous: a quadratic walk would take minutes


def test_a_directory_walk_does_not_lint_web_pages_but_a_named_one_is_read(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "resume.md").write_text("# Experience\n\n- Built a churn model\n", encoding="utf-8")
    walked = linter.lint_paths([str(tmp_path)], use_config=False)
    assert [r.path.rsplit("/", 1)[-1] for r in walked] == ["resume.md"]
    [named] = linter.lint_paths([str(tmp_path / "site" / "index.html")], use_config=False)
    assert named.format == "html" and not named.unreadable
