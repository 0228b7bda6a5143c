"""Section vocabularies: which heading names which section of a document, and what each section means to
the engine (where document-wide findings sit, what marks a resume, how much its role signal counts).

The words are data, in rules/sections/*.yaml and in the sections/ folder of any rule pack; this module
only reads and applies them. Readers use a vocabulary to tell a heading from a line of text.
"""

from __future__ import annotations

import functools
import re

from .records import Record
from .schema import Checker, RuleError

NO_SECTION = "none"  # how rule files name the part of a document before its first heading
OTHER = "other"  # a heading that names no known section
_DECORATION = re.compile(r"[*_#=\-–—:|•\s]+")
_MAX_HEADING = 60


class Section(Record):
    name: str = ""
    title: str = ""
    anchor: bool = False
    marks_resume: bool = False
    signal_weight: float = 1.0
    holds_titles: bool = False
    source: str = ""


class Vocabulary:
    """Sections by name, and the heading texts that name each."""

    def __init__(self, sections: dict[str, Section], headings: dict[str, str]):
        self.sections = sections
        self.headings = headings  # normalised heading text -> section name

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.sections) | {NO_SECTION, OTHER}

    def canonical(self, text: str) -> str | None:
        """The section a heading names, or None if it names none of the known sections."""
        if len(text) > _MAX_HEADING:
            return None
        return self.headings.get(normalise_heading(text))

    @property
    def anchor(self) -> Section | None:
        return next((s for s in self.sections.values() if s.anchor), None)

    @property
    def resume_sections(self) -> frozenset[str]:
        return frozenset(name for name, s in self.sections.items() if s.marks_resume)

    def signal_weight(self, name: str | None) -> float:
        section = self.sections.get(name or "")
        return section.signal_weight if section else 1.0

    def holds_titles(self, name: str | None) -> bool:
        """Whether a line in this section may give a job title the author held: the part before the first
        heading and unknown sections may; of the known ones, those marked holds_titles."""
        section = self.sections.get(name or "")
        return section.holds_titles if section else True


def normalise_heading(text: str) -> str:
    """'## **Work History:**' -> 'work history'."""
    text = text.replace("&", " and ").replace("/", " and ")
    text = _DECORATION.sub(" ", text).strip().lower()
    return re.sub(r"\s+", " ", text)


def build_vocabulary(files: list[tuple[str, dict, bool]]) -> Vocabulary:
    """A vocabulary from parsed sections/*.yaml files, (path, data, trusted) in load order: built-in first."""
    sections: dict[str, Section] = {}
    headings: dict[str, str] = {}
    for path, data, trusted in files:
        check = Checker(path, data, trusted)
        check.only({"sections"})
        for name, entry in check.mapping("sections").items():
            where = f"sections.{name}"
            if not isinstance(entry, dict):
                check.fail(where, "must be a mapping with a title and headings")
            check.only_in(
                where, entry, {"title", "headings", "anchor", "marks_resume", "signal_weight", "holds_titles"}
            )
            if name in sections and "title" in entry:
                check.fail(
                    f"{where}.title",
                    f"section '{name}' is already defined in {sections[name].source}; "
                    "add headings to it without a title",
                )
            words = entry.get("headings", [])
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                check.fail(f"{where}.headings", "must be a list of heading texts")
            for word in words:
                key = normalise_heading(word)
                if headings.get(key, name) != name:
                    check.fail(f"{where}.headings", f"'{word}' already names section '{headings[key]}'")
                headings[key] = name
            if name not in sections:
                title = entry.get("title")
                if not isinstance(title, str) or not title.strip():
                    check.fail(f"{where}.title", "must be non-empty text")
                weight = entry.get("signal_weight", 1.0)
                if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 <= weight <= 1:
                    check.fail(f"{where}.signal_weight", f"must be a number from 0 to 1 (got {weight!r})")
                for flag in ("anchor", "marks_resume", "holds_titles"):
                    if not isinstance(entry.get(flag, False), bool):
                        check.fail(f"{where}.{flag}", "must be true or false")
                sections[name] = Section(
                    name,
                    title.strip(),
                    entry.get("anchor", False),
                    entry.get("marks_resume", False),
                    float(weight),
                    entry.get("holds_titles", False),
                    path,
                )
    anchors = [s for s in sections.values() if s.anchor]
    if len(anchors) > 1:
        raise RuleError(
            f"{anchors[1].source}: key 'sections.{anchors[1].name}.anchor': only one section can be "
            f"the anchor, and '{anchors[0].name}' is ({anchors[0].source})"
        )
    return Vocabulary(sections, headings)


@functools.lru_cache(maxsize=1)
def builtin_vocabulary() -> Vocabulary:
    """The built-in vocabulary alone, for readers called without one (the engine passes its rule set's)."""
    from .rulefiles import builtin_rules_dir, parse_folder

    folder = builtin_rules_dir()
    parsed, trusted = parse_folder(folder, use_cache=True)
    return build_vocabulary(
        [(f"{folder}/{name}", data, trusted) for name, data in parsed.items() if name.startswith("sections/")]
    )
