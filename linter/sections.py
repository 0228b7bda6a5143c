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


_MAX_HEADING_WORDS = 6  # a looser match (qualifiers, a misspelling, a head word) is tried only on short lines
_MAX_LEADING = 2  # words allowed before a section's head word ("Machine Learning Projects")
_FUZZY_MIN = 6  # words this long may be misspelt by one letter
_CONNECTORS = frozenset({"and", "of", "the", "for", "in", "&", "/", "to", "on", "at", "with", "a"})
# The letters of a heading-shaped line: no figure, no sentence punctuation, no address or link.
_NOT_HEADING = re.compile(r"[\d@.!?;,()\[\]{}<>=+*/\\\t]|https?:|www")

_FLAGS = ("anchor", "marks_resume", "lists", "accomplishments", "holds_titles")  # true or false
HEADING_KEYS = {"qualifiers", "trailing", "subheadings", "writeup"}
SECTION_KEYS = {"title", "headings", "head_words", "signal_weight", *_FLAGS}


class Section(Record):
    name: str = ""
    title: str = ""
    anchor: bool = False
    marks_resume: bool = False
    signal_weight: float = 1.0
    source: str = ""
    lists: bool = False  # a section of lists (skills): a block of list lines under an unknown heading is one
    accomplishments: bool = False  # a section of accomplishments: unbulleted lines that read as one are bullets
    holds_titles: bool = False  # its lines may give a job title the author held (a vote in the role profile)


class Vocabulary:
    """Sections by name, and the heading texts that name each.

    A heading names a section when its text, without decoration, is one of the section's headings; failing
    that, when a short, heading-shaped line is one after dropping qualifiers before it ("Relevant Skills",
    "Working Experience") and after it ("Education Details"), after correcting one misspelt letter in a long
    word ("Techincal Skills"), or ends in one of a section's head words ("Machine Learning Projects")."""

    def __init__(
        self,
        sections: dict[str, Section],
        headings: dict[str, str],
        qualifiers: frozenset[str] = frozenset(),
        trailing: frozenset[str] = frozenset(),
        head_words: dict[str, str] | None = None,
        subheadings: frozenset[str] = frozenset(),
        writeup: frozenset[str] = frozenset(),
    ):
        self.sections = sections
        self.headings = headings  # normalised heading text -> section name
        self.qualifiers = qualifiers
        self.trailing = trailing
        self.head_words = head_words or {}
        self.subheadings = subheadings
        self.writeup = writeup
        known = set()
        for phrase in (*headings, *qualifiers, *trailing, *self.head_words, *subheadings):
            known.update(phrase.split())
        self.words = frozenset(known)
        self._by_length: dict[int, tuple[str, ...]] = {}
        for word in sorted(w for w in known if len(w) >= _FUZZY_MIN - 1):
            self._by_length[len(word)] = (*self._by_length.get(len(word), ()), word)
        self._cache: dict[str, str | None] = {}  # loose matches only
        self._corrections: dict[str, str] = {}

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.sections) | {NO_SECTION, OTHER}

    def canonical(self, text: str, loose: bool = True) -> str | None:
        """The section a heading names, or None if it names none of the known sections. `loose`: the text
        is shaped like a heading (short, no sentence punctuation), so qualifiers, a misspelling and head
        words are allowed too; the caller says so, since only it knows the line's layout."""
        if len(text) > _MAX_HEADING:
            return None
        key = normalise_heading(text)
        exact = self.headings.get(key)
        if exact is not None or not loose or not key:
            return exact
        cached = self._cache.get(key, "")
        if cached != "":
            return cached
        found = self._loose(key)
        if len(self._cache) < 4096:
            self._cache[key] = found
        return found

    def is_subheading(self, text: str) -> bool:
        """A heading inside a section that names no new one ("Key Responsibilities:")."""
        if len(text) > _MAX_HEADING:
            return False
        key = normalise_heading(text)
        if key in self.subheadings:
            return True
        words = key.split()
        return len(words) <= _MAX_HEADING_WORDS and " ".join(self._corrected(words)) in self.subheadings

    def names_writeup_section(self, text: str) -> bool:
        """A heading a write-up has and a resume does not ("Methods", "Results", "Conclusion")."""
        key = normalise_heading(text)
        if key in self.writeup:
            return True
        words = key.split()
        return bool(words) and len(words) <= _MAX_HEADING_WORDS and words[-1] in self.writeup

    def _loose(self, key: str) -> str | None:
        words = key.split()
        if not words or len(words) > _MAX_HEADING_WORDS or _NOT_HEADING.search(key):
            return None
        words = self._corrected(words)
        exact = self.headings.get(" ".join(words))
        if exact is not None:
            return exact
        found = self._names(words)
        if found is None and "and" in words:  # "Skills and Interests", "Courses & Certificates": either part
            i = words.index("and")
            found = self._names(words[:i]) or self._names(words[i + 1 :])
        return found

    def _names(self, words: list[str]) -> str | None:
        if not words:
            return None
        return self.headings.get(" ".join(words)) or self._lookup(self._strip_qualifiers(words))

    def _lookup(self, words: list[str]) -> str | None:
        if not words:
            return None
        for candidate in (words, [*words[:-1], words[-1] + "s"]):
            found = self.headings.get(" ".join(candidate))
            if found is not None:
                return found
        # a head word at the end, after at most two words that are not connectors ("Data Science Projects")
        last = words[-1]
        section = self.head_words.get(last) or self.head_words.get(last + "s")
        leading = words[:-1]
        if section and len(leading) <= _MAX_LEADING and not any(w in _CONNECTORS for w in leading):
            return section
        return None

    def _strip_qualifiers(self, words: list[str]) -> list[str]:
        words = list(words)
        changed = True
        while changed and words:
            changed = False
            for size in (2, 1):
                if len(words) > size and " ".join(words[:size]) in self.qualifiers:
                    words = words[size:]
                    changed = True
                    break
                if len(words) > size and " ".join(words[-size:]) in self.trailing:
                    words = words[:-size]
                    changed = True
                    break
        return words

    def _corrected(self, words: list[str]) -> list[str]:
        return [w if w in self.words or len(w) < _FUZZY_MIN else self._correct(w) for w in words]

    def _correct(self, word: str) -> str:
        """The vocabulary word one edit (a letter added, dropped, changed, or two swapped) from `word`, when
        there is exactly one; else the word itself."""
        known = self._corrections.get(word)
        if known is not None:
            return known
        candidates = (w for size in (len(word) - 1, len(word), len(word) + 1) for w in self._by_length.get(size, ()))
        matches = {w for w in candidates if _one_edit(word, w)}
        found = matches.pop() if len(matches) == 1 else word
        if len(self._corrections) < 8192:
            self._corrections[word] = found
        return found

    @property
    def anchor(self) -> Section | None:
        return next((s for s in self.sections.values() if s.anchor), None)

    @property
    def resume_sections(self) -> frozenset[str]:
        return frozenset(name for name, s in self.sections.items() if s.marks_resume)

    def holds_titles(self, name: str | None) -> bool:
        """Whether a line in this section may give a job title the author held: the part before the first
        heading and unknown sections may; of the known ones, those marked holds_titles."""
        section = self.sections.get(name or "")
        return section.holds_titles if section else True

    def signal_weight(self, name: str | None) -> float:
        section = self.sections.get(name or "")
        return section.signal_weight if section else 1.0


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by exactly one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) != 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def normalise_heading(text: str) -> str:
    """'## **Work History:**' -> 'work history'."""
    text = text.replace("&", " and ").replace("/", " and ")
    text = _DECORATION.sub(" ", text).strip().lower()
    return re.sub(r"\s+", " ", text)


def build_vocabulary(files: list[tuple[str, dict, bool]]) -> Vocabulary:
    """A vocabulary from parsed sections/*.yaml files, (path, data, trusted) in load order: built-in first."""
    sections: dict[str, Section] = {}
    headings: dict[str, str] = {}
    head_words: dict[str, str] = {}
    extra: dict[str, set[str]] = {key: set() for key in HEADING_KEYS}
    for path, data, trusted in files:
        check = Checker(path, data, trusted)
        check.only({"sections", "headings"})
        loose = data.get("headings", {})
        if not isinstance(loose, dict):
            check.fail("headings", "must be a mapping of word lists (" + ", ".join(sorted(HEADING_KEYS)) + ")")
        check.only_in("headings", loose, HEADING_KEYS)
        for key, words in loose.items():
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                check.fail(f"headings.{key}", "must be a list of words or phrases")
            extra[key].update(normalise_heading(w) for w in words)
        for name, entry in check.mapping("sections").items():
            where = f"sections.{name}"
            if not isinstance(entry, dict):
                check.fail(where, "must be a mapping with a title and headings")
            check.only_in(where, entry, SECTION_KEYS)
            if name in sections and "title" in entry:
                check.fail(
                    f"{where}.title",
                    f"section '{name}' is already defined in {sections[name].source}; "
                    "add headings to it without a title",
                )
            for field in ("headings", "head_words"):
                words = entry.get(field, [])
                if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                    check.fail(f"{where}.{field}", "must be a list of heading texts")
                table = headings if field == "headings" else head_words
                for word in words:
                    key = normalise_heading(word)
                    if table.get(key, name) != name:
                        check.fail(f"{where}.{field}", f"'{word}' already names section '{table[key]}'")
                    table[key] = name
            if name not in sections:
                title = entry.get("title")
                if not isinstance(title, str) or not title.strip():
                    check.fail(f"{where}.title", "must be non-empty text")
                weight = entry.get("signal_weight", 1.0)
                if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 <= weight <= 1:
                    check.fail(f"{where}.signal_weight", f"must be a number from 0 to 1 (got {weight!r})")
                for flag in _FLAGS:
                    if not isinstance(entry.get(flag, False), bool):
                        check.fail(f"{where}.{flag}", "must be true or false")
                flags = {flag: entry.get(flag, False) for flag in _FLAGS}
                sections[name] = Section(name, title.strip(), signal_weight=float(weight), source=path, **flags)
    anchors = [s for s in sections.values() if s.anchor]
    if len(anchors) > 1:
        raise RuleError(
            f"{anchors[1].source}: key 'sections.{anchors[1].name}.anchor': only one section can be "
            f"the anchor, and '{anchors[0].name}' is ({anchors[0].source})"
        )
    return Vocabulary(
        sections,
        headings,
        frozenset(extra["qualifiers"]),
        frozenset(extra["trailing"]),
        head_words,
        frozenset(extra["subheadings"]),
        frozenset(extra["writeup"]),
    )


@functools.lru_cache(maxsize=1)
def builtin_vocabulary() -> Vocabulary:
    """The built-in vocabulary alone, for readers called without one (the engine passes its rule set's)."""
    from .rulefiles import builtin_rules_dir, parse_folder

    folder = builtin_rules_dir()
    parsed, trusted = parse_folder(folder, use_cache=True)
    return build_vocabulary(
        [(f"{folder}/{name}", data, trusted) for name, data in parsed.items() if name.startswith("sections/")]
    )
