"""outline: the sections a document of this kind should have, by role. `sections_known` maps each section
to its title and the words a heading may use for it ("Problem", "Objective", "Business question" are one
section); `expected` lists the sections per role (and `default`). Headings, and list items or paragraphs
led by a bold title, count. One finding per missing section, on the first heading; a document with fewer
than two headings gets one finding that lists them all."""

import functools
import re

from ..document import BULLET, HEADING, PARAGRAPH
from ..schema import Field, KindSchema
from .base import anchor_hit


class _SectionsKnown(Field):
    def check(self, value, key, checker, refs) -> None:
        if not isinstance(value, dict) or not value:
            checker.fail(key, "must map each section to its title and heading words")
        for name, section in value.items():
            if (
                not isinstance(section, dict)
                or not isinstance(section.get("title"), str)
                or not (
                    isinstance(section.get("words"), list)
                    and section["words"]
                    and all(isinstance(w, str) for w in section["words"])
                )
            ):
                checker.fail(f"{key}.{name}", "needs a 'title' and a list of heading 'words'")


class _Expected(Field):
    """Sections per role; which sections exist is checked against sections_known, which comes first."""

    def check(self, value, key, checker, refs) -> None:
        known = checker.data.get("sections_known") or {}
        if not isinstance(value, dict) or "default" not in value:
            checker.fail(key, "must map roles (and 'default') to lists of sections")
        for role, keys in value.items():
            if not isinstance(keys, list) or not all(k in known for k in keys):
                checker.fail(f"{key}.{role}", f"must list sections from: {', '.join(known)}")


SCHEMA = KindSchema(required={"sections_known": _SectionsKnown(), "expected": _Expected()})

# "5. **Deployment & Monitoring**": a list item or paragraph led by a short bold title acts as a heading.
_BOLD_LEAD = re.compile(r"^\s*(?:\*\*|__)([^*_]{2,60})(?:\*\*|__)")


def _titles(document) -> list[str]:
    titles = []
    for block in document.blocks:
        if block.type == HEADING:
            titles.append(block.text.lower())
        elif block.type in (BULLET, PARAGRAPH):
            lead = _BOLD_LEAD.match(block.text)
            if lead:
                titles.append(lead.group(1).lower())
    return titles


@functools.lru_cache(maxsize=256)
def _heading_pattern(words: tuple) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in words) + r")\b")


def evaluate(rule, context):
    known = rule.params["sections_known"]
    expected = rule.params["expected"].get(context.role or "", rule.params["expected"]["default"])
    headings = _titles(context.document)
    target = context.roles.label(context.role) if context.roles and context.role else "any"
    missing = [
        key for key in expected if not any(_heading_pattern(tuple(known[key]["words"])).search(h) for h in headings)
    ]
    if not missing:
        return
    if len(headings) < 2:
        yield anchor_hit(
            context, missing=", ".join(known[k]["title"] for k in missing), target=target, count=len(missing)
        )
        return
    for key in missing:
        yield anchor_hit(context, missing=known[key]["title"], target=target, count=1)
