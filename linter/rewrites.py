"""One rewrite per flagged bullet or answer opening, fixing all of its findings at once.

Each rule that has a part in a rewrite names its `edit`: `duty` (a duty phrase becomes the action in the
past tense), `pronoun` (the first person is dropped), `passive` (the candidate becomes the subject),
`intensifier` (a figure placeholder stands where the adverb was), `plain_verb` (a stock verb becomes a
plain one), `outcome` (the result the bullet lacks, as a placeholder that fits its topic and the target
role), `reframe` (a bullet written for the other role: what the target role looks for leads, and the
bullet's work becomes the means) and `frame` (the opening of a model-first answer). What the edits know
about words (duty phrases, topics, placeholders) is data, in rules/rewrites/. A rewrite keeps every word
of the bullet's object and never writes a figure, a name or a result the bullet does not have: those are
placeholders.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import wordforms
from .regexes import combine
from .schema import Checker, Number, RuleError

# where a bullet's main clause ends, for the figure an intensifier claimed ("by" is left out: "used by the
# analysts" is no end)
_MAIN_CLAUSE_END = re.compile(
    r",\s|;\s|\s[-–—]\s|\s(?:which|so that|while|using|with|through|via|to help)\s|\sby\s(?=\w+ing\b)"
)
# what a model's name runs on to ("a two-tower neural network", "a gradient boosting classifier")
_MODEL_NOUN = re.compile(r"^[\s-]+(?:neural network|network|model|classifier|regressor|ranker|net)\b", re.IGNORECASE)
# a name that reads as a model or a library the lexicon may not know: "LambdaMART", "SARIMA", "DeepFM"
_NAME_LIKE = re.compile(r"\b(?:[A-Z][a-z]*[A-Z][A-Za-z0-9]*|[A-Z]{3,}[a-z0-9]*)\b")
_PARTICIPLE = re.compile(
    r"^(?P<subject>.+?)\s+(?:was|were|has been|have been|had been|is|are|got)\s+(?P<verb>[A-Za-z]+)\b\s*(?P<rest>.*)$"
)
_SENTENCE_END = re.compile(r"(?<=[A-Za-z0-9)][.!?])\s+(?=[A-Z][a-z])")
_ABBREVIATION = re.compile(r"(?:\b\w\.\w\.|\b(?:e\.g|i\.e|etc|vs|approx|incl|Inc|Ltd|Co|Dr|Mr|Ms|St)\.)$")
_AFTER_OPENING_GERUND = {"the", "a", "an", "our", "their", "its", "my", "and", "as", "with", "on", "in", "for", "to"}
_BY_GERUND = re.compile(r"\sby\s(?=\w+ing\b)")
_MAX_SUBJECT_WORDS = 8  # a passive further into a bullet is part of a longer sentence: left as it is
_POSSESSIVES = {"its", "their", "his", "her", "our", "my"}
_DETERMINERS = {"the", "a", "an", "our", "their", "its", "my", "this", "these", "those", "that", "all", "new", "and"}


@dataclass(frozen=True)
class Mark:
    """What one finding contributes: its rule's edit, and the text it matched (offsets in the bullet)."""

    code: str
    edit: str
    start: int
    end: int
    matched: str


@dataclass(frozen=True)
class Topic:
    name: str
    terms: tuple[str, ...]
    outcome: dict[str, str]  # role or "default" -> the placeholder clause
    reframe: dict[str, str]  # role -> the lead of an off-role bullet about this topic, with {work}


@dataclass(frozen=True)
class Tables:
    openers: tuple[tuple[str, str], ...]  # (phrase, verb before a noun phrase), longest phrase first
    pronouns: tuple[str, ...]
    passive_agents: tuple[str, ...]
    plain_verbs: dict[str, str]
    topics: tuple[Topic, ...]
    ing_nouns: frozenset[str]
    figure_after: str
    count: str
    in_place: dict[str, str]  # a size or scale intensifier -> its placeholder ("*-scale": any word ending so)
    target_patterns: tuple[str, ...]
    result_patterns: tuple[str, ...]
    openings: tuple[tuple[frozenset[str], dict[str, str]], ...]  # (question kinds, or none for any; role -> text)
    reframe: dict[str, str]  # role -> the lead of an off-role bullet, with {work} (a topic may give its own)
    nominals: dict[str, str]  # a duty said as a noun -> its verb ("deployment" -> "deploy")
    max_words: int  # a longer bullet gets its edits but no result clause: it needs cutting

    @property
    def empty(self) -> bool:
        return not self.topics and not self.openings

    # compiled on first use: listing or explaining rules never rewrites
    @functools.cached_property
    def targets(self) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in self.target_patterns)

    @functools.cached_property
    def terms_longest_first(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(((t, topic.name) for topic in self.topics for t in topic.terms), key=lambda p: -len(p[0])))

    @functools.cached_property
    def results(self) -> re.Pattern | None:
        return combine(self.result_patterns, re.IGNORECASE) if self.result_patterns else None


def parse_tables(files: list[tuple[str, dict, bool]]) -> Tables:
    """The rewrite tables of rules/rewrites/ (and of --rule-dir packs: a later file's entries add to or
    replace an earlier one's)."""
    openers: dict[str, str] = {}
    pronouns: list[str] = []
    agents: list[str] = []
    plain: dict[str, str] = {}
    topics: dict[str, Topic] = {}
    ing_nouns: set[str] = set()
    figure_after = count = ""
    targets: list[str] = []
    results: list[str] = []
    openings: list[tuple[frozenset[str], dict[str, str]]] = []
    reframe: dict[str, str] = {}
    nominals: dict[str, str] = {}
    max_words = 0
    in_place: dict[str, str] = {}
    for path, data, trusted in files:
        check = Checker(path, data, trusted)
        check.only(
            {"name", "description", "openers", "pronouns", "passive_agents", "plain_verbs", "topics", "ing_nouns"}
            | {
                "figure_after",
                "count",
                "targets",
                "results",
                "openings",
                "reframe",
                "nominals",
                "max_words",
                "in_place",
            }
        )
        if "max_words" in data:
            Number(1, 1000, whole=True).check(data["max_words"], "max_words", check, None)
            max_words = data["max_words"]
        reframe |= _leads(check, "reframe", data.get("reframe"))
        for noun, verb in (data.get("nominals") or {}).items():
            nominals[str(noun).lower()] = str(verb).lower()
        for index, entry in enumerate(data.get("openers") or []):
            if not isinstance(entry, dict) or not isinstance(entry.get("noun"), str):
                check.fail(f"openers[{index}]", "needs 'phrases' (a list) and 'noun' (the verb before a noun)")
            check.only_in(f"openers[{index}]", entry, {"phrases", "noun"})
            for phrase in entry.get("phrases") or []:
                openers[str(phrase).lower()] = entry["noun"]
        pronouns += [str(p).lower() for p in check.strings("pronouns", default=[])]
        agents += [str(p).lower() for p in check.strings("passive_agents", default=[])]
        ing_nouns |= {str(p).lower() for p in check.strings("ing_nouns", default=[])}
        for word, verb in (data.get("plain_verbs") or {}).items():
            plain[str(word).lower()] = str(verb)
        for index, topic in enumerate(data.get("topics") or []):
            name = topic.get("name") if isinstance(topic, dict) else None
            if not isinstance(name, str) or "default" not in topic:
                check.fail(f"topics[{index}]", "needs a 'name', 'terms' and a 'default' outcome (and one per role)")
            outcome = {
                role: check.template(f"topics.{name}.{role}", str(text))
                for role, text in topic.items()
                if role not in ("terms", "name", "reframe")
            }
            terms = topic.get("terms") or []
            if not isinstance(terms, list):
                check.fail(f"topics.{name}.terms", "must be a list of words")
            leads = _leads(check, f"topics.{name}.reframe", topic.get("reframe"))
            topics[name] = Topic(name, tuple(f" {_words(str(t))} " for t in terms), outcome, leads)
        figure_after = str(data.get("figure_after", figure_after))
        count = str(data.get("count", count))
        for word, placeholder in (data.get("in_place") or {}).items():
            in_place[str(word).lower()] = check.template(f"in_place.{word}", str(placeholder))
        patterns = check.strings("targets", default=[])
        check.regexes("targets", patterns)
        targets += patterns
        given = check.strings("results", default=[])
        check.regexes("results", given)
        results += given
        for index, entry in enumerate(data.get("openings") or []):
            if not isinstance(entry, dict) or "default" not in entry:
                check.fail(f"openings[{index}]", "needs 'questions' (kinds, or [] for any) and a 'default' text")
            kinds = entry.get("questions") or []
            texts = {
                role: check.template(f"openings[{index}].{role}", str(text))
                for role, text in entry.items()
                if role != "questions"
            }
            openings.append((frozenset(str(k) for k in kinds), texts))
    if topics and "model" not in topics:
        raise RuleError("rules/rewrites: the topics need a 'model' topic, the one of a bullet no other fits")
    return Tables(
        tuple(sorted(openers.items(), key=lambda item: -len(item[0]))),
        tuple(sorted(pronouns, key=len, reverse=True)),
        tuple(agents),
        plain,
        tuple(topics.values()),
        frozenset(ing_nouns),
        figure_after,
        count,
        in_place,
        tuple(targets),
        tuple(results),
        tuple(openings),
        reframe,
        nominals,
        max_words or 1000,
    )


def _leads(check: Checker, key: str, given) -> dict[str, str]:
    """A role -> lead table of an off-role bullet's reframing; each lead says where the work goes."""
    if given is None:
        return {}
    if not isinstance(given, dict):
        check.fail(key, "must map a role to its lead, such as ds: 'Moved <metric> ... by {work}'")
    leads = {str(role): check.template(f"{key}.{role}", str(text)) for role, text in given.items()}
    for role, text in leads.items():
        if "{work}" not in text:
            check.fail(f"{key}.{role}", "needs {work}, where the bullet's own work goes")
    return leads


def _sentences(body: str) -> list[str]:
    """The sentences of a bullet ("Analysed X in Python and R. Assisted in Y."); an abbreviation ("U.S.",
    "e.g.") ends none."""
    parts, start = [], 0
    for end in _SENTENCE_END.finditer(body):
        if not _ABBREVIATION.search(body[start : end.start()]):
            parts.append(body[start : end.start()])
            start = end.end()
    return [*parts, body[start:]]


def _opens_with_verb(body: str) -> bool:
    """Whether the bullet opens with a verb: a past tense ("Built", "Co-led"), or a present one that is not
    followed by "in" or "of" ("Support the business", but not "Experience in NLP")."""
    words = body.split(" ", 2)
    return _is_opening_verb(words[0], words[1].lower() if len(words) > 1 else "")


@functools.lru_cache(maxsize=8192)
def _is_opening_verb(first: str, following: str) -> bool:
    if first.startswith("<") or wordforms.gerund(first) is not None:
        return True
    return following not in ("in", "of") and wordforms.present_form_of(first) is not None


@functools.lru_cache(maxsize=8192)
def _present_verb(word: str, following: str) -> str | None:
    """The past tense of a verb in the present ("Perform" -> "Performed", "Collaborates" -> "Collaborated"),
    or None when the word is no such verb or may be a noun before `following`."""
    lemma = wordforms.present_form_of(word)
    if lemma is None:
        return None
    if wordforms.base_form(word, "NOUN") and following not in _DETERMINERS - {"and", "new"} | _POSSESSIVES | {"with"}:
        return None
    return wordforms.past(lemma)


def _joined_verbs(tail: list[str], form) -> list[str]:
    """The words after a bullet's first verb, with each verb joined to it by "and" put in the same form
    ("improving and maintaining X", "refactoring X and writing its tests"). `form(word, following)` is the
    word in that form, or None when it is no such verb."""
    tail = list(tail)
    for n in range(len(tail) - 1):
        after = tail[n + 2].lower() if n + 2 < len(tail) else ""
        if tail[n].lower() in ("and", "&"):
            joined = form(tail[n + 1], after)
            if joined and (n == 0 or after in _DETERMINERS | _POSSESSIVES):
                tail[n + 1] = joined.lower()
    return tail


_NOT_WORD = re.compile(r"[^\w/&+-]+")


def _words(text: str) -> str:
    """The text's words in lower case, one space between each ("A/B tests, k8s" -> "a/b tests k8s")."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


def _without_full_stop(text: str) -> str:
    """The bullet without its closing full stop (an abbreviation's, "etc.", stays)."""
    body = text.strip()
    if body.endswith(".") and not body.lower().endswith(("etc.", "e.g.", "i.e.", "vs.")):
        body = body[:-1].rstrip()
    return body


def _lower_first(text: str) -> str:
    """ "Models were ..." -> "models": the subject moves after the verb. An acronym or a name stays."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first.isupper() or any(c.isupper() for c in first[1:])):
        return text
    return text[:1].lower() + text[1:]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class BulletRewriter:
    def __init__(self, tables: Tables):
        self.tables = tables

    def rewrite(self, text: str, marks: list[Mark], role: str | None) -> str | None:
        """The bullet rewritten, or None when no edit applies (or one cannot be done well: silence then). A
        bullet that closed with a full stop keeps one: the rewrite is written in the bullet's own style."""
        after = self._rewritten(text, marks, role)
        if after and _without_full_stop(text) != text.strip() and not after.endswith((".", "!", "?")):
            after += "."
        return after

    def _rewritten(self, text: str, marks: list[Mark], role: str | None) -> str | None:
        edits = {m.edit for m in marks}
        body = _without_full_stop(text)
        needs_figure = False
        # Edits inside the text first, right to left, so that earlier offsets stay true.
        for mark in sorted((m for m in marks if m.edit in ("intensifier", "plain_verb")), key=lambda m: -m.start):
            if mark.end > len(body):
                continue
            word = body[mark.start : mark.end]
            if mark.edit == "plain_verb":
                plain = self.tables.plain_verbs.get(word.lower())
                if plain:
                    body = body[: mark.start] + (plain if word[:1].isupper() else plain.lower()) + body[mark.end :]
            elif word.lower().endswith("ly"):
                body = (body[: mark.start].rstrip() + " " + body[mark.end :].lstrip()).strip()
                needs_figure = True
            else:
                body = body[: mark.start] + self._in_place(word) + body[mark.end :]
        body = _capital(body)
        passive = next((m for m in marks if m.edit == "passive"), None)
        marked_passive = passive is not None and len(text[: passive.start].split()) <= _MAX_SUBJECT_WORDS
        # each sentence of a bullet opens on its own: "Analysed X. Assisted in the development of Y."
        opened = [self._open(part, edits, marked_passive, passive is None) for part in _sentences(body)]
        body = " ".join(part for part, _ in opened)
        if any(dropped for _, dropped in opened):
            edits = edits | {"pronoun"}
        body = _capital(body.strip())
        # a bullet that gives a figure has its result; one without gets the placeholder of its topic
        results = self.tables.results
        # every edit but a plain verb leaves a bullet that still owes its result, unless it gives one
        outcome_wanted = bool(edits - {"plain_verb", "intensifier"}) and not (results and results.search(text))
        if needs_figure:  # the size of the change, where the adverb claimed it
            cut = _MAIN_CLAUSE_END.search(body)
            at = cut.start() if cut else len(body)
            body = body[:at] + self.tables.figure_after + body[at:]
        # a long bullet needs cutting more than another clause; one that opens with no verb ("Experience
        # in X", "Working knowledge of Y") lists skills, and no result can be hung on it
        if len(body.split()) > self.tables.max_words or not _opens_with_verb(body):
            outcome_wanted = False
        # a bullet that gives its result is strong for its own role: reframing would bury the result
        elif "reframe" in edits and role and len(opened) == 1 and not (results and results.search(text)):
            reframed = self._reframe(body, role)
            if reframed:
                return reframed
        if outcome_wanted:
            return body + self._outcome(body, role)
        if needs_figure:
            return body
        return body if body != _capital(_without_full_stop(text)) else None

    def _in_place(self, word: str) -> str:
        """What stands where a quantity or size word was: a count, or the placeholder of a size or scale."""
        low = word.lower()
        found = self.tables.in_place.get(low)
        if found is None:
            found = next((v for k, v in self.tables.in_place.items() if k[:1] == "*" and low.endswith(k[1:])), None)
        return found if found is not None else self.tables.count

    def _open(self, sentence: str, edits: set[str], marked_passive: bool, unmarked: bool) -> tuple[str, bool]:
        """A sentence of the bullet with its opening edited, and whether a first person was dropped: the first
        person goes (whichever rule brought the bullet here), a duty phrase becomes the action, a duty named
        as a noun its verb, a passive active, a stock verb a plain one."""
        dropped = self._drop_pronoun(sentence)
        pronoun = dropped != sentence
        sentence = dropped
        if "duty" in edits or pronoun:
            sentence = self._duty(sentence) or sentence  # a collaboration ("Partnered with X to ...") keeps its verb
        sentence = self._nominal(sentence) or sentence
        if marked_passive:
            sentence = self._active(sentence) or sentence
        elif unmarked:  # a passive no rule read (its verb past the words RL107 looks at) goes too
            sentence = self._active(sentence, unmarked=True) or sentence
        first, _, rest = sentence.partition(" ")
        plain = self.tables.plain_verbs.get(first.lower())
        if plain and rest:
            sentence = f"{plain} {rest}"
        return _capital(sentence.strip()), pronoun

    def _drop_pronoun(self, body: str) -> str:
        low = body.lower()
        for pronoun in self.tables.pronouns:
            if low.startswith(pronoun + " "):
                return _capital(body[len(pronoun) + 1 :])
        return body

    def _duty(self, body: str) -> str | None:
        """The duty phrase the bullet opens with, replaced by the action; None when it opens with none. An
        adverb before it goes with it ("Actively participated in X")."""
        first, _, rest = body.partition(" ")
        if first.lower().endswith("ly") and rest and self._duty(_capital(rest)) is not None:
            return self._duty(_capital(rest))
        low = body.lower()
        for phrase, noun_verb in self.tables.openers:
            if not low.startswith(phrase + " "):
                continue
            rest = body[len(phrase) + 1 :].lstrip()
            words = rest.split(" ")
            first = words[0]
            following = words[1].lower() if len(words) > 1 else ""
            if self._is_gerund(first, following):
                past = wordforms.past(first)
                if past is None:
                    return None
                tail = _joined_verbs(words[1:], lambda w, a: wordforms.past(w) if self._is_gerund(w, a) else None)
                return " ".join([past, *tail]).strip()
            if phrase.split()[-1] in ("helped", "assisted", "to") and first.isalpha() and first.islower():
                past = wordforms.past(first)  # "Helped build X" -> "Built X"
                if past and first.lower() not in _DETERMINERS:
                    return " ".join([past, *words[1:]]).strip()
            return f"{noun_verb} {rest}"
        words = body.split(" ")
        # a duty in the present tense, the voice of a job description ("Perform code reviews", "Support the
        # business"): the past tense, unless the word may be a noun here ("Mentor junior analysts", "Lead
        # developer on X" are left as they are)
        present = _present_verb(words[0], words[1].lower() if len(words) > 1 else "")
        if present:
            tail = _joined_verbs(words[1:], lambda w, a: wordforms.past(w) if _present_verb(w, a) else None)
            return " ".join([present, *tail])
        # a duty said with a gerund ("Coordinating and collaborating with X", "Serving as lead developer"):
        # only before a word that shows the gerund is the verb ("Working knowledge of" is a noun phrase)
        following = words[1].lower() if len(words) > 1 else ""
        # an -ing word the field uses as a noun is a verb only before a preposition ("Serving as", but
        # "Pricing and forecasting models" is a noun phrase)
        verb_like = self._is_gerund(words[0], following) or (following != "and" and self._is_gerund(words[0], "the"))
        if following in _AFTER_OPENING_GERUND and verb_like:
            past = wordforms.past(words[0])
            if past:
                tail = _joined_verbs(words[1:], lambda w, a: wordforms.past(w) if self._is_gerund(w, a) else None)
                return " ".join([past, *tail])
        return None

    def _nominal(self, body: str) -> str | None:
        """A bullet that names its duty as a noun ("Deployment of the fraud model to SageMaker"), said with
        the verb ("Deployed the fraud model to SageMaker"); None when it opens with no such noun."""
        words = body.split(" ", 2)
        if len(words) < 3 or words[1].lower() != "of":
            return None
        verb, _, particle = self.tables.nominals.get(words[0].lower(), "").partition(" ")  # "roll out"
        past = wordforms.past(verb) if verb else None
        return " ".join(w for w in (past, particle, words[2]) if w) if past else None

    def _reframe(self, body: str, role: str) -> str | None:
        """An off-role bullet led by what the target role looks for, its own work the means: "Moved <business
        metric> ... by deploying the fraud model ...". None when the bullet does not open with a verb in the
        past tense (it is then only given the role's result)."""
        lead = self.topic(body).reframe.get(role) or self.tables.reframe.get(role)
        first, _, rest = body.partition(" ")
        gerund = wordforms.gerund(first) if lead else None
        if lead is None or gerund is None:
            return None
        work = " ".join([gerund, *_joined_verbs(rest.split(" "), lambda w, a: wordforms.gerund(w))]).strip()
        if "by {work}" in lead:  # one "by <doing>" to a sentence: the bullet's own becomes "through"
            work = _BY_GERUND.sub(" through ", work)
        return lead.replace("{work}", work)

    def _is_gerund(self, word: str, following: str) -> bool:
        low = word.lower()
        if not (low.endswith("ing") and len(low) > 4 and low.isalpha()):
            return False
        # "pricing models", "training data": an -ing word the field uses as a noun, before a noun
        return low not in self.tables.ing_nouns or following in _DETERMINERS or following == ""

    def _active(self, body: str, unmarked: bool = False) -> str | None:
        """The bullet with the candidate as the subject ("Models were deployed to X" -> "Deployed models to
        X"). A passive no rule marked must be plainly one: a past auxiliary, a participle, a short subject,
        and no agent but the candidate ("The pipeline was used by six teams" stays)."""
        found = _PARTICIPLE.match(body)
        if not found or found.group("subject").lower().split()[0] in ("i", "we"):
            return None
        verb, rest = wordforms.past(found.group("verb")), found.group("rest")  # "was rewritten" -> "Rewrote"
        if verb is None:
            return None
        if unmarked and not self._plain_passive(found):
            return None
        for agent in self.tables.passive_agents:
            rest = re.sub(rf"\s*\b{re.escape(agent)}\b", "", rest, flags=re.IGNORECASE)
        subject = _lower_first(found.group("subject"))
        return " ".join(p for p in (verb, subject, rest.strip()) if p)

    def _plain_passive(self, found: re.Match) -> bool:
        participle = found.group("verb").lower()
        auxiliary = found.group(0)[len(found.group("subject")) :].split()[0].lower()
        rest = " " + found.group("rest").lower()
        for agent in self.tables.passive_agents:
            rest = rest.replace(" " + agent, "")
        return (
            auxiliary in ("was", "were")
            and len(found.group("subject").split()) <= _MAX_SUBJECT_WORDS
            and participle in wordforms.forms(wordforms.verb_lemma(participle), "VBN")
            and " by " not in rest
        )

    def topic(self, body: str) -> Topic:
        """The first topic, in the tables' order, whose terms the bullet uses. The longest terms are read
        first and hide the words they hold: "sentiment analysis" is a model's task, not an analysis."""
        words = f" {_words(body)} "  # each term is looked for as whole words, padded the same way
        used = set()
        for term, name in self.tables.terms_longest_first:
            if term in words:
                used.add(name)
                words = words.replace(term, " | ")
        return next(
            (t for t in self.tables.topics if t.name in used), next(t for t in self.tables.topics if t.name == "model")
        )

    def _outcome(self, body: str, role: str | None) -> str:
        outcome = self.topic(body).outcome
        return outcome.get(role or "", outcome["default"])


def result_topic(after: str, role: str | None, tables: Tables) -> str | None:
    """Which topic's result placeholder a rewrite carries for `role` (None: none), for tests and benchmarks
    that check a rewrite asks for the right kind of result."""
    for topic in tables.topics:
        if topic.outcome.get(role or "", topic.outcome["default"]) in after:
            return topic.name
    return None


def with_article(phrase: str) -> str:
    """A model's name as a noun phrase: "a random forest", "an isolation forest", "an XGBoost classifier".
    A name or an acronym alone ("XGBoost", "LSTM"), a plural and a mass noun ("embeddings", "deep
    learning", "matrix factorization") take none."""
    words = phrase.split()
    if not words or words[0].lower() in ("a", "an", "the"):
        return phrase
    last = words[-1]
    if last.endswith(("ing", "tion", "sion", "sis", "ics")) or (last.endswith("s") and not last.endswith("ss")):
        return phrase
    if any(c.isupper() or c.isdigit() for c in last):  # the head is a name: "XGBoost", "gradient-boosted GBM"
        return phrase
    return ("an " if _vowel_sound(words[0]) else "a ") + phrase


# letters whose names open with a vowel sound: an acronym is read letter by letter ("an LSTM", "a CNN")
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")


def _vowel_sound(word: str) -> bool:
    if len(word) > 1 and word[:2].isupper():  # an acronym, or a name that opens with one ("XGBoost")
        return word[0] in _VOWEL_LETTERS
    return word[:1].lower() in "aeiou"


def answer_target(question: str | None, tables: Tables) -> str | None:
    """What the question asks to predict, as the question words it ("which customers will churn")."""
    for pattern in tables.targets:
        found = pattern.search(question or "")
        if found and found.group(1).strip():
            return found.group(1).strip()
    return None


def answer_opening(question: str | None, kind: str, model: str | None, role: str | None, tables: Tables) -> str | None:
    """The reframed opening for an answer to a question of `kind`: the first entry that lists the kind, or
    one that lists none."""
    texts = next((t for kinds, t in tables.openings if kind in kinds), None)
    texts = texts or next((t for kinds, t in tables.openings if not kinds), None)
    if texts is None:
        return None
    template = texts.get(role or "", texts["default"])
    target = answer_target(question, tables) or "<target>"
    return template.replace("{target}", target).replace("{model}", with_article(model) if model else "<model>")


def compose_rewrites(items, units, role: str | None, tables: Tables) -> list:
    """The rewrites of a document. `items`: (finding, rule, hit) for the findings that survived the
    suppressions, of rules that have an edit; `units`: the document's answers."""
    from .findings import Rewrite
    from .kinds.base import opening_hit

    if tables.empty:
        return []
    answers = {id(unit.block): unit for unit in units}
    groups: dict[tuple[int, tuple[int, int]], list] = {}  # (block, where its source lies) -> its items
    for item in items:
        hit = item[2]
        source = (0, len(hit.block.text)) if id(hit.block) in answers else hit.block.source_range(hit.start)
        groups.setdefault((id(hit.block), source), []).append(item)
    rewriter = BulletRewriter(tables)
    out = []
    for (key, (begin, end)), group in groups.items():
        block = group[0][2].block
        codes = tuple(sorted({finding.code for finding, _, _ in group}))
        unit = answers.get(key)
        if unit is not None:
            if not any(rule.edit == "frame" for _, rule, _ in group):
                continue
            finding, hit = next((f, h) for f, r, h in group if r.edit == "frame")
            model = _model_name(finding.matched, block.text[hit.end :], block.text)
            before = opening_hit(block, unit.doc[:]).fields["match"]  # how the answer opens, as RL310 reads it
            after = answer_opening(unit.question, unit.question_kind, model, role, tables)
        else:
            text = block.text[begin:end]
            marks = [
                Mark(finding.code, rule.edit, hit.start - begin, hit.end - begin, finding.matched)
                for finding, rule, hit in group
            ]
            before = text.strip()
            after = rewriter.rewrite(text, marks, role)
        if after and after != before:
            start, stop = block.position(begin), block.position(max(begin, end - 1))
            out.append(Rewrite(start.line, start.page, before, after, codes, (stop.page or 0, stop.line)))
    return sorted(out, key=lambda r: (r.page or 0, r.line))


def _model_name(matched: str, after: str, answer: str) -> str | None:
    """The model an answer names, as it names it: the finding's match with the noun it runs on to; for a
    thin answer (whose finding is all of it) the first name-like word, if any."""
    if matched and len(matched.split()) <= 4:
        noun = _MODEL_NOUN.match(after)
        name = matched + (after[: noun.end()] if noun else "")
        # "Random forest" opening a sentence is a common noun; "Prophet" or "XGBoost" is a name
        common = " " in name and name[:1].isupper() and name[1:].islower()
        return name[0].lower() + name[1:] if common else name
    found = _NAME_LIKE.search(answer)
    return found.group(0) if found else None
