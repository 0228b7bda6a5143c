"""The skills taxonomy (rules/taxonomy/): canonical names of DS and ML skills, tools and methods, their
aliases and spellings, and the group each belongs to. It finds skills in text by whole words: a text is
cut into word tokens once, and each run of up to `longest` tokens is looked up in one table, so the cost
grows with the text, not with the number of skills."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .schema import Checker, RuleError

# a word of a skill's name: letters and digits, with the joiners the field writes inside names
# ("scikit-learn", "a/b", "c++", "c#", "node.js", "ci/cd")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#.&'/-]*[A-Za-z0-9+#]|[A-Za-z0-9]")


@dataclass(frozen=True)
class Skill:
    name: str
    group: str  # the group's id ("serving")
    label: str  # the group's name as reports print it ("Model serving and deployment")


@dataclass(frozen=True)
class Mention:
    skill: Skill
    start: int  # offsets in the text searched
    end: int


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of each word; a word joined by slashes ("Python/SQL") is also its parts, so
    "Python/SQL" finds Python and SQL while "A/B" and "CI/CD" stay whole."""
    out = []
    for found in _TOKEN.finditer(text):
        word, start = found.group(0), found.start()
        out.append((word, start, found.end()))
    return out


class Taxonomy:
    def __init__(self, skills: list[Skill], terms: dict[tuple[str, ...], int], exact: dict[tuple[str, ...], int]):
        self.skills = skills
        self._terms = terms  # lower-cased token tuple -> skill index
        self._exact = exact  # token tuple as written -> skill index (short names, common words: "R", "Go")
        self.longest = max((len(t) for t in (*terms, *exact)), default=1)
        self._heads = frozenset(t[0] for t in terms)  # the first words of terms: "a/b" of "a/b testing"

    @property
    def empty(self) -> bool:
        return not self.skills

    def find(self, text: str) -> list[Mention]:
        """The skills the text names, left to right, the longest name at each place first ("Apache Spark
        Streaming" is one skill, not Spark and another)."""
        words = _split_slashes(tokens(text), self._heads)
        out = []
        i = 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                run = words[i : i + size]
                as_written = tuple(w for w, _, _ in run)
                index = self._exact.get(as_written)
                if index is None:
                    index = self._terms.get(tuple(w.lower() for w in as_written))
                if index is not None:
                    out.append(Mention(self.skills[index], run[0][1], run[-1][2]))
                    i += size
                    break
            else:
                i += 1
        return out

    def known(self, word: str) -> bool:
        """Whether a word or phrase is a name or alias of a skill (as written, or in any case)."""
        key = tuple(w for w, _, _ in tokens(word))
        return key in self._exact or tuple(w.lower() for w in key) in self._terms


# "LLM-based", "Spark-powered": the name before the hyphen is the skill
_COMPOUND_TAIL = re.compile(r"-(?:based|powered|driven|enabled|centric|focused|heavy|first)$", re.IGNORECASE)


def _split_slashes(words, heads) -> list[tuple[str, int, int]]:
    """A word with a slash that starts no term ("Python/SQL"; "A/B" starts "A/B testing") becomes its parts;
    "X-based" and its kind become X."""
    out = []
    for word, start, end in words:
        tail = _COMPOUND_TAIL.search(word)
        if tail and word.lower() not in heads:
            word, end = word[: tail.start()], start + tail.start()
        if "/" not in word or word.lower() in heads:
            out.append((word, start, end))
            continue
        at = start
        for part in word.split("/"):
            if part:
                out.append((part, at, at + len(part)))
            at += len(part) + 1
    return out


def parse_taxonomy(files: list[tuple[str, dict, bool]]) -> Taxonomy:
    """The taxonomy of rules/taxonomy/ and of --rule-dir packs: a later file may add skills to a group or
    add a group; a name or an alias given twice is an error naming both files."""
    skills: list[Skill] = []
    terms: dict[tuple[str, ...], int] = {}
    exact: dict[tuple[str, ...], int] = {}
    where: dict[tuple[str, ...], str] = {}  # term -> the file that gave it
    for path, data, trusted in files:
        check = Checker(path, data, trusted)
        check.only({"name", "label", "description", "items"})
        group = check.string("name")
        label = check.string("label", default=group)
        entries = data.get("items")
        if not isinstance(entries, list) or not entries:
            check.fail("items", "must be a list of skills, each with a 'name' and its 'aliases'")
        for index, entry in enumerate(entries):
            key = f"items[{index}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
                check.fail(key, "needs a 'name'")
            check.only_in(key, entry, {"name", "aliases", "exact"})
            aliases, spelled = entry.get("aliases") or [], entry.get("exact") or []
            if not isinstance(aliases, list) or not isinstance(spelled, list):
                check.fail(key, "'aliases' and 'exact' must be lists of spellings")
            skills.append(Skill(entry["name"], group, label))
            number = len(skills) - 1
            # a name given as an exact spelling ("R", "Go") is matched only as written
            table_of = [(str(a), terms, True) for a in aliases]
            table_of += [(str(s), exact, False) for s in spelled]
            if entry["name"] not in spelled:
                table_of.append((entry["name"], terms, True))
            for spelling, table, lower in table_of:
                words = tuple(w.lower() if lower else w for w, _, _ in tokens(spelling))
                if not words:
                    check.fail(key, f"{spelling!r} has no words")
                if words in table and skills[table[words]].name != entry["name"]:
                    raise RuleError(
                        f"{path}: {key}: {spelling!r} is already a spelling of {skills[table[words]].name}"
                        f" (in {where[words]})"
                    )
                table[words] = number
                where[words] = path
    return Taxonomy(skills, terms, exact)


NO_TAXONOMY = Taxonomy([], {}, {})
