"""The target role of a run and the role signal of each document: from --role, inferred from a job
description (--job), or, failing both, read off the document itself."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import BULLET, HEADING, PARAGRAPH
from .roles import DOMINANT_SHARE, TITLE_WEIGHT, Profile, RoleScorer, Signal, describe_shares, is_person_title
from .tokens import token_table

OPTION, JOB, DOCUMENT, NONE = "option", "job", "document", "none"
# A block with this much signal casts a full vote for the roles it signals; weaker blocks a part of one.
# Voting by block (not summing term weights) makes a document read as its bullets read: six bullets, three
# of each role, is half and half however densely either half is worded.
FULL_VOTE = 3.0
# A job title the author held ("Data Scientist, Acme, 2019-2022") votes like a bullet full of one role's
# signal: the titles say which role a person has done, more surely than the words of a few bullets, but
# the work described under them still counts more (a "Data Scientist" who deployed and ran services all
# along reads as an ML engineer).
TITLE_VOTE = 1.0


@dataclass
class JobAnalysis:
    path: str
    signal: Signal
    shares: dict[str, float]
    leader: str | None
    titled: tuple[str, ...] = ()  # the roles the posting's own title names (not its team description)
    title_names: tuple[str, ...] = ()  # the titles found there, as the profiles list them

    @property
    def mixed(self) -> bool:
        """A posting whose own title names more than one role ("Data Scientist / ML Engineer", or a title
        listed by several profiles such as "Applied Scientist"), or, with no title naming a role, whose
        signal is split. A title naming one role settles it: naming the other role as colleagues ("you will
        work alongside our data scientists") does not make a posting mixed."""
        if self.leader is None:
            return False
        if self.titled:
            return len(self.titled) > 1
        return self.shares[self.leader] < DOMINANT_SHARE


@dataclass
class RoleAnalysis:
    profiles: dict[str, Profile]
    document: Signal  # term weights summed over the document: which groups and terms it shows
    votes: Signal  # per role, the votes of its blocks: how the document reads
    blocks: dict[int, Signal]  # id(block) -> its signal
    target: str | None
    source: str  # OPTION, JOB, DOCUMENT or NONE
    job: JobAnalysis | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def external(self) -> bool:
        """The target came from the user (--role or --job), not from the document being judged."""
        return self.source in (OPTION, JOB)

    def of(self, block) -> Signal:
        return self.blocks.get(id(block), Signal())

    @property
    def shares(self) -> dict[str, float]:
        return self.votes.shares(self.profiles)

    def label(self, name: str | None) -> str:
        return self.profiles[name].label if name in self.profiles else "no role"


# Where a posting states its own title: a key such as "Job title:" or "Position:", a top-level Markdown
# heading, one of the first short lines, or a phrase such as "we are looking for a ..." or "As an ...". A
# role named anywhere else (the team, the colleagues, the company) says nothing about the role on offer.
_TITLE_KEY = re.compile(
    r"^\W*(?:[a-z_]*title|role(?:_name)?|position|post|job|vacancy|opening)(?:[ \t]+\w+){0,2}\s*[:\-\u2013]\s*(?=\w)",
    re.IGNORECASE,
)
_TITLE_PHRASE = re.compile(
    r"\b(?:(?:seeking|looking for|searching for|hiring|recruiting|in search of|need|want)\s+(?:an?|one|our|the)\b"
    r"(?P<long>(?:\W+[\w&/+.-]+){1,8})"
    r"|(?:^|[.!?:;]\s+|\b(?:join\w*\s+(?:\w+\s+){0,3}|work\w*\s+|hired\s+))as\s+an?\b"
    r"(?P<short>(?:\W+[\w&/+.-]+){1,6}))",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s*#\s+\S")  # a level-one Markdown heading
_COMMENT = re.compile(r"^\s*(?:<!--.*?-->\s*)+$|^\s*-{3,}\s*$")
TITLE_LINES = 2  # how many of the first lines with words may be the title
TITLE_WORDS = 12  # a line longer than this is a sentence, not a title
# Words allowed before the title in each kind of place: "Job title: Senior ML Engineer", "looking for a
# highly skilled and experienced ML Engineer", "As a senior Data Scientist, you".
LEAD_AFTER_KEY, LEAD_AFTER_SEEKING, LEAD_AFTER_AS = 3, 5, 2


# Words that end the run of adjectives before a title: "as a member of the data science team" names a team.
_NOT_A_TITLE_LEAD = frozenset(
    "of with to for in on at by from alongside who that which whose member part one each every".split()
)

_NOT_A_BULLET_TITLE_LEAD = _NOT_A_TITLE_LEAD | frozenset(
    "a an the our their my two three several mentored hired trained managed supervised coached".split()
)


def _lines(block) -> list[tuple[int, int]]:
    """(start, end) in the block's text of each source line it was joined from."""
    return [(s.offset, s.offset + s.length) for s in block.segments] or [(0, len(block.text))]


def title_zones(blocks) -> list[list[tuple[int, int, int | None]]]:
    """For each block, the character ranges of its text where the posting names its own role, each with
    how many words may come before the title in it (None: a title line, anywhere on it)."""
    zones: list[list[tuple[int, int, int | None]]] = []
    first_lines = 0
    for block in blocks:
        ranges: list[tuple[int, int, int | None]] = []
        for start, end in _lines(block):
            line = block.text[start:end]
            if not re.search(r"[A-Za-z]", line) or _COMMENT.match(line):
                continue
            key = _TITLE_KEY.match(line)
            if key:
                ranges.append((start + key.end(), end, LEAD_AFTER_KEY))
            elif _HEADING.match(line) or (
                first_lines < TITLE_LINES and len(line.split()) <= TITLE_WORDS and block.type != "bullet"
            ):
                ranges.append((start, end, None))
            first_lines += 1
        for match in _TITLE_PHRASE.finditer(block.text):
            group = "long" if match.group("long") else "short"
            lead = LEAD_AFTER_SEEKING if group == "long" else LEAD_AFTER_AS
            ranges.append((match.start(group), match.end(group), lead))
        zones.append(ranges)
    return zones


def _in_zone(text: str, start: int, end: int, ranges) -> bool:
    for a, b, most in ranges:
        if a <= start and end <= b:
            if most is None:
                return True
            lead = re.findall(r"[\w&/+.-]+", text[a:start].lower())
            if len(lead) <= most and not _NOT_A_TITLE_LEAD.intersection(lead):
                return True
    return False


def analyse_job(path: str, spans, scorer: RoleScorer, profiles: dict[str, Profile], blocks=None) -> JobAnalysis:
    """The role a posting asks for. Its terms (the responsibilities and requirements) give the shares; its
    own title, when it names a role, gives the role. `blocks` are the Blocks the spans were parsed from
    (their source lines show where the title is); without them every role named counts as its title."""
    signal = Signal()
    zones = title_zones(blocks) if blocks is not None else [None] * len(spans)
    found: list[tuple[str, tuple[str, ...]]] = []  # (title, profiles) named where the posting names its role
    for span, ranges in zip(spans, zones):
        signal.add(scorer.signal(span))
        base, text = span.start_char, token_table(span.doc).text
        for start, end, title, owners in scorer.titles(span):
            if ranges is None or _in_zone(text, start - base, end - base, ranges):
                found.append((title, owners))
    # A person's title beats the name of a field or team: "Machine Learning Engineer, Data Science
    # Platform" asks for an ML engineer.
    people = [(title, owners) for title, owners in found if is_person_title(title)]
    titled: set[str] = set()
    names: list[str] = []
    for title, owners in people or found:
        titled.update(owners)
        if title not in names:
            names.append(title)
        for owner in owners:
            signal.count(owner, "title", title, TITLE_WEIGHT)
    named = tuple(sorted(titled))
    leader = min(named, key=lambda n: (-signal.score(n), n)) if named else signal.leader(profiles)
    return JobAnalysis(path, signal, signal.shares(profiles), leader, named, tuple(names))


def held_titles(blocks, scorer: RoleScorer, sections):
    """(block, the profiles named) for each line of a resume that gives a job title its author held: a
    heading or a short line in a section that holds titles (`sections`, a sections.Vocabulary, says which),
    whose title comes first or after a few words ("Acme Corp - Senior Data Scientist"), not after "with" or
    "for" ("worked with data scientists" names colleagues, and a plural never matches)."""
    for block in blocks:
        if block.type not in TITLE_BLOCKS or not sections.holds_titles(block.section):
            continue
        if not scorer.may_name_person(block.text):  # most blocks: one scan, no line splitting
            continue
        if block.type == BULLET:  # "2019 - 2021: Data Scientist - Acme" as a list item: one line
            lines, most, stop = [(0, len(block.text))], HELD_TITLE_BULLET_WORDS, _NOT_A_BULLET_TITLE_LEAD
        else:
            lines, most, stop = _lines(block), HELD_TITLE_WORDS, _NOT_A_TITLE_LEAD
        for start, end in lines:
            line = block.text[start:end]
            if len(line.split()) > most:
                continue
            owners: set[str] = set()
            for m_start, _, owners_of in scorer.person_titles(line):
                lead = re.findall(r"[\w&+.-]+", line[:m_start].lower())
                if len(lead) <= HELD_TITLE_LEAD and not stop.intersection(lead):
                    owners.update(owners_of)
            if owners:
                yield block, tuple(sorted(owners))


TITLE_BLOCKS = (HEADING, PARAGRAPH, BULLET)  # not questions and answers, not code
HELD_TITLE_WORDS = 24  # a longer line is a sentence about the work, not a title line
HELD_TITLE_LEAD = 8  # words allowed before the title on its line (a company, a date range)
HELD_TITLE_BULLET_WORDS = 14  # a list item this short naming a title is a title line ("Mentored a data
# scientist" is not: an article or a verb's object marks a colleague)


def analyse(
    views,
    scorer: RoleScorer,
    profiles: dict[str, Profile],
    role: str,
    job: JobAnalysis | None,
    role_names: str,
    sections,
    all_blocks=(),
) -> RoleAnalysis:
    """`views` are the document's prose blocks (kinds.base.View); `role` is the --role option ("auto" or a
    profile name); `role_names` lists them for notes; `sections` (sections.Vocabulary) says how much each
    section's signal counts; `all_blocks` (headings too) are searched for the job titles a resume gives
    its author, which vote for the roles they name."""
    blocks: dict[int, Signal] = {}
    document, votes = Signal(), Signal()
    for block, owners in held_titles(all_blocks, scorer, sections):
        factor = sections.signal_weight(block.section) * TITLE_VOTE / len(owners)
        votes.add(Signal({name: factor for name in owners}))
    for view, signal in zip(views, scorer.signals([view.span for view in views])):
        block = view.block
        blocks[id(block)] = signal
        factor = sections.signal_weight(block.section)
        document.add(signal, factor)
        total = signal.total
        if total > 0:
            strength = min(total, FULL_VOTE) / FULL_VOTE * factor
            votes.add(Signal({name: strength * score / total for name, score in signal.scores.items()}))
    analysis = RoleAnalysis(profiles, document, votes, blocks, None, NONE, job)
    shares = describe_shares(votes.shares(profiles), profiles)
    if role in profiles:
        analysis.target, analysis.source = role, OPTION
    elif job is not None and job.leader is not None:
        analysis.target, analysis.source = job.leader, JOB
        terms = ", ".join(job.signal.top_terms(job.leader, 6))
        mix = (
            f"a mixed posting that leans {analysis.label(job.leader)}"
            if job.mixed
            else f"it reads as {analysis.label(job.leader)}"
        )
        if job.title_names:
            roles = " and ".join(analysis.label(n) for n in job.titled)
            named = ", ".join(f"'{t}'" for t in job.title_names[:3])
            mix += f", its title ({named}) naming {roles}"
        analysis.notes.append(
            f"target role {analysis.label(job.leader)} inferred from the job description "
            f"{job.path}: {mix} ({describe_shares(job.shares, profiles)}; strongest terms: "
            f"{terms})"
        )
    elif votes.leader(profiles) is not None:
        analysis.target, analysis.source = votes.leader(profiles), DOCUMENT
        why = "the job description has no role signal; " if job is not None else "no target role given; "
        analysis.notes.append(
            f"{why}the document reads {shares}, so suggestions are written for "
            f"{analysis.label(analysis.target)}. Rules that compare against a target "
            f"(off-role bullets, missing core evidence) need one: pass --role {role_names} "
            "or --job FILE"
        )
    else:
        analysis.notes.append(
            "no target role given and no role signal in the document: suggestions are "
            f"role-neutral; pass --role {role_names} for suggestions in the language of a role"
        )
    return analysis
