"""Rule files are validated on load, with errors that name the file and the key; user rule folders work."""

import pytest

import linter
from linter.ruleset import RuleError, load_ruleset
from tests.conftest import write

VALID = """\
code: XY101
name: says-utilize
kind: existence
scope: bullet
documents: [resume]
roles: [any]
severity: warning
summary: Says utilize.
message: "'{match}': say use"
rationale: Shorter is better.
fix: Say use.
suggestion:
  default: Say use.
match:
  terms: [utilize]
examples:
  fail: [Utilized Spark for the batch jobs.]
  pass: [Used Spark for the batch jobs.]
"""


def _load(tmp_path, text, name="rule.yaml"):
    write(tmp_path, name, text)
    load_ruleset.cache_clear()
    try:
        return load_ruleset((str(tmp_path),))
    finally:
        load_ruleset.cache_clear()


def test_a_user_rule_folder_adds_rules(tmp_path):
    rules = _load(tmp_path, VALID)
    assert rules.get("XY101").name == "says-utilize"
    findings = linter.lint_text("Experience\n- Utilized Spark for the batch jobs.\n", rule_dirs=[str(tmp_path)])
    assert [f.code for f in findings] == ["XY101"]
    load_ruleset.cache_clear()


@pytest.mark.parametrize(
    "change,key",
    [
        (("severity: warning", "severity: high"), "severity"),
        (("kind: existence", "kind: magic"), "kind"),
        (("code: XY101", "code: 101"), "code"),
        (("  terms: [utilize]", "  lexicon: nope"), "match.lexicon"),
        (("  terms: [utilize]", "  regex: '('"), "match.regex"),
        (("roles: [any]\n", "roles: [any]\ncolour: red\n"), "colour"),
        (("  pass: [Used Spark for the batch jobs.]", "  pass: []"), "examples.pass"),
        (("suggestion:\n  default: Say use.", "suggestion:\n  ds: Say use."), "suggestion"),
        (("message: \"'{match}': say use\"\n", ""), "message"),
    ],
)
def test_invalid_rule_names_file_and_key(tmp_path, change, key):
    with pytest.raises(RuleError) as error:
        _load(tmp_path, VALID.replace(*change))
    assert "rule.yaml" in str(error.value) and f"key '{key}'" in str(error.value)


def test_duplicate_code_names_both_files(tmp_path):
    with pytest.raises(RuleError) as error:
        _load(tmp_path, VALID.replace("XY101", "RL101"))
    assert "RL101" in str(error.value) and "RL101-vague-impact.yaml" in str(error.value)


def test_not_yaml(tmp_path):
    with pytest.raises(RuleError) as error:
        _load(tmp_path, "code: [unclosed")
    assert "rule.yaml" in str(error.value) and "not valid YAML" in str(error.value)


def test_builtin_rules_validate_in_full_without_the_cache():
    """The parsed-rules cache skips costly checks; the YAML itself must pass all of them."""
    load_ruleset.cache_clear()
    try:
        full = load_ruleset((), use_cache=False)
        assert [r.code for r in full.rules] == [r.code for r in load_ruleset().rules]
    finally:
        load_ruleset.cache_clear()


def test_the_parsed_rules_cache_is_fresh():
    """rules/_parsed.json must match the YAML, to the byte (regenerate it with `python -m linter.ruleset`)."""
    import json
    import os

    from linter.rulefiles import CACHE_FILE, builtin_rules_dir, content_hash, parse_folder, yaml_files

    folder = builtin_rules_dir()
    with open(os.path.join(folder, CACHE_FILE), encoding="utf-8") as handle:
        cached = json.load(handle)
    stale = "rules/_parsed.json is stale: run python -m linter.rulefiles"
    assert cached["content"] == content_hash(folder, yaml_files(folder)), stale
    assert parse_folder(folder, use_cache=True)[1], stale
    assert cached["files"] == parse_folder(folder, use_cache=False)[0], stale


def test_terms_tokenized_together_match_terms_tokenized_alone():
    """Term matchers tokenize a lexicon as one text, a term per line: every built-in lexicon and role
    profile must come out exactly as if each term were tokenized on its own."""
    from linter.matchers import _term_tokens
    from linter.nlp import get_nlp
    from linter.ruleset import load_ruleset

    nlp = get_nlp()
    ruleset = load_ruleset()
    lists = [sorted(set(lexicon.terms)) for lexicon in ruleset.lexicons.values() if lexicon.terms]
    lists.append(sorted({t for p in ruleset.profiles.values() for g in p.groups.values() for t in g.terms}))
    for terms in lists:
        alone = [[(t.text, t.lower_, t.lemma_.lower()) for t in doc] for doc in nlp.pipe(terms)]
        assert _term_tokens(nlp, terms) == alone
    assert _term_tokens(nlp, ["a\nb", "x"]) == [
        [("a", "a", "a"), ("\n", "\n", "\n"), ("b", "b", "b")],
        [("x", "x", "x")],
    ]  # a line break of its own: one Doc per term


def test_a_rule_edit_that_keeps_the_file_size_takes_effect(tmp_path, monkeypatch):
    """The parsed-rules cache is keyed on the YAML's bytes, not on names and sizes."""
    import shutil

    from linter import rulefiles, ruleset

    folder = tmp_path / "rules"
    shutil.copytree(rulefiles.builtin_rules_dir(), folder)
    rulefiles.write_cache(str(folder))
    monkeypatch.setattr(ruleset, "builtin_rules_dir", lambda: str(folder))
    ruleset.load_ruleset.cache_clear()
    try:
        assert ruleset.load_ruleset().get("RL101").severity == "warning"
        path = folder / "resume" / "RL101-vague-impact.yaml"
        before = path.read_bytes()
        after = before.replace(b"severity: warning\n", b"severity: info   \n", 1)
        assert len(after) == len(before) and after != before
        path.write_bytes(after)
        assert not rulefiles.parse_folder(str(folder), use_cache=True)[1]
        ruleset.load_ruleset.cache_clear()
        assert ruleset.load_ruleset().get("RL101").severity == "info"
    finally:
        ruleset.load_ruleset.cache_clear()
