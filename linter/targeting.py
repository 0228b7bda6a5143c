"""The target role of a run and the role signal of each document: from --role, inferred from a job
description (--job), or, failing both, read off the document itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from .roles import DOMINANT_SHARE, Profile, RoleScorer, Signal, describe_shares

OPTION, JOB, DOCUMENT, NONE = "option", "job", "document", "none"
# A block with this much signal casts a full vote for the roles it signals; weaker blocks a part of one.
# Voting by block (not summing term weights) makes a document read as its bullets read: six bullets, three
# of each role, is half and half however densely either half is worded.
FULL_VOTE = 3.0


@dataclass
class JobAnalysis:
    path: str
    signal: Signal
    shares: dict[str, float]
    leader: str | None

    @property
    def mixed(self) -> bool:
        """A posting that names more than one role ("Data Scientist / ML Engineer") or whose signal is split."""
        titled = {name for name, group in self.signal.groups if group == "title"}
        return self.leader is not None and (len(titled) > 1 or self.shares[self.leader] < DOMINANT_SHARE)


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


def analyse_job(path: str, spans, scorer: RoleScorer, profiles: dict[str, Profile]) -> JobAnalysis:
    signal = Signal()
    for span in spans:
        signal.add(scorer.signal(span, with_titles=True))
    return JobAnalysis(path, signal, signal.shares(profiles), signal.leader(profiles))


def analyse(
    views,
    scorer: RoleScorer,
    profiles: dict[str, Profile],
    role: str,
    job: JobAnalysis | None,
    role_names: str,
    sections,
) -> RoleAnalysis:
    """`views` are the document's prose blocks (kinds.base.View); `role` is the --role option ("auto" or a
    profile name); `role_names` lists them for notes; `sections` (sections.Vocabulary) says how much each
    section's signal counts."""
    blocks: dict[int, Signal] = {}
    document, votes = Signal(), Signal()
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
