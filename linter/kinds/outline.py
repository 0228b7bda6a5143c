"""outline: the sections a document of this kind should have, by role. `sections_known` maps each section
to its title and the words a heading may use for it ("Problem", "Objective", "Business question" are one
section); `expected` lists the sections per role (and `default`). Headings, and list items or paragraphs
led by a bold title or a label ("Caveats: ..."), and short prompts from the assignment, count; a section
may also list `mentions`, phrases whose use anywhere in the prose counts (a baseline compared with), and
`except`, phrases of a title that do not count ("decision tree" is no decision section), and `prose`,
regular expressions over the lower-cased prose that count as the section where it is substantive (the
data's source, size or fields, under whatever heading). The
`model_sections` are expected only of a write-up that builds a model. One finding per document, on the
anchor heading, that lists every missing section."""

import functools
import re

from ..document import BULLET, HEADING, PARAGRAPH, QUESTION
from ..regexes import combine
from ..schema import Field, KindSchema
from ..writeups import ANALYSIS
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
            for extra in ("mentions", "except", "prose"):
                phrases = section.get(extra, []) if isinstance(section, dict) else []
                if not isinstance(phrases, list) or not all(isinstance(m, str) for m in phrases):
                    checker.fail(f"{key}.{name}.{extra}", "must be a list of phrases")
            if isinstance(section, dict) and section.get("prose"):
                checker.regexes(f"{key}.{name}.prose", section["prose"])


class _Expected(Field):
    """Sections per role; which sections exist is checked against sections_known, which comes first."""

    def check(self, value, key, checker, refs) -> None:
        known = checker.data.get("sections_known") or {}
        if not isinstance(value, dict) or "default" not in value:
            checker.fail(key, "must map roles (and 'default') to lists of sections")
        for role, keys in value.items():
            if not isinstance(keys, list) or not all(k in known for k in keys):
                checker.fail(f"{key}.{role}", f"must list sections from: {', '.join(known)}")


class _ModelSections(Field):
    """Sections expected only of a write-up that builds a model (a baseline, monitoring)."""

    def check(self, value, key, checker, refs) -> None:
        known = checker.data.get("sections_known") or {}
        if not isinstance(value, list) or not all(k in known for k in value):
            checker.fail(key, f"must list sections from: {', '.join(known)}")


SCHEMA = KindSchema(
    required={"sections_known": _SectionsKnown(), "expected": _Expected()},
    optional={"model_sections": _ModelSections()},
)

# "5. **Deployment & Monitoring**", "> **Describe the data and methods**": a list item, paragraph or quoted
# prompt led by a short bold title acts as a heading.
_BOLD_LEAD = re.compile(r"^\s*(?:\*\*|__)([^*_]{2,80})(?:\*\*|__)")
# "Caveats: the sample ...": a short label before a colon leads a section.
_LABEL_LEAD = re.compile(r"^\s*([A-Za-z][\w &/'-]{1,40}?)\s*:\s")
# "Question 2: How did you ...", "2. Which model ...?": a prompt from the assignment, read whole.
_NUMBERED_PROMPT = re.compile(r"^\s*(?:question|task|part|q)\s*\d+\s*[:.)-]\s*\S", re.IGNORECASE)
_ASKING = re.compile(
    r"^\s*(?:how|what|why|which|who|when|where|can|could|would|should|do|does|did|is|are|describe|explain)\b",
    re.IGNORECASE,
)
_PROMPT_WORDS = 30
# "## Question 1" with no text of its own states a task only when the prompt follows it as a paragraph.
_TASK_WORDS = 8
_BARE_QUESTION = re.compile(r"^\s*(?:questions?|q)\s*\d*\s*[:.]?\s*$", re.IGNORECASE)


def _is_prompt(text: str) -> bool:
    short = len(text.split()) <= _PROMPT_WORDS
    asking = bool(_ASKING.match(text)) and text.rstrip().endswith("?")
    return short and (asking or bool(_NUMBERED_PROMPT.match(text)))


def _states_a_task(block) -> bool:
    return block is not None and block.type == PARAGRAPH and len(block.text.split()) >= _TASK_WORDS


def _title(block, following) -> str | None:
    """What a block says as a section title, if it acts as one."""
    if block.type == HEADING:
        if _BARE_QUESTION.match(block.text) and not _states_a_task(following):
            return None
        return block.text
    if block.type not in (BULLET, PARAGRAPH, QUESTION):  # "Question 2: ..." is read as a question
        return None
    if _is_prompt(block.text):
        return block.text
    lead = _BOLD_LEAD.match(block.text) or _LABEL_LEAD.match(block.text)
    return lead.group(1) if lead else None


def _titles(document) -> list[str]:
    """The texts that act as section titles: headings, bold leads, labels before a colon, prompts."""
    blocks = [b for b in document.blocks if b.text.strip()]
    titles = (_title(block, following) for block, following in zip(blocks, [*blocks[1:], None]))
    return [t.lower() for t in titles if t]


def _prose(document) -> str:
    return "\n".join(b.text.lower() for b in document.blocks if b.type in (BULLET, PARAGRAPH))


@functools.lru_cache(maxsize=256)
def _heading_pattern(words: tuple) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in words) + r")\b")


@functools.lru_cache(maxsize=64)
def _prose_pattern(patterns: tuple) -> re.Pattern:
    return combine(patterns)


def _present(section: dict, titles: list[str], prose: str) -> bool:
    """A title names the section, or the prose discusses it (`mentions`: a baseline compared with)."""
    unless = section.get("except") or []  # "Decision tree model" is no decision section
    if unless:
        titles = [_heading_pattern(tuple(unless)).sub(" ", t) for t in titles]
    if any(_heading_pattern(tuple(section["words"])).search(t) for t in titles):
        return True
    mentions = section.get("mentions") or []
    if mentions and _heading_pattern(tuple(mentions)).search(prose):
        return True
    patterns = section.get("prose") or []
    return bool(patterns) and bool(_prose_pattern(tuple(patterns)).search(prose))


def _builds_model(context) -> bool:
    return not context.answers or any(unit.question_kind != ANALYSIS for unit in context.answers)


def evaluate(rule, context):
    """One finding per document, listing every missing section."""
    known = rule.params["sections_known"]
    expected = rule.params["expected"].get(context.role or "", rule.params["expected"]["default"])
    if not _builds_model(context):
        expected = [k for k in expected if k not in rule.params.get("model_sections", ())]
    titles = _titles(context.document)
    prose = _prose(context.document)
    missing = [key for key in expected if not _present(known[key], titles, prose)]
    if missing:
        target = context.roles.label(context.role) if context.roles and context.role else "any"
        yield anchor_hit(
            context, missing=", ".join(known[k]["title"] for k in missing), target=target, count=len(missing)
        )
