"""Resume section headings and their common variants, mapped to one canonical name.

This is document structure, not DS or ML knowledge: every resume has these sections whatever the role.
"""
from __future__ import annotations

import re

_VARIANTS = {
    "experience": [
        "experience", "work experience", "professional experience", "relevant experience", "industry experience",
        "employment", "employment history", "work history", "career history", "professional history",
        "career", "positions", "internships", "internship experience", "research experience",
        "leadership experience", "leadership", "volunteer experience", "volunteering", "teaching experience",
        "selected experience", "experience highlights", "professional background",
    ],
    "projects": [
        "projects", "project", "personal projects", "selected projects", "side projects", "academic projects",
        "key projects", "project experience", "portfolio", "open source", "open-source", "open source projects",
        "research projects", "research", "kaggle", "competitions",
    ],
    "skills": [
        "skills", "technical skills", "core skills", "key skills", "tools", "technologies", "tech stack",
        "skills and tools", "tools and technologies", "competencies", "core competencies",
        "technical proficiencies", "proficiencies", "languages and tools", "programming languages",
        "skills and technologies", "technical expertise", "expertise", "stack",
    ],
    "education": [
        "education", "academic background", "education and training", "qualifications", "coursework",
        "relevant coursework", "academics", "degrees",
    ],
    "summary": [
        "summary", "professional summary", "profile", "professional profile", "about", "about me",
        "objective", "career objective", "overview", "career summary", "personal statement", "highlights",
    ],
    "certifications": ["certifications", "certificates", "licenses and certifications", "courses", "training"],
    "awards": ["awards", "honors", "honours", "awards and honors", "achievements", "honors and awards"],
    "publications": ["publications", "papers", "talks", "publications and talks", "patents"],
    "interests": ["interests", "hobbies", "hobbies and interests", "activities"],
    "languages": ["languages", "spoken languages"],
    "contact": ["contact", "contact information", "contact details", "references"],
}

_LOOKUP = {variant: name for name, variants in _VARIANTS.items() for variant in variants}
_DECORATION = re.compile(r"[*_#=\-–—:|•\s]+")


def normalise_heading(text: str) -> str:
    """'## **Work History:**' -> 'work history'."""
    text = text.replace("&", " and ").replace("/", " and ")
    text = _DECORATION.sub(" ", text).strip().lower()
    return re.sub(r"\s+", " ", text)


def canonical_section(text: str) -> str | None:
    """The canonical section a heading names, or None if it names none of the known sections."""
    if len(text) > 60:
        return None
    return _LOOKUP.get(normalise_heading(text))
