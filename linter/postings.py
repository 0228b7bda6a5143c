"""A job posting's requirements: its title, the skills it requires and prefers (the skills taxonomy's, and
tool-like names the taxonomy lacks), the years of experience and the degree it asks for.

A requirement is a skill named in a requirements section (Requirements, Qualifications, What you bring
...), required, or in a preferred one (Nice to have, Bonus ...), preferred; a sentence's own words decide
over its section ("Kafka is a plus" under Requirements is preferred). Outside such sections, and in a
posting that has none, a sentence counts only when its words say it asks ("must", "experience with",
"proficiency in"): what the role will do (Responsibilities) is not what it asks for. The words are data in
rules/postings/."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import HEADING, Document
from .regexes import combine
from .schema import Checker, RuleError

REQUIRED, PREFERRED = "required", "preferred"
_SECTION_KINDS = ("required", "preferred", "other")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(])")
_DECORATION = re.compile(r"^[\s#*_>\-–—•·:|]+|[\s#*_:|.\-–—]+$")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "twelve": 12, "fifteen": 15}  # fmt: skip
# a tool-like name the taxonomy may lack: an inner capital ("LangGraph", "DuckDB"), or a name with a dot
# or digits inside ("Node.js", "D3")
_TOOL_SHAPE = re.compile(
    r"^(?:[A-Z]?[a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+|[A-Z][A-Za-z]*\.(?:js|py|io|ai)|[A-Z][A-Za-z]*\d+)$"
)
_LABEL = re.compile(r"^\W*((?:[\w'’&/-]+\s+){0,5}[\w'’&/-]+)\s*:\s+")
_TITLE_KEY = re.compile(
    r"^(?:job\s+|position\s+|post\s+)?(?:title|position|role|description|posting|opening|vacancy|designation)\s*[:\-–]\s*(.+)$",
    re.I,
)
_LIST_SPLIT = re.compile(r",|;|\(|\)|\band\b|\bor\b|\bas well as\b|\be\.g\.|\bsuch as\b|\bincluding\b|:")


@dataclass(frozen=True)
class Vocabulary:
    headings: tuple[tuple[str, str], ...]  # (heading start, section kind), longest first
    preferred: re.Pattern | None
    required: re.Pattern | None
    years: re.Pattern | None
    years_context: re.Pattern | None  # outside a requirements section, years count in a sentence with this
    list_intro: re.Pattern | None  # a sentence that introduces a list of requirements ("... the following skills")
    degree_fields: re.Pattern | None  # its group "fields" spans a degree's fields of study, which are no skills
    title_phrase: re.Pattern | None  # its group "title" is the role a sentence says the posting seeks
    degrees: tuple[tuple[str, re.Pattern], ...]  # lowest first
    evidence_sections: frozenset[str]
    listed_sections: frozenset[str]
    dated_sections: frozenset[str]
    not_tools: frozenset[str]
    qualifiers: frozenset[str]  # words that may open a heading without changing what it names
    matched_kinds: frozenset[str]  # the document kinds matched against postings (resumes)

    def section_kind(self, heading: str | None, whole: bool = False) -> str | None:
        """required, preferred or other for a heading the vocabulary names (as its start, or `whole`: all of
        it); None for one it does not."""
        text = _DECORATION.sub("", (heading or "").lower()).replace("’", "'")
        first, _, rest = text.partition(" ")
        while first in self.qualifiers and rest:  # "Key Requirements", "Minimum Technical Skills"
            text = rest
            first, _, rest = text.partition(" ")
        for start, kind in self.headings:
            if text == start or (not whole and text.startswith(start) and not text[len(start)].isalnum()):
                return kind
        return None


def _pattern(check: Checker, data: dict, key: str, flags=re.IGNORECASE, group: str | None = None):
    """The regular expression a vocabulary file gives under `key`, checked (with the named group the
    reader needs), or None when the file gives none."""
    if key not in data:
        return None
    check.regex(key, data[key])
    pattern = re.compile(data[key], flags)
    if group and group not in pattern.groupindex:
        check.fail(key, f"needs a group named '{group}'")
    return pattern


def parse_vocabulary(files: list[tuple[str, dict, bool]]) -> Vocabulary:
    headings: dict[str, str] = {}
    preferred: list[str] = []
    required: list[str] = []
    years = years_context = list_intro = degree_fields = title_phrase = None
    degrees: list[tuple[str, re.Pattern]] = []
    sections: dict[str, set[str]] = {"evidence_sections": set(), "listed_sections": set(), "dated_sections": set()}
    not_tools: set[str] = set()
    qualifiers: set[str] = set()
    matched: set[str] = set()
    for path, data, trusted in files:
        check = Checker(path, data, trusted)
        check.only(
            {"name", "description", "preferred_cues", "required_cues", "years", "degrees", "not_tools", "qualifiers"}
            | {"years_context", "list_intro", "degree_fields", "title_phrase"}
            | {"matched_kinds"}
            | {f"{k}_headings" for k in _SECTION_KINDS}
            | set(sections)
        )
        for kind in _SECTION_KINDS:
            for heading in check.strings(f"{kind}_headings", default=[]):
                headings[heading.lower()] = kind
        for key, into in (("preferred_cues", preferred), ("required_cues", required)):
            given = check.strings(key, default=[])
            check.regexes(key, given)
            into += given
        years = _pattern(check, data, "years") or years
        years_context = _pattern(check, data, "years_context") or years_context
        list_intro = _pattern(check, data, "list_intro") or list_intro
        degree_fields = _pattern(check, data, "degree_fields", group="fields") or degree_fields
        # case matters to a title phrase: a title is in capitals
        title_phrase = _pattern(check, data, "title_phrase", 0, group="title") or title_phrase
        for index, degree in enumerate(data.get("degrees") or []):
            if not isinstance(degree, dict) or not isinstance(degree.get("name"), str):
                check.fail(f"degrees[{index}]", "needs a 'name' and its 'patterns'")
            patterns = [str(p) for p in degree.get("patterns") or []]
            check.regexes(f"degrees[{index}].patterns", patterns)
            degrees.append((degree["name"], combine(patterns, re.IGNORECASE)))
        for key, into_set in sections.items():
            into_set |= set(check.strings(key, default=[]))
        not_tools |= {w.lower() for w in check.strings("not_tools", default=[])}
        qualifiers |= {w.lower() for w in check.strings("qualifiers", default=[])}
        matched |= set(check.strings("matched_kinds", default=[]))
    if files and years is None:
        raise RuleError("rules/postings: needs a 'years' pattern")
    return Vocabulary(
        tuple(sorted(headings.items(), key=lambda item: -len(item[0]))),
        combine(preferred, re.IGNORECASE) if preferred else None,
        combine(required, re.IGNORECASE) if required else None,
        years,
        years_context,
        list_intro,
        degree_fields,
        title_phrase,
        tuple(degrees),
        frozenset(sections["evidence_sections"]),
        frozenset(sections["listed_sections"]),
        frozenset(sections["dated_sections"]),
        frozenset(not_tools),
        frozenset(qualifiers),
        frozenset(matched),
    )


@dataclass
class Requirement:
    name: str  # the skill's canonical name, or the posting's own word for one the taxonomy lacks
    group: str | None  # the taxonomy group's id; None: not in the taxonomy
    label: str | None
    kind: str  # REQUIRED or PREFERRED
    line: int  # where the posting first names it
    page: int | None = None

    @property
    def known(self) -> bool:
        return self.group is not None


@dataclass
class Posting:
    path: str
    title: str | None
    requirements: list[Requirement] = field(default_factory=list)
    years: int | None = None  # years of experience asked for
    degree: str | None = None  # the lowest degree asked for, as the vocabulary names it
    degree_kind: str | None = None  # REQUIRED or PREFERRED

    def of_kind(self, kind: str) -> list[Requirement]:
        return [r for r in self.requirements if r.kind == kind]


def read_posting(document: Document, taxonomy, vocabulary: Vocabulary) -> Posting:
    posting = Posting(document.path, _title(document, vocabulary))
    found: dict[str, Requirement] = {}
    years: list[int] = []
    degrees: list[tuple[int, str]] = []  # (rank, kind)
    section: str | None = None
    open_headings: list[tuple[int, str | None]] = []  # (level, section) of the headings the text sits under
    for block in document.blocks:
        if block.type == "code":
            continue
        # a heading, a label ("What you'll bring:"), or a short line that names a section (a PDF's bold
        # "Requirements" comes as a line of its own)
        named = vocabulary.section_kind(block.text, whole=True) if len(block.text.split()) <= 6 else None
        if block.type == HEADING or _label_line(block.text) or named:
            own = named or vocabulary.section_kind(block.text)
            if block.type != HEADING:
                section = own or section
                continue
            # a sub-heading that names nothing ("#### Data engineering" under "### Required skills") is
            # part of the section above it; one at the same level or higher starts afresh
            while block.level is not None and open_headings and open_headings[-1][0] >= block.level:
                open_headings.pop()
            section = own or (open_headings[-1][1] if open_headings else None)
            if block.level is not None:
                open_headings.append((block.level, section))
            continue
        for sentence, offset in _sentences(block.text):
            # a label run into the text around it ("... for the team. Requirements: Master's degree ...")
            label = _LABEL.match(sentence)
            if label and vocabulary.section_kind(label.group(1)):
                section = vocabulary.section_kind(label.group(1))
                sentence, offset = sentence[label.end() :], offset + label.end()
            elif sentence.rstrip().endswith(":") and vocabulary.section_kind(sentence):
                section = vocabulary.section_kind(sentence)
                continue
            elif len(sentence.split()) <= 6 and vocabulary.section_kind(sentence, whole=True):
                section = vocabulary.section_kind(sentence, whole=True)  # a heading a PDF ran into the text
                continue
            if vocabulary.list_intro and vocabulary.list_intro.search(sentence) and section != "other":
                section = REQUIRED  # "... measured against each of the following competencies"
            kind = _kind(sentence, section, vocabulary)
            if kind is None:
                if section != "other":  # a degree asked for needs no asking words: "A master's degree in ..."
                    _degree(sentence, REQUIRED, vocabulary, degrees)
                continue
            where = block.position(offset)
            searched = _without_degree_fields(sentence, vocabulary)
            for mention in taxonomy.find(searched):
                _add(found, mention.skill.name, mention.skill.group, mention.skill.label, kind, where)
            for name in _unknown_tools(searched, taxonomy, vocabulary):
                _add(found, name, None, None, kind, where)
            asked = _years(sentence, vocabulary)
            if asked and (
                section == REQUIRED or (vocabulary.years_context and vocabulary.years_context.search(sentence))
            ):
                years.append(asked)
            _degree(sentence, kind, vocabulary, degrees)
    posting.requirements = sorted(found.values(), key=lambda r: (r.kind != REQUIRED, r.page or 0, r.line, r.name))
    posting.years = max(years) if years else None
    if degrees:
        required = [rank for rank, kind in degrees if kind == REQUIRED]
        rank = min(required) if required else min(rank for rank, _ in degrees)
        posting.degree = vocabulary.degrees[rank][0]
        posting.degree_kind = REQUIRED if required else PREFERRED
    return posting


def _without_degree_fields(sentence: str, vocabulary: Vocabulary) -> str:
    """The sentence with the fields of study of a degree it names blanked out ("a degree in Statistics,
    Computer Science or a related field"): a subject studied is not a skill asked for. Blanks keep offsets."""
    if not vocabulary.degree_fields:
        return sentence
    out = sentence
    for found in vocabulary.degree_fields.finditer(sentence):
        start, end = found.span("fields")
        out = out[:start] + " " * (end - start) + out[end:]
    return out


def _degree(sentence: str, kind: str, vocabulary: Vocabulary, degrees: list) -> None:
    for rank, (_, pattern) in enumerate(vocabulary.degrees):
        if pattern.search(sentence):
            degrees.append((rank, kind))
            return


def _add(found: dict, name: str, group, label, kind: str, where) -> None:
    """One requirement per skill: required if any sentence requires it, first named where it first is."""
    key = name.lower()
    if key not in found:
        found[key] = Requirement(name, group, label, kind, where.line, where.page)
    elif kind == REQUIRED and found[key].kind != REQUIRED:
        found[key].kind = REQUIRED


def _kind(sentence: str, section: str | None, vocabulary: Vocabulary) -> str | None:
    if vocabulary.preferred and vocabulary.preferred.search(sentence):
        return PREFERRED if section != "other" or _asks(sentence, vocabulary) else None
    if section in (REQUIRED, PREFERRED):
        return section
    return REQUIRED if _asks(sentence, vocabulary) and section != "other" else None


def _asks(sentence: str, vocabulary: Vocabulary) -> bool:
    return bool(vocabulary.required and vocabulary.required.search(sentence))


def _years(sentence: str, vocabulary: Vocabulary) -> int | None:
    found = vocabulary.years.search(sentence) if vocabulary.years else None
    if not found:
        return None
    number = found.group(1).lower()
    return int(number) if number.isdigit() else _NUMBERS.get(number)


def _sentences(text: str):
    start = 0
    for cut in _SENTENCE.finditer(text):
        yield text[start : cut.start()], start
        start = cut.end()
    yield text[start:], start


def _label_line(text: str) -> bool:
    """A short line that ends with a colon introduces a list: "What you'll bring:"."""
    stripped = text.strip()
    return stripped.endswith(":") and len(stripped.split()) <= 8


def _title(document: Document, vocabulary: Vocabulary) -> str | None:
    """The posting's own title: a "Job title:" line, else its first heading or short line that is no
    section heading ("Requirements") and no label ("Location: Remote"), else the role a sentence says it
    seeks ("We are looking for a Machine Learning Engineer to ...")."""
    if document.title:
        return document.title
    opening = [
        (block, [_DECORATION.sub("", line).strip() for line in block.source_lines()]) for block in document.blocks[:12]
    ]
    for _, lines in opening:
        for line in lines:
            key = _TITLE_KEY.match(line)
            if key:
                return key.group(1).strip()[:120]
    for block, lines in opening:
        # a block's first source line: a plain-text posting runs its title into the lines below it
        text = lines[0].split("\n")[0] if lines else ""
        if not text:
            continue
        if vocabulary.section_kind(text) or _LABEL.match(text) or text.endswith(":") or "{{" in text or "{%" in text:
            continue
        if block.type == HEADING or len(text.split()) <= 8:
            return text[:120]
    for block, _ in opening:
        sought = vocabulary.title_phrase.search(block.text) if vocabulary.title_phrase else None
        if sought:
            return sought.group("title")[:120]
    return None


def _unknown_tools(sentence: str, taxonomy, vocabulary: Vocabulary) -> list[str]:
    """Tool-like names the taxonomy lacks: a word shaped like a product name ("LangGraph", "DuckDB"), or
    a capitalised item of a list that names known skills ("Python, Dagster and Snowflake")."""
    out = []
    items = [i.strip(" .!?'\"") for i in _LIST_SPLIT.split(sentence)]
    known_in_list = sum(1 for i in items if i and taxonomy.known(i))
    for item in items:
        words = item.split()
        if not words or taxonomy.known(item) or item.lower() in vocabulary.not_tools:
            continue
        if known_in_list >= 2 and len(words) <= 2 and all(w[:1].isupper() for w in words):
            if not any(w.lower() in vocabulary.not_tools for w in words):
                out.append(item)
                continue
        # a word shaped like a product name, wherever it stands in the item ("Experience with DuckDB")
        out += [
            w for w in words if _TOOL_SHAPE.match(w) and not taxonomy.known(w) and w.lower() not in vocabulary.not_tools
        ]
    return list(dict.fromkeys(out))
