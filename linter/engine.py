"""Runs the rules over documents: parse with spaCy, evaluate each applicable rule by its kind, turn hits into
findings with positions in the original file, then apply the run's selection. Knows nothing about DS or ML:
that lives in the rule files."""

from __future__ import annotations

import threading
from dataclasses import replace

from .answers import answer_units
from .budget import OutOfTime, check_time, time_budget, unbudgeted
from .constants import KIND_AUTO
from .detect import detect_kind_reason
from .discover import Skipped
from .document import PARAGRAPH, Document, merge_blocks
from .findings import FileResult, Finding, distinct
from .heap import long_lived
from .kinds import evaluator
from .kinds.base import PROSE, Context, Hit, MatcherCache, View, phrase_fields
from .nlp import ModelNotFound
from .options import LintOptions
from .problems import INTERNAL_ERROR, OUT_OF_TIME, PARTLY_UNREAD, UNUSED_SUPPRESSION
from .readers import ReadError, read_path
from .rewrites import compose_rewrites, with_article
from .ruleset import Rule, load_ruleset
from .schema import RuleError
from .suppress import apply_suppressions
from .tokens import token_table
from .writeups import writeup_kind

_EXCERPT_LIMIT = 200


class JobError(Exception):
    """The job description given with --job cannot be read."""


# Compiled matchers per (pipeline, rule set): built once per process, shared by every Engine and thread.
_MATCHER_CACHES: dict[tuple, MatcherCache] = {}
_BUILDING = threading.Lock()  # held while one is built


class _Template(dict):
    """str.format_map values that leave unknown {placeholders} as they are."""

    def __missing__(self, key):
        if key == "a_match" and "match" in self:  # "{a_match}": the match with its article ("a random forest")
            return with_article(self["match"])
        return "{" + key + "}"


class Engine:
    def __init__(self, options: LintOptions = LintOptions(), postings_read: tuple | None = None):
        """`postings_read`: (job, postings) as another engine read them (`job` and `postings` below), so that
        a batch's workers need not read the postings again, nor have them on their disk."""
        self.options = options
        self.ruleset = load_ruleset(tuple(options.rule_dirs))
        self.rules = [r for r in self.ruleset.rules if r.kind != "input" and options.wants(r.code)]
        self._matchers: MatcherCache | None = None
        self._job, self._postings = postings_read or (None, None)

    @property
    def nlp(self):
        return self.matchers.nlp

    @property
    def matchers(self) -> MatcherCache:
        if self._matchers is None:
            key = (self.options.spacy_model, id(self.ruleset))
            cache = _MATCHER_CACHES.get(key)
            if cache is None:
                from .nlp import get_nlp

                with _BUILDING:
                    cache = _MATCHER_CACHES.get(key)
                    if cache is None:
                        with long_lived():
                            cache = MatcherCache(get_nlp(self.options.spacy_model), self.ruleset)
                            _ = cache.scorer, self.ruleset.lexicons  # built now rather than on the first file
                        _MATCHER_CACHES[key] = cache
            self._matchers = cache
        return self._matchers

    def warm_up(self) -> None:
        """Build everything the run shares before linting: the pipeline, the matchers, the role scorer and
        the --job analysis (worker processes forked after this inherit it all)."""
        _ = self.matchers, self.job, self.postings
        self.matchers.compile_all(self.rules)

    def lint_files(self, files: list[str], progress=None) -> list[FileResult]:
        return list(self.iter_files(files, progress))

    def iter_files(self, files, progress=None):
        """Lint files (already expanded from folders) one after another, each within the time budget,
        yielding each result as it is ready; `progress(n)` after each file."""
        _ = self.job, self.postings  # read once, before the first file, within a budget of their own
        for path in files:
            yield (
                FileResult(path.path, notes=[path.reason], skipped=True)
                if isinstance(path, Skipped)
                else self._lint_path(path)
            )
            if progress is not None:
                progress(1)

    def _lint_path(self, source: str) -> FileResult:
        limits, sections = self.options.limits, self.ruleset.sections
        return self.read_and_lint(
            self.options.shown_path(source), lambda: read_path(source, limits, sections, self.options.stdin_filename)
        )

    def read_and_lint(self, path: str, read, kind: str | None = None) -> FileResult:
        """The result of the document `read()` gives (a reader's call, which raises ReadError), reported as
        `path` and read and linted within the time budget; `kind` is the document's kind, given with it, over
        the options' kind. A bug costs this one document, as an RL9xx result."""
        limit = self.options.limits.timeout
        try:
            with time_budget(limit):
                try:
                    document = read()
                except ReadError as error:
                    return self.error_result(path, error)
                # Importing spaCy and building the pipeline, for the first file that can be read, is the
                # run's time, not the file's (a low --timeout failed the first file); a run of files that
                # cannot be read never needs it.
                with unbudgeted():
                    _ = self.matchers
                return self.lint_document(path, document, kind)
        except OutOfTime:
            return self.error_result(
                path,
                ReadError(
                    OUT_OF_TIME,
                    f"took more than {limit:g} s to read and lint, so it was skipped (raise the limit with --timeout)",
                ),
            )
        except (JobError, ModelNotFound, RuleError):  # usage errors: the whole run stops with one line
            raise
        except Exception as exc:  # a bug must cost one file, never the run, and never show a traceback
            detail = " ".join(str(exc).split())[:120]
            return self.error_result(
                path,
                ReadError(
                    INTERNAL_ERROR,
                    f"could not be linted: rolelint failed with {type(exc).__name__}"
                    f"{': ' + detail if detail else ''} (please report it)",
                ),
            )

    def lint_documents(self, items: list[tuple[str, Document | ReadError]]) -> list[FileResult]:
        return [
            self.error_result(path, doc) if isinstance(doc, ReadError) else self.lint_document(path, doc)
            for path, doc in items
        ]

    def lint_document(self, path: str, doc: Document, kind: str | None = None) -> FileResult:
        """Parse a document and run the rules. Each answer is parsed as one text, and the rest of the prose
        (all of a resume) as another: one Doc per text rather than per block, the blocks being spans of
        it, so that every matcher scans a few Docs instead of many small ones. `kind`: the document's kind
        as given with it (a batch's), over the options' kind."""
        kind, pattern = (kind, "") if kind and kind != KIND_AUTO else self.options.kind_pattern(path)
        if kind == KIND_AUTO:
            kind, why = detect_kind_reason(doc, self.ruleset.sections)
            reason = f"auto: {why}" if why else "auto"
        else:
            reason = {None: "given by --kind", "": "given with the document"}.get(
                pattern, f"given by the kinds setting '{pattern}'"
            )
        units = answer_units(doc, kind)
        check_time()  # between stages, for the budget of a thread no alarm signal reaches
        prose = [b for b in doc.blocks if b.type in PROSE]
        answered = {id(b) for unit in units for b in unit.blocks}
        rest = [b for b in prose if id(b) not in answered]
        texts = [u.block for u in units] + ([merge_blocks(rest, PARAGRAPH)] if rest else [])
        parsed = self._parse(texts)
        code = [b for b in doc.blocks if b.type == "code"] if kind == "writeup" else []
        for unit in units:
            unit.doc = parsed[id(unit.block)]
            # a write-up is one unasked unit, and how its title or summary opens says nothing of its kind
            asked = self.ruleset.questions.classify(unit.question, unit.block.text if kind == "answer" else "")
            unit.question_kind, unit.question_cue = asked.kind, asked.cue
            if kind == "writeup":  # what it is comes from its content: a model built, or an analysis
                unit.question_kind = writeup_kind([unit.block.text, *(b.text for b in code)], self.ruleset.lexicons)
        where = {}  # id(block) -> (the merged block its text is part of, its Doc, offset of the text in it)
        for merged, parts in [(u.block, u.blocks) for u in units] + ([(texts[-1], rest)] if rest else []):
            for block, end in zip(parts, merged.parts):
                where[id(block)] = (merged, parsed[id(merged)], end - len(block.text))
        views = []
        for block in prose:
            merged, parsed_doc, offset = where[id(block)]
            span = parsed_doc.char_span(offset, offset + len(block.text), alignment_mode="expand")
            views.append(View(block, span, merged))
        check_time()
        result = self._lint(doc, kind, views, units, code, lambda blocks: self._parse(blocks))
        result.kind_reason = reason
        result.answers = [_answer_entry(unit) for unit in units]
        return result

    def _parse(self, blocks) -> dict:
        """id(block) -> Doc. The sentencizer is deferred: sentences are split only where a rule needs them."""
        deferred = ["sentencizer"] if "sentencizer" in self.nlp.pipe_names else []
        parsed = {}
        for block, doc in zip(blocks, self.nlp.pipe((b.text for b in blocks), batch_size=256, disable=deferred)):
            token_table(doc, block.text)  # a spaCy Doc's text is exactly the text it was made from
            parsed[id(block)] = doc
            check_time()
        return parsed

    @property
    def job(self):
        """The job description's role analysis (None without --job), read and scored once per run."""
        if self.options.job is None:
            return None
        if self._job is None:
            try:
                self._job = self._read_job(self.options.job)[1]
            except ReadError as error:
                raise JobError(f"job description {self.options.job} {error.reason}") from None
        return self._job

    def _read_job(self, path: str):
        """A posting's document and role analysis, within a time budget of its own."""
        from .targeting import analyse_job

        scorer, limit = self.matchers.scorer, self.options.limits.timeout  # the pipeline outside the budget
        try:
            with time_budget(limit):
                document = read_path(path, self.options.limits, self.ruleset.sections, markdown_text=True)
                blocks = [b for b in document.blocks if b.type != "code"]
                docs = self._parse(blocks)
                return document, analyse_job(
                    path, [docs[id(b)][:] for b in blocks], scorer, self.ruleset.profiles, blocks
                )
        except OutOfTime:
            raise ReadError(
                OUT_OF_TIME,
                f"took more than {limit:g} s to read and analyse (is it the file you meant? raise the limit with"
                " --timeout)",
            ) from None

    @property
    def postings(self) -> list:
        """The postings a resume is matched against (--job, each of them): (path, Posting, role) for each
        one read, (path, ReadError, None) for each that could not be; read once per run."""
        if self._postings is None:
            from .postings import read_posting

            out: list[tuple] = []
            for path in self.options.postings:
                try:
                    document, analysis = self._read_job(path)
                except ReadError as error:
                    out.append((path, error, None))
                    continue
                posting = read_posting(document, self.ruleset.taxonomy, self.ruleset.postings)
                out.append((path, posting, analysis.leader))
            self._postings = out
        return self._postings

    def _lint(self, document: Document, kind: str, parsed, units, code=(), parse=None) -> FileResult:
        from .targeting import analyse

        profiles = self.ruleset.profiles
        roles = analyse(
            parsed,
            self.matchers.scorer,
            profiles,
            self.options.role,
            self.job,
            "|".join(profiles),
            self.ruleset.sections,
            document.blocks,
        )
        role = roles.target
        result = FileResult(
            document.path, kind, role, roles.shares, notes=[*self.ruleset.warnings, *self.options.notes, *roles.notes]
        )
        result.format = document.format
        result.location = document.location
        result.blocks = document.blocks if self.options.keep_text else []
        result.role_source = roles.source
        result.role_terms = {name: roles.document.top_terms(name, 8) for name in profiles}
        context = Context(
            document, parsed, kind, role, self.matchers, roles, units, list(code), parse, self.ruleset.sections
        )
        findings = [f for f in map(self._note_finding, document.notes) if self.options.wants(f.code)]
        if self.postings and kind in self.ruleset.postings.matched_kinds:
            context.job_matches = self._job_matches(document, role, result, findings)
            result.job_matches = context.job_matches
        unread = {self.ruleset.input_rule(n.problem).code for n in document.notes if n.problem in PARTLY_UNREAD}
        broken = [f for f in findings if f.code in unread and f.severity == "error"]
        if broken:  # part of the file could not be read: the rest is linted, and the run exits 2
            first = broken[0]
            where = document.location.describe(first.page, first.line) if document.location else f"line {first.line}"
            result.error = f"{where}: {first.message}"
        excerpts = _Excerpts()
        hits: dict[int, tuple[Rule, Hit]] = {}  # id(finding) -> its rule and hit, for the rewrites
        for rule in self.rules:
            check_time()
            if rule.applies_to(kind, role) and self._requirements_met(rule, roles):
                phrase = rule.uses_phrase  # the same for every finding of the rule
                for hit in evaluator(rule.kind)(rule, context):
                    finding = self._finding(rule, hit, role, phrase, excerpts)
                    findings.append(finding)
                    if rule.edit and self.options.rewrites:
                        hits[id(finding)] = (rule, hit)
        findings, unused = apply_suppressions(findings, document.directives, self.ruleset.protected_codes)
        if hits:
            result.rewrites = compose_rewrites(
                [(f, *hits[id(f)]) for f in findings if id(f) in hits], units, role, self.ruleset.rewrites
            )
        if self.options.warn_unused_suppressions:
            findings += [self._unused_finding(d) for d in unused]
        findings = [self._with_severity(f) for f in findings]
        result.findings = distinct(findings)
        return result

    def _job_matches(self, document: Document, role: str | None, result: FileResult, findings: list) -> list:
        """The document matched against each posting that could be read; a posting that could not be is an
        error of its problem's input rule on this file (the file is still linted, and the run exits 2)."""
        from .jobmatch import match

        matches = []
        for path, posting, posting_role in self.postings:
            if isinstance(posting, ReadError):
                rule = self.ruleset.input_rule(posting.problem)
                message = f"job posting {path} {posting.reason}"
                findings.append(Finding(rule.code, rule.name, "error", message, 1, 1, 1, 1, None, "", ""))
                result.error = result.error or message
            elif not posting.requirements:
                result.notes.append(f"job posting {path}: no requirements found in it, so no match")
            else:
                vocabulary = self.ruleset.postings
                matches.append(match(posting, document, self.ruleset.taxonomy, vocabulary, posting_role))
        return matches

    def _unused_finding(self, directive) -> Finding:
        rule = self.ruleset.input_rule(UNUSED_SUPPRESSION)
        codes = " ".join(directive.codes) or "all rules"
        message = f"'rolelint: {directive.action} {codes}' suppressed nothing"
        return Finding(
            rule.code,
            rule.name,
            rule.severity,
            message,
            directive.line,
            1,
            directive.line,
            1,
            directive.page,
            "",
            rule.suggestion_for(None),
        )

    @staticmethod
    def _requirements_met(rule: Rule, roles) -> bool:
        return ("target" not in rule.requires or roles.external) and ("job" not in rule.requires or roles.job)

    def _with_severity(self, finding: Finding) -> Finding:
        """The finding at its configured severity (a copy only when that differs)."""
        severity = self.options.severity_of(finding.code, finding.severity)
        return finding if severity == finding.severity else replace(finding, severity=severity)

    def _finding(self, rule: Rule, hit: Hit, role: str | None, phrase: bool, excerpts: _Excerpts) -> Finding:
        """`phrase`: whether the rule's templates name the bullet's {verb} or {object}."""
        start = hit.block.position(hit.start)
        end = hit.block.end_position(hit.end)
        fields = _Template(hit.fields)
        if hit.span is not None and phrase:
            fields.update(phrase_fields(hit.span))
        fields["rewrite"] = rule.rewrite_for(role).format_map(fields)  # the rule's skeleton, for its suggestion
        return Finding(
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            message=rule.message.format_map(fields),
            line=start.line,
            column=start.column,
            end_line=end.line,
            end_column=end.column,
            page=start.page,
            excerpt=excerpts[hit.unit],
            suggestion=rule.suggestion_for(role).format_map(fields),
            matched=hit.block.text[hit.start : hit.end],
        )

    def _note_finding(self, note) -> Finding:
        rule = self.ruleset.input_rule(note.problem)
        return Finding(
            rule.code,
            rule.name,
            rule.severity,
            note.message,
            note.line,
            1,
            note.line,
            1,
            note.page,
            "",
            rule.suggestion_for(None),
        )

    def error_result(self, path: str, error: ReadError) -> FileResult:
        """The result of a file that could not be read or linted: one error of the problem's input rule."""
        rule = self.ruleset.input_rule(error.problem)
        finding = Finding(rule.code, rule.name, "error", error.reason, 1, 1, 1, 1, None, "", rule.suggestion_for(None))
        return FileResult(
            path, findings=[finding], error=error.reason, notes=[*self.ruleset.warnings, *self.options.notes]
        )


class _Excerpts(dict):
    """A document's excerpts by the text they clip: the findings of one bullet share one string."""

    def __missing__(self, text: str) -> str:
        excerpt = self[text] = _clip(text)
        return excerpt


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT_LIMIT else text[: _EXCERPT_LIMIT - 1].rstrip() + "…"


def _answer_entry(unit) -> dict:
    """What JSON and --verbose say about an answer: where its question is (or the answer, with none), and
    the kind of question it was judged as."""
    at = (unit.asked_at or unit.block).position(0)
    return {
        "line": at.line,
        "page": at.page,
        "question": unit.question,
        "question_kind": unit.question_kind,
        "cue": unit.question_cue,
    }
