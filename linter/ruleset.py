"""Loads rule packs: rules, lexicons, role profiles, section vocabularies and rule groups, from YAML, and
validates them, naming the file and the key of every problem.

A rule pack is a folder: rule files anywhere in it (one rule each), and data folders lexicons/, roles/,
sections/, groups/ and questions/. The built-in pack is rules/ (installed as linter.rules); `--rule-dir` and the
config's `rule_dirs` add others, which take part exactly as the built-in one does. Each rule kind's own
keys are validated by that kind's schema (linter/kinds/); matchers by the matcher language
(linter/matchers.py). Nothing here imports spaCy: `rolelint rules` and `explain` read rules without
linting anything.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from dataclasses import dataclass, field

from .constants import DOCUMENT_KINDS, SEVERITIES
from .kinds import kind_names, schema
from .problems import OF_THE_RUN
from .questions import QuestionKinds, parse_kind
from .records import Record
from .rulefiles import builtin_rules_dir, parse_folder
from .schema import Checker, References, RuleError
from .sections import Vocabulary, build_vocabulary

__all__ = ["RuleError", "Rule", "RuleSet", "Example", "Lexicon", "load_ruleset"]

SCOPES = ("bullet", "sentence", "block", "heading", "answer", "section", "document", "file")
REQUIREMENTS = ("target", "job")  # a target role set by --role or --job; a job description
INPUT_KIND = "input"  # the kind of rule that reports problems with the file itself
_CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_DATA_DIRS = (
    "lexicons",
    "roles",
    "sections",
    "groups",
    "questions",
    "rewrites",
    "taxonomy",
    "postings",
)  # folders of a rule pack that hold data, not rules
# a rule's part in the one rewrite of a bullet or answer (linter/rewrites.py composes them)
EDITS = ("duty", "pronoun", "passive", "intensifier", "plain_verb", "outcome", "reframe", "frame")
_BUILDING = threading.Lock()  # held while a rule set's deferred data is built


@dataclass(frozen=True, eq=False, repr=False)
class Example:
    text: str
    role: str | None = None
    match: str | None = None  # the text the finding must point at (fail examples)
    file: str | None = None  # input rules: a file name and its content (neither content nor base64: no file)
    content: str | None = None
    base64: str | None = None
    job: str | None = None  # the text of a job description to lint the example against (--job)
    options: dict = field(default_factory=dict, hash=False, compare=False)  # run options, e.g. a tiny timeout

    def file_bytes(self) -> bytes | None:
        import base64

        if self.base64 is not None:
            return base64.b64decode("".join(self.base64.split()))
        return self.content.encode("utf-8") if self.content is not None else None


@dataclass(frozen=True, eq=False, repr=False)
class Rule:
    code: str
    name: str
    kind: str
    scope: str
    documents: tuple[str, ...]
    roles: tuple[str, ...]  # ("any",) or role names
    severity: str
    summary: str
    message: str
    rationale: str
    fix: str
    suggestion: dict[str, str]
    failing: tuple[Example, ...]
    passing: tuple[Example, ...]
    sections: tuple[str, ...] | None
    params: dict = field(hash=False, compare=False)  # kind-specific keys, already validated
    source: str = ""
    rewrite: dict[str, str] = field(default_factory=dict, hash=False, compare=False)  # role -> bullet skeleton
    requires: tuple[str, ...] = ()
    questions: tuple[str, ...] | None = None  # answer rules: the kinds of question whose answers are judged
    edit: str | None = None  # its part in the one rewrite of a bullet or answer (linter/rewrites.py)
    groups: tuple[str, ...] = ()  # families of rules, for documentation and --select by name

    def applies_to(self, kind: str | None, role: str | None) -> bool:
        if kind not in self.documents and self.kind != "input":
            return False
        return "any" in self.roles or role in self.roles

    def suggestion_for(self, role: str | None) -> str:
        return self.suggestion.get(role or "", self.suggestion["default"])

    @property
    def uses_phrase(self) -> bool:
        """Whether a template names the bullet's {verb} or {object} (worked out per finding only then)."""
        texts = (self.message, *self.suggestion.values(), *self.rewrite.values())
        return any("{verb}" in t or "{object}" in t for t in texts)

    def rewrite_for(self, role: str | None) -> str:
        return self.rewrite.get(role or "", self.rewrite.get("default", ""))


@dataclass(frozen=True, eq=False, repr=False)
class Lexicon:
    name: str
    description: str
    terms: tuple[str, ...]
    patterns: tuple[str, ...]
    source: str


class Group(Record):
    key: str = ""
    title: str = ""
    description: str = ""
    source: str = ""


class RuleSet:
    """The rules, and the lexicons, role profiles, section vocabulary and groups they use. When everything
    came from the validated cache, lexicons and profiles are built on first use: listing or explaining
    rules needs neither."""

    def __init__(
        self,
        rules: tuple[Rule, ...],
        sections: Vocabulary,
        groups: dict[str, Group],
        build,
        lexicons=None,
        profiles=None,
        warnings=(),
        extra_dirs: tuple[str, ...] = (),
        role_titles: dict[str, str] | None = None,
        questions: QuestionKinds | None = None,
        rewrite_files: tuple = (),
        taxonomy_files: tuple = (),
        postings_files: tuple = (),
    ):
        self.rules = rules
        self._taxonomy_files = taxonomy_files  # parsed on first use: only a job match needs them
        self._postings_files = postings_files
        self._rewrite_files = rewrite_files  # parsed on first use: `rules` and `explain` need no rewrites
        self.questions = questions or QuestionKinds([])  # the kinds of question, in the order they are tried
        self.role_titles = role_titles or {}  # role name -> its profile's title, without building the profiles
        self.extra_dirs = extra_dirs  # the rule folders besides the built-in one
        self.sections = sections
        self.groups = groups
        self._build = build  # () -> (lexicons, profiles, warnings), for the deferred case
        self._lexicons = lexicons
        self._profiles = profiles
        self._warnings = list(warnings)

    def _built(self) -> None:
        if self._lexicons is None:
            with _BUILDING:  # threads share rule sets (load_ruleset's cache)
                if self._lexicons is None:
                    lexicons, self._profiles, self._warnings = self._build()
                    self._lexicons = lexicons  # last: a thread that sees it sees the profiles too

    @property
    def lexicons(self) -> dict[str, Lexicon]:
        self._built()
        return self._lexicons

    @property
    def profiles(self) -> dict:
        """role name -> roles.Profile"""
        self._built()
        return self._profiles

    @property
    def warnings(self) -> list[str]:
        """Things about the rule packs a user should hear that do not stop the run (a term in a user's
        profile that a built-in profile has too). Deferred data is the built-in packs' alone, validated by
        the test suite, so it has none and need not be built to say so."""
        return self._warnings

    def get(self, code: str) -> Rule | None:
        code = code.upper()
        return next((r for r in self.rules if r.code == code or r.name == code.lower()), None)

    def input_rule(self, problem: str) -> Rule:
        """The rule that reports a problem with the file itself."""
        for rule in self.rules:
            if rule.kind == INPUT_KIND and rule.params["problem"] == problem:
                return rule
        # a problem with no rule is a bug in a rule pack, but the problem must never be hidden
        raise LookupError(f"no rule of kind input declares problem '{problem}'")

    @functools.cached_property
    def rewrites(self):
        """How a flagged bullet or answer opening is rewritten (linter/rewrites.py)."""
        from .rewrites import parse_tables

        return parse_tables(list(self._rewrite_files))

    @functools.cached_property
    def taxonomy(self):
        """The skills taxonomy (linter/taxonomy.py), for the job match."""
        from .taxonomy import parse_taxonomy

        return parse_taxonomy(list(self._taxonomy_files))

    @functools.cached_property
    def postings(self):
        """How a job posting says what it asks for (linter/postings.py)."""
        from .postings import parse_vocabulary

        return parse_vocabulary(list(self._postings_files))

    @functools.cached_property
    def protected_codes(self) -> frozenset[str]:
        """Codes of the input rules: a suppression comment never silences a problem with the file."""
        return frozenset(r.code for r in self.rules if r.kind == INPUT_KIND)

    def codes_in(self, selector: str) -> tuple[str, ...]:
        """The codes a --select or --ignore entry names: a group's rules, or the codes it is a prefix of."""
        if selector.lower() in self.groups:
            return tuple(r.code for r in self.rules if selector.lower() in r.groups)
        return tuple(r.code for r in self.rules if r.code.startswith(selector.upper()))


@functools.lru_cache(maxsize=8)
def load_ruleset(extra_dirs: tuple[str, ...] = (), use_cache: bool = True) -> RuleSet:
    """The built-in rules and those of `extra_dirs`, validated. use_cache=False validates the built-in
    rules from their YAML in full (the test suite does)."""
    builtin = builtin_rules_dir()
    data: dict[str, list[tuple[str, dict, bool, bool]]] = {name: [] for name in _DATA_DIRS}
    raw_rules: list[tuple[str, dict, bool]] = []
    all_trusted = True
    for folder in (builtin, *extra_dirs):
        if not os.path.isdir(folder):
            raise RuleError(f"{folder}: rule folder does not exist")
        parsed, trusted = parse_folder(folder, use_cache=use_cache and folder == builtin)
        all_trusted = all_trusted and trusted
        for name, content in parsed.items():
            path = os.path.join(folder, name)
            parts = name.split("/")
            if len(parts) > 1 and parts[0] in data:
                data[parts[0]].append((path, content, trusted, folder == builtin))
            elif not set(_DATA_DIRS).intersection(parts[:-1]) and not parts[-1].startswith("_"):
                raw_rules.append((path, content, trusted))

    def build():
        return _build_data(data["lexicons"], data["roles"], check=not all_trusted)

    lexicons, profiles, warnings = (None, None, []) if all_trusted else build()
    sections = build_vocabulary([(path, content, trusted) for path, content, trusted, _ in data["sections"]])
    groups = _build_groups(data["groups"])
    questions = QuestionKinds([parse_kind(path, content, trusted) for path, content, trusted, _ in data["questions"]])
    refs = References(lexicons, profiles, sections.names, all_trusted, questions.names)
    rules: dict[str, Rule] = {}
    for path, content, trusted in raw_rules:
        rule = _build_rule(path, content, refs, groups, trusted)
        if rule.code in rules:
            raise RuleError(f"{path}: key 'code': {rule.code} is already defined in {rules[rule.code].source}")
        rules[rule.code] = rule
    # Groups in the order of their first rule's code (a cached file's keys come back sorted by name).
    first = {key: min((r.code for r in rules.values() if key in r.groups), default="~") for key in groups}
    groups = {key: groups[key] for key in sorted(groups, key=lambda k: (first[k], k))}
    ruleset = RuleSet(
        tuple(sorted(rules.values(), key=lambda r: r.code)),
        sections,
        groups,
        build,
        lexicons,
        profiles,
        warnings,
        tuple(extra_dirs),
        _role_titles(data["roles"], profiles),
        questions,
        tuple((path, content, trusted) for path, content, trusted, _ in data["rewrites"]),
        tuple((path, content, trusted) for path, content, trusted, _ in data["taxonomy"]),
        tuple((path, content, trusted) for path, content, trusted, _ in data["postings"]),
    )
    if not all(trusted for _, _, trusted, _ in data["rewrites"]):
        _ = ruleset.rewrites  # a pack's rewrite tables are checked when it loads, as its rules are
    return ruleset


def _build_data(lexicon_files, profile_files, check: bool) -> tuple[dict, dict, list[str]]:
    """Lexicons and role profiles, from their parsed files; `check`: look for overlaps between profiles."""
    from .roles import check_overlaps, parse_profile

    lexicons: dict[str, Lexicon] = {}
    profiles: dict = {}
    builtin_profiles: set[str] = set()
    for path, content, trusted, builtin in profile_files:
        profile = parse_profile(path, content, Checker(path, content, trusted))
        if profile.name in profiles:
            raise RuleError(
                f"{path}: key 'name': role '{profile.name}' is already defined in {profiles[profile.name].source}"
            )
        profiles[profile.name] = profile
        if builtin:
            builtin_profiles.add(profile.name)
    for path, content, trusted, _ in lexicon_files:
        lexicon = _load_lexicon(path, content, trusted)
        if lexicon.name in lexicons:
            raise RuleError(f"{path}: lexicon '{lexicon.name}' is already defined in {lexicons[lexicon.name].source}")
        lexicons[lexicon.name] = lexicon
    warnings = check_overlaps(profiles, builtin_profiles) if check else []
    return lexicons, profiles, warnings


def _role_titles(profile_files, profiles) -> dict[str, str]:
    """Each role's title: from the built profiles, or, when they are deferred (validated cached data),
    straight from their files, so that `explain` can name roles without building every profile."""
    if profiles is not None:
        return {name: profile.title for name, profile in profiles.items()}
    return {str(content.get("name")): str(content.get("title", "")).strip() for _, content, _, _ in profile_files}


def _build_groups(files) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    for path, content, trusted, _ in files:
        check = Checker(path, content, trusted)
        check.only({"groups"})
        for key, entry in check.mapping("groups").items():
            where = f"groups.{key}"
            if not _NAME.match(str(key)):
                check.fail(where, "a group name must be lower-case words joined by hyphens")
            if key in groups:
                check.fail(where, f"group '{key}' is already defined in {groups[key].source}")
            if not isinstance(entry, dict) or not isinstance(entry.get("title"), str) or not entry["title"].strip():
                check.fail(where, "needs a 'title'")
            check.only_in(where, entry, {"title", "description"})
            groups[key] = Group(key, entry["title"].strip(), " ".join(str(entry.get("description", "")).split()), path)
    return groups


def _load_lexicon(path: str, data: dict, trusted: bool = False) -> Lexicon:
    check = Checker(path, data, trusted)
    check.only({"name", "description", "terms", "patterns"})
    name = check.string("name", default=os.path.splitext(os.path.basename(path))[0])
    terms = check.strings("terms", default=[])
    patterns = check.strings("patterns", default=[])
    check.regexes("patterns", patterns)
    if not terms and not patterns:
        raise RuleError(f"{path}: key 'terms': a lexicon needs terms or patterns")
    lowered = [t.lower() for t in terms]
    duplicates = sorted({t for t in lowered if lowered.count(t) > 1})
    if duplicates:
        raise RuleError(f"{path}: key 'terms': listed twice: {', '.join(duplicates)}")
    return Lexicon(name, check.string("description", default=""), tuple(terms), tuple(patterns), path)


_COMMON_KEYS = {
    "code",
    "name",
    "kind",
    "groups",
    "scope",
    "documents",
    "roles",
    "severity",
    "summary",
    "message",
    "rationale",
    "fix",
    "suggestion",
    "examples",
    "sections",
    "rewrite",
    "requires",
    "questions",
    "edit",
}


def _build_rule(path: str, data: dict, refs: References, groups: dict[str, Group], trusted: bool = False) -> Rule:
    check = Checker(path, data, trusted)
    kind = check.choice("kind", kind_names())
    if trusted:
        # From the cache the test suite validated in full: the kind's own keys are all that is not common,
        # and its module (with spaCy-free but not free imports) is left for when a rule is evaluated.
        params = {key: value for key, value in data.items() if key not in _COMMON_KEYS}
    else:
        kind_schema = schema(kind)
        check.only(_COMMON_KEYS | kind_schema.keys)
    code = check.string("code")
    if not _CODE.match(code):
        raise RuleError(f"{path}: key 'code': must look like RL101 (got '{code}')")
    name = check.string("name")
    if not _NAME.match(name):
        raise RuleError(f"{path}: key 'name': must be lower-case words joined by hyphens (got '{name}')")
    suggestion = _role_texts(check, "suggestion", required=True)
    rewrite = _role_texts(check, "rewrite", required=False)
    roles = check.strings("roles")
    known = refs.profiles
    if known is not None:
        for role in roles:
            if role != "any" and role not in known:
                check.fail("roles", f"unknown role '{role}' (known: any, {', '.join(sorted(known))})")
    if not trusted:
        params = kind_schema.params(check, refs)
    failing, passing = _examples(check, kind, params)
    sections = check.strings("sections", optional=True, allowed=sorted(refs.sections) if refs.sections else None)
    return Rule(
        code=code,
        name=name,
        kind=kind,
        scope=check.choice("scope", SCOPES),
        documents=tuple(check.strings("documents", allowed=DOCUMENT_KINDS)),
        roles=tuple(roles),
        severity=check.choice("severity", SEVERITIES),
        summary=check.string("summary"),
        message=check.template("message", check.string("message")),
        rationale=check.string("rationale"),
        fix=check.string("fix"),
        suggestion=suggestion,
        rewrite=rewrite,
        requires=tuple(check.strings("requires", default=[], allowed=REQUIREMENTS)),
        questions=tuple(check.strings("questions", allowed=refs.questions)) if "questions" in data else None,
        edit=check.choice("edit", EDITS) if "edit" in data else None,
        groups=tuple(check.strings("groups", default=[], allowed=sorted(groups))),
        failing=failing,
        passing=passing,
        sections=tuple(sections) if sections is not None else None,
        params=params,
        source=path,
    )


def _role_texts(check: Checker, key: str, required: bool) -> dict[str, str]:
    """A mapping of role (or 'default') to text, as `suggestion` and `rewrite` are."""
    if key not in check.data and not required:
        return {}
    texts = check.mapping(key)
    if "default" not in texts:
        check.fail(key, "needs a 'default' entry for when no role is known")
    for role, text in texts.items():
        if not isinstance(text, str) or not text.strip():
            check.fail(f"{key}.{role}", "must be text")
    return {role: check.template(f"{key}.{role}", " ".join(text.split())) for role, text in texts.items()}


def _examples(check: Checker, kind: str, params: dict) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    examples = check.mapping("examples")
    check.only_in("examples", examples, {"fail", "pass"})
    out: list[tuple[Example, ...]] = []
    for group in ("fail", "pass"):
        items = examples.get(group)
        if group == "fail" and items is None and kind == INPUT_KIND and params.get("problem") in OF_THE_RUN:
            out.append(())  # no file shows a problem of the run
            continue
        if not isinstance(items, list) or not items:
            raise RuleError(f"{check.path}: key 'examples.{group}': needs at least one example")
        parsed = []
        for i, item in enumerate(items):
            where = f"{check.path}: key 'examples.{group}[{i}]'"
            if isinstance(item, str):
                item = {"text": item}
            if not isinstance(item, dict):
                raise RuleError(f"{where}: must be text or a mapping")
            unknown = set(item) - {"text", "role", "match", "file", "content", "base64", "job", "options"}
            if unknown:
                raise RuleError(f"{where}: unknown key '{sorted(unknown)[0]}'")
            if "options" in item:
                from .options import OPTION_NAMES

                if not isinstance(item["options"], dict) or set(item["options"]) - OPTION_NAMES:
                    raise RuleError(f"{where}: 'options' must map run options ({', '.join(sorted(OPTION_NAMES))})")
            if kind == "input":
                if not isinstance(item.get("file"), str) or not all(
                    isinstance(item.get(k, ""), str) for k in ("content", "base64")
                ):
                    raise RuleError(f"{where}: an input rule's example names a 'file' and its 'content' or 'base64'")
            elif not isinstance(item.get("text"), str) or not item["text"].strip():
                raise RuleError(f"{where}: needs 'text'")
            parsed.append(
                Example(
                    item.get("text", ""),
                    item.get("role"),
                    item.get("match"),
                    item.get("file"),
                    item.get("content"),
                    item.get("base64"),
                    item.get("job"),
                    item.get("options", {}),
                )
            )
        out.append(tuple(parsed))
    return out[0], out[1]
