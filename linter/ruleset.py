"""Loads rules and lexicons from YAML and validates them, naming the file and the key of every problem.

Nothing here imports spaCy: `rolelint rules` and `rolelint explain` read rules without linting anything.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
import os

from .constants import DOCUMENT_KINDS, SEVERITIES

SCOPES = ("bullet", "sentence", "block", "answer", "section", "document", "file")
RULE_KINDS = ("existence", "unbacked", "density", "length", "mix", "offrole", "absence", "gap", "order", "missing",
              "outline", "coverage", "input")
REQUIREMENTS = ("target", "job")  # a target role set by --role or --job; a job description
_CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_DATA_DIRS = {"lexicons", "roles"}  # folders of a rule pack that hold data other than rules



class RuleError(Exception):
    """A rule pack that cannot be used; the message names the file and the key."""


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


class RuleSet:
    """The rules, and the lexicons and role profiles they use. When everything came from the validated
    cache, lexicons and profiles are built on first use: listing or explaining rules needs neither."""

    def __init__(self, rules: tuple[Rule, ...], lexicons=None, profiles=None, build=None):
        self.rules = rules
        self._lexicons = lexicons
        self._profiles = profiles
        self._build = build  # () -> (lexicons, profiles), for the deferred case

    def _built(self) -> None:
        if self._lexicons is None:
            self._lexicons, self._profiles = self._build()

    @property
    def lexicons(self) -> dict[str, Lexicon]:
        self._built()
        return self._lexicons

    @property
    def profiles(self) -> dict:
        """role name -> roles.Profile"""
        self._built()
        return self._profiles

    def get(self, code: str) -> Rule | None:
        code = code.upper()
        return next((r for r in self.rules if r.code == code or r.name == code.lower()), None)


def builtin_rules_dir() -> str:
    import linter.rules

    return os.path.dirname(os.path.abspath(linter.rules.__file__))


CACHE_FILE = "_parsed.json"  # the built-in YAML, parsed ahead, keyed on a hash of the files it came from


def _yaml_files(folder: str) -> list[str]:
    """Every .yaml below a rule folder, as paths relative to it, in a stable order."""
    found = []
    for here, dirs, files in os.walk(folder):
        dirs.sort()
        found += [os.path.relpath(os.path.join(here, f), folder) for f in files if f.endswith(".yaml")]
    return sorted(p.replace(os.sep, "/") for p in found)


def content_hash(folder: str, names: list[str]) -> str:
    """A hash of the files' names and bytes: what the cache is keyed on. Reading and hashing the built-in
    rules takes about a millisecond, and an edit that keeps a file's size is seen like any other."""
    import hashlib

    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0")
        with open(os.path.join(folder, name), "rb") as handle:
            digest.update(handle.read() + b"\0")
    return digest.hexdigest()


def parse_folder(folder: str, use_cache: bool = False) -> tuple[dict[str, dict], bool]:
    """(relative path -> parsed YAML mapping for every .yaml below `folder`, whether it came from the
    cache). With use_cache, a fresh _parsed.json beside the files is used instead of parsing them again
    (YAML parsing is most of the start-up time of `rolelint rules`); a stale or missing one is ignored.
    Data from a fresh cache is the data the test suite validated in full, so the costliest checks
    (compiling every regular expression) are skipped for it."""
    names = _yaml_files(folder)
    if use_cache:
        import json

        try:
            with open(os.path.join(folder, CACHE_FILE), encoding="utf-8") as handle:
                cached = json.load(handle)
            if cached.get("content") == content_hash(folder, names):
                return cached["files"], True
        except (OSError, ValueError):
            pass
    return {name: _read_yaml(os.path.join(folder, name)) for name in names}, False


def write_cache(folder: str | None = None) -> str:
    """Regenerate the built-in rules' _parsed.json (python -m linter.ruleset)."""
    import json

    folder = folder or builtin_rules_dir()
    names = _yaml_files(folder)
    payload = {"content": content_hash(folder, names),
               "files": parse_folder(folder)[0]}
    path = os.path.join(folder, CACHE_FILE)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")
    return path


@functools.lru_cache(maxsize=8)
def load_ruleset(extra_dirs: tuple[str, ...] = (), use_cache: bool = True) -> RuleSet:
    """The built-in rules and those of `extra_dirs`, validated. use_cache=False validates the built-in
    rules from their YAML in full (the test suite does)."""
    builtin = builtin_rules_dir()
    data_files: list[tuple[str, str, dict, bool]] = []  # (kind of data, path, mapping, trusted)
    raw_rules: list[tuple[str, dict, bool]] = []
    all_trusted = True
    for folder in (builtin, *extra_dirs):
        if not os.path.isdir(folder):
            raise RuleError(f"{folder}: rule folder does not exist")
        parsed, trusted = parse_folder(folder, use_cache=use_cache and folder == builtin)
        all_trusted = all_trusted and trusted
        for name, data in parsed.items():
            path = os.path.join(folder, name)
            top = name.split("/")[0] if "/" in name else ""
            if top in _DATA_DIRS:
                data_files.append((top, path, data, trusted))
            elif not _DATA_DIRS.intersection(name.split("/")[:-1]) and not name.split("/")[-1].startswith("_"):
                raw_rules.append((path, data, trusted))

    def build():
        return _build_data(data_files, check=not all_trusted)

    lexicons, profiles = (None, None) if all_trusted else build()
    rules: dict[str, Rule] = {}
    for path, data, trusted in raw_rules:
        rule = _build_rule(path, data, lexicons, profiles, trusted)
        if rule.code in rules:
            raise RuleError(f"{path}: key 'code': {rule.code} is already defined in {rules[rule.code].source}")
        rules[rule.code] = rule
    return RuleSet(tuple(sorted(rules.values(), key=lambda r: r.code)), lexicons, profiles, build)


def _build_data(data_files, check: bool) -> tuple[dict, dict]:
    """Lexicons and role profiles, from their parsed files; `check`: look for overlaps between profiles."""
    from .roles import check_overlaps, parse_profile

    lexicons: dict[str, Lexicon] = {}
    profiles: dict = {}
    for top, path, data, trusted in data_files:
        if top == "roles":
            profile = parse_profile(path, data, _Checker(path, data, trusted))
            if profile.name in profiles:
                raise RuleError(f"{path}: key 'name': role '{profile.name}' is already defined in "
                                f"{profiles[profile.name].source}")
            profiles[profile.name] = profile
        else:
            lexicon = _load_lexicon(path, data, trusted)
            if lexicon.name in lexicons:
                raise RuleError(f"{path}: lexicon '{lexicon.name}' is already defined in "
                                f"{lexicons[lexicon.name].source}")
            lexicons[lexicon.name] = lexicon
    if check:
        check_overlaps(profiles)
    return lexicons, profiles


def _read_yaml(path: str) -> dict:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle.read(), Loader=loader)
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot be read: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise RuleError(f"{path}: not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: must be a mapping of keys to values")
    return data


def _load_lexicon(path: str, data: dict, trusted: bool = False) -> Lexicon:
    check = _Checker(path, data, trusted)
    check.only({"name", "description", "terms", "patterns"})
    name = check.string("name", default=os.path.splitext(os.path.basename(path))[0])
    terms = check.strings("terms", default=[])
    patterns = check.strings("patterns", default=[])
    for pattern in patterns:
        check.regex("patterns", pattern)
    if not terms and not patterns:
        raise RuleError(f"{path}: key 'terms': a lexicon needs terms or patterns")
    lowered = [t.lower() for t in terms]
    duplicates = sorted({t for t in lowered if lowered.count(t) > 1})
    if duplicates:
        raise RuleError(f"{path}: key 'terms': listed twice: {', '.join(duplicates)}")
    return Lexicon(name, check.string("description", default=""), tuple(terms), tuple(patterns), path)


_COMMON_KEYS = {
    "code", "name", "kind", "scope", "documents", "roles", "severity", "summary", "message", "rationale", "fix",
    "suggestion", "examples", "sections", "rewrite", "requires", "questions",
}
QUESTION_KINDS = ("design", "approach", "definitional", "other")


def _build_rule(path: str, data: dict, lexicons: dict[str, Lexicon], profiles: dict, trusted: bool = False) -> Rule:
    from .kinds import SCALAR_KEYS, kind_keys

    check = _Checker(path, data, trusted)
    kind = check.choice("kind", RULE_KINDS)
    required, optional, matcher_keys = kind_keys(kind)
    check.only(_COMMON_KEYS | required | optional)
    for key in sorted(required):
        check.require(key)
    code = check.string("code")
    if not _CODE.match(code):
        raise RuleError(f"{path}: key 'code': must look like RL101 (got '{code}')")
    name = check.string("name")
    if not _NAME.match(name):
        raise RuleError(f"{path}: key 'name': must be lower-case words joined by hyphens (got '{name}')")
    suggestion = _role_texts(check, "suggestion", required=True)
    rewrite = _role_texts(check, "rewrite", required=False)
    roles = check.strings("roles")
    for role in roles if profiles is not None else ():
        if role != "any" and role not in profiles:
            check.fail("roles", f"unknown role '{role}' (known: any, {', '.join(sorted(profiles))})")
    params = {key: data[key] for key in (required | optional) if key in data}
    if "once" in params and not isinstance(params["once"], bool):
        check.fail("once", "must be true or false")
    for key, value in params.items():
        if key in SCALAR_KEYS:
            type_, low, high = SCALAR_KEYS[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high \
                    or (type_ is int and not isinstance(value, int)):
                raise RuleError(f"{path}: key '{key}': must be {'a whole number' if type_ is int else 'a number'} "
                                f"from {low} to {high} (got {value!r})")
    for key in matcher_keys:
        if key in params:
            validate_matcher(params[key], path, key, lexicons, profiles, trusted)
    _check_structured(check, kind, params, lexicons, profiles)
    failing, passing = _examples(check, kind)
    sections = check.strings("sections", default=None)
    return Rule(
        code=code,
        name=name,
        kind=kind,
        scope=check.choice("scope", SCOPES),
        documents=tuple(check.strings("documents", allowed=DOCUMENT_KINDS)),
        roles=tuple(roles),
        severity=check.choice("severity", SEVERITIES),
        summary=check.string("summary"),
        message=check.string("message"),
        rationale=check.string("rationale"),
        fix=check.string("fix"),
        suggestion=suggestion,
        rewrite=rewrite,
        requires=tuple(check.strings("requires", default=[], allowed=REQUIREMENTS)),
        questions=tuple(check.strings("questions", allowed=QUESTION_KINDS)) if "questions" in data else None,
        failing=failing,
        passing=passing,
        sections=tuple(sections) if sections is not None else None,
        params=params,
        source=path,
    )


def _check_structured(check: "_Checker", kind: str, params: dict, lexicons, profiles) -> None:
    """The nested keys of the outline and coverage kinds."""
    if kind == "outline":
        known = params["sections_known"]
        if not isinstance(known, dict) or not known:
            check.fail("sections_known", "must map each section to its title and heading words")
        for key, section in known.items():
            if not isinstance(section, dict) or not isinstance(section.get("title"), str) or not (
                    isinstance(section.get("words"), list) and section["words"]
                    and all(isinstance(w, str) for w in section["words"])):
                check.fail(f"sections_known.{key}", "needs a 'title' and a list of heading 'words'")
        expected = params["expected"]
        if not isinstance(expected, dict) or "default" not in expected:
            check.fail("expected", "must map roles (and 'default') to lists of sections")
        for role, keys in expected.items():
            if not isinstance(keys, list) or not all(k in known for k in keys):
                check.fail(f"expected.{role}", f"must list sections from: {', '.join(known)}")
    if kind == "coverage":
        aspects = params["aspects"]
        if not isinstance(aspects, dict) or not aspects:
            check.fail("aspects", "must map each aspect to a title and a matcher")
        for key, aspect in aspects.items():
            if not isinstance(aspect, dict) or not isinstance(aspect.get("title"), str) or "match" not in aspect:
                check.fail(f"aspects.{key}", "needs a 'title' and a 'match' matcher")
            validate_matcher(aspect["match"], check.path, f"aspects.{key}.match", lexicons, profiles, check.trusted)


def _role_texts(check: "_Checker", key: str, required: bool) -> dict[str, str]:
    """A mapping of role (or 'default') to text, as `suggestion` and `rewrite` are."""
    if key not in check.data and not required:
        return {}
    texts = check.mapping(key)
    if "default" not in texts:
        check.fail(key, "needs a 'default' entry for when no role is known")
    for role, text in texts.items():
        if not isinstance(text, str) or not text.strip():
            check.fail(f"{key}.{role}", "must be text")
    return {role: " ".join(text.split()) for role, text in texts.items()}


def _examples(check: "_Checker", kind: str) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    examples = check.mapping("examples")
    check.only_in("examples", examples, {"fail", "pass"})
    out = []
    for group in ("fail", "pass"):
        items = examples.get(group)
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
                from .constants import OPTION_NAMES

                if not isinstance(item["options"], dict) or set(item["options"]) - OPTION_NAMES:
                    raise RuleError(f"{where}: 'options' must map run options ({', '.join(sorted(OPTION_NAMES))})")
            if kind == "input":
                if not isinstance(item.get("file"), str) or not all(
                        isinstance(item.get(k, ""), str) for k in ("content", "base64")):
                    raise RuleError(f"{where}: an input rule's example names a 'file' and its 'content' or 'base64'")
            elif not isinstance(item.get("text"), str) or not item["text"].strip():
                raise RuleError(f"{where}: needs 'text'")
            parsed.append(Example(item.get("text", ""), item.get("role"), item.get("match"), item.get("file"),
                                  item.get("content"), item.get("base64"), item.get("job"), item.get("options", {})))
        out.append(tuple(parsed))
    return out[0], out[1]


MATCHER_FORMS = ("lexicon", "terms", "regex", "tokens", "role_terms", "any")
MATCHER_MODIFIERS = ("not_after", "not_before", "case", "within_first")


def validate_matcher(spec, path, key: str, lexicons: dict[str, Lexicon], profiles: dict, trusted: bool = False) -> None:
    """A matcher is one of {lexicon: NAME}, {terms: [...]}, {regex: ...}, {tokens: [[spaCy pattern], ...]}
    {role_terms: all | [role, ...]} (the signal terms of role profiles) or {any: [matcher, ...]}, with optional modifiers not_after and not_before (words that must not come
    just before or just after a term match), case (exact: compare the text as written) and within_first (only matches that start in
    the unit's first N tokens)."""
    def fail(subkey: str, problem: str):
        raise RuleError(f"{path}: key '{subkey}': {problem}")

    if not isinstance(spec, dict):
        fail(key, f"a matcher must be a mapping with one of {', '.join(MATCHER_FORMS)}")
    forms = [k for k in spec if k in MATCHER_FORMS]
    unknown = [k for k in spec if k not in MATCHER_FORMS and k not in MATCHER_MODIFIERS]
    if unknown:
        fail(f"{key}.{unknown[0]}", f"unknown matcher key (allowed: {', '.join(MATCHER_FORMS + MATCHER_MODIFIERS)})")
    if len(forms) != 1:
        fail(key, f"a matcher needs exactly one of {', '.join(MATCHER_FORMS)}")
    form, value = forms[0], spec[forms[0]]
    if form == "lexicon" and lexicons is not None and value not in lexicons:
        fail(f"{key}.lexicon", f"unknown lexicon '{value}' (known: {', '.join(sorted(lexicons)) or 'none'})")
    if form == "terms" and not (isinstance(value, list) and value and all(isinstance(t, str) for t in value)):
        fail(f"{key}.terms", "must be a list of text")
    if form == "regex":
        _Checker(path, {}, trusted).regex(f"{key}.regex", value)
    if form == "tokens" and not (isinstance(value, list) and value and all(
            isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in value)):
        fail(f"{key}.tokens", "must be a list of spaCy token patterns (lists of mappings)")
    if form == "role_terms" and value != "all" and not (
            isinstance(value, list) and value and all(profiles is None or v in profiles for v in value)):
        fail(f"{key}.role_terms", f"must be 'all' or a list of roles from: {', '.join(sorted(profiles or ()))}")
    if form == "any":
        if not isinstance(value, list) or not value:
            fail(f"{key}.any", "must be a list of matchers")
        for i, sub in enumerate(value):
            validate_matcher(sub, path, f"{key}.any[{i}]", lexicons, profiles, trusted)
    for neighbour in ("not_after", "not_before"):
        if neighbour in spec and not (isinstance(spec[neighbour], list)
                                      and all(isinstance(t, str) for t in spec[neighbour])):
            fail(f"{key}.{neighbour}", "must be a list of words (quote words YAML reads as booleans, such as \"no\")")
    first = spec.get("within_first", 1)
    if isinstance(first, bool) or not isinstance(first, int) or first < 1:
        fail(f"{key}.within_first", "must be a whole number of tokens, 1 or more")
    if spec.get("case", "lower") not in ("lower", "exact"):
        fail(f"{key}.case", "must be 'lower' or 'exact'")


class _Checker:
    """Typed access to a YAML mapping; every error names the file and the key."""

    def __init__(self, path, data: dict, trusted: bool = False):
        self.path = path
        self.data = data
        self.trusted = trusted  # from the validated cache: regular expressions are not compiled again

    def fail(self, key: str, problem: str):
        raise RuleError(f"{self.path}: key '{key}': {problem}")

    def only(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                self.fail(key, f"unknown key (allowed: {', '.join(sorted(allowed))})")

    def only_in(self, parent: str, mapping: dict, allowed: set[str]) -> None:
        for key in mapping:
            if key not in allowed:
                self.fail(f"{parent}.{key}", f"unknown key (allowed: {', '.join(sorted(allowed))})")

    def require(self, key: str) -> None:
        if key not in self.data:
            self.fail(key, "missing")

    def string(self, key: str, default=None) -> str:
        value = self.data.get(key, default)
        if value is None:
            self.fail(key, "missing")
        if not isinstance(value, str) or (key in self.data and not value.strip()):
            self.fail(key, "must be non-empty text")
        return value.strip() if key in self.data else value

    def choice(self, key: str, allowed) -> str:
        value = self.data.get(key)
        if value not in allowed:
            self.fail(key, f"must be one of {', '.join(allowed)} (got {value!r})")
        return value

    def strings(self, key: str, default=None, allowed=None):
        if key not in self.data:
            if default is None and key not in ("sections",):
                self.fail(key, "missing")
            return default
        value = self.data[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, "must be a list of text")
        for v in value:
            if allowed is not None and v not in allowed:
                self.fail(key, f"{v!r} is not one of {', '.join(allowed)}")
        return value

    def mapping(self, key: str) -> dict:
        value = self.data.get(key)
        if not isinstance(value, dict) or not value:
            self.fail(key, "must be a mapping")
        return value

    def regex(self, key: str, pattern) -> None:
        if not isinstance(pattern, str):
            self.fail(key, "must be a regular expression as text")
        if self.trusted:
            return
        try:
            re.compile(pattern)
        except re.error as exc:
            self.fail(key, f"invalid regular expression {pattern!r}: {exc}")


if __name__ == "__main__":
    print(f"wrote {write_cache()}")
