"""Regenerates the Markdown, PDF and DOCX twins of each sample resume from its .txt source.

    pip install -e ".[samples]"     # reportlab, for the PDFs
    python samples/make_samples.py

The .txt files are the source of truth and are written by hand. This script has its own small parser on
purpose: the samples test rolelint's readers, so they must not be made by them. Output is deterministic,
so regenerating leaves unchanged files byte-identical.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADINGS = {"summary", "experience", "work history", "projects", "skills", "education"}


def parse(text: str) -> dict:
    """name, contact, and a list of sections: (heading, [("job", text) | ("bullet", text) | ("para", text)])."""
    lines = text.rstrip("\n").split("\n")
    name, contact = lines[0], lines[1]
    sections: list[tuple[str, list]] = []
    for line in lines[2:]:
        if not line.strip():
            continue
        if line.strip().lower() in HEADINGS:
            sections.append((line.strip(), []))
        elif line.startswith("- "):
            sections[-1][1].append(["bullet", line[2:].strip()])
        elif line.startswith(" ") and sections[-1][1] and sections[-1][1][-1][0] == "bullet":
            sections[-1][1][-1][1] += " " + line.strip()  # a wrapped bullet
        else:
            sections[-1][1].append(["para", line.strip()])
    return {"name": name, "contact": contact, "sections": sections}


def to_markdown(resume: dict) -> str:
    out = [f"# {resume['name']}", "", resume["contact"], ""]
    for heading, items in resume["sections"]:
        out += [f"## {heading.title()}", ""]
        previous = None
        for kind, text in items:
            if kind == "para" and previous == "bullet":
                out.append("")
            if kind == "bullet":
                out.append(f"- {text}")
            else:
                out += [f"**{text}**" if heading.lower() in ("experience", "work history") else text]
                if heading.lower() not in ("experience", "work history"):
                    out.append("")
            previous = kind
        if out[-1] != "":
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def to_pdf(resume: dict, path: Path) -> None:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=2, spaceAfter=2)
    heading = ParagraphStyle("heading", parent=body, fontName="Helvetica-Bold", fontSize=12, leading=16, spaceBefore=8)
    title = ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=20)
    story = [Paragraph(resume["name"], title), Paragraph(resume["contact"], body), Spacer(1, 4)]
    for name, items in resume["sections"]:
        story.append(Paragraph(name.upper(), heading))
        for kind, text in items:
            escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            story.append(Paragraph(escaped, bullet, bulletText="•") if kind == "bullet" else Paragraph(escaped, body))
    doc = SimpleDocTemplate(
        str(path),
        pagesize=LETTER,
        leftMargin=54,
        rightMargin=54,
        topMargin=54,
        bottomMargin=54,
        invariant=1,
        title=resume["name"],
        author="rolelint samples",
    )
    doc.build(story)


def to_docx(resume: dict, path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.created = datetime.datetime(2026, 1, 1)
    document.core_properties.modified = datetime.datetime(2026, 1, 1)
    document.core_properties.author = "rolelint samples"
    document.add_heading(resume["name"], 0)
    document.add_paragraph(resume["contact"])
    for name, items in resume["sections"]:
        document.add_heading(name.title(), level=1)
        for kind, text in items:
            document.add_paragraph(text, style="List Bullet" if kind == "bullet" else None)
    document.save(str(path))


def main(folder: Path = HERE / "resumes") -> int:
    for source in sorted(folder.glob("*.txt")):
        resume = parse(source.read_text(encoding="utf-8"))
        source.with_suffix(".md").write_text(to_markdown(resume), encoding="utf-8")
        to_pdf(resume, source.with_suffix(".pdf"))
        to_docx(resume, source.with_suffix(".docx"))
        print(f"wrote {source.stem}.md, .pdf, .docx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
