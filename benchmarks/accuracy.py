"""How right rolelint is on real documents written by others: the labelled corpus in ../shared/corpus/real/.

    python benchmarks/accuracy.py [--corpus DIR] [--labels FILE ...] [--unlabelled] [--stubs FILE] [--json FILE]

It runs this project's rolelint (``python -m linter``, whatever is on PATH) the way the reviewer did when
labelling (the corpus README, "How it was labelled"), matches each finding to the reviewer's labels and to
the project's own labels (benchmarks/labels.jsonl, for findings the reviewer never saw), and prints:

- per rule and per family: precision over the labelled findings (TP / (TP + FP); DEBATABLE apart), recall
  over the labelled misses, how many findings no label covers, and the TP and FP that the reviewer's own
  labels account for (the rest are the project's labels);
- weak resume bullets that get a finding: the bullets the reviewer calls weak (a TP wording finding, or a
  miss of a wording rule), and how many of them a current wording finding (not one labelled FP) sits on;
- resume leaning, posting role and kind agreement;
- the reading of the documents: PDFs whose experience section is read as bullets, and plain-text copies of
  every resume (the text a person gets by pasting it into a job site's form) detected as resumes, with the
  role profile of the copy beside the original's.

The corpus is only measured, never copied: nothing here or in benchmarks/labels.jsonl quotes it beyond the
excerpt rolelint itself prints, which is how a label finds its finding again. Standard library and the
project's own readers only; no network.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = (ROOT / ".." / "shared" / "corpus" / "real").resolve()
OWN_LABELS = HERE / "labels.jsonl"
BASE = ["--format", "json", "--no-config", "--fail-on", "never"]
ROLES = ("ds", "mle")
WORDING = ("RL1", "RL203")  # rules that judge the wording of one bullet
DOCUMENT_LEVEL = {"RL201", "RL204", "RL205", "RL401", "RL402", "RL403"}
# What a document-level finding is about, read from its message: several such findings share a position.
SUBJECT = {
    "RL204": ("signal", re.compile(r"No bullet shows (.+?), core evidence")),
    "RL205": ("signal", re.compile(r"stresses (.+?)(?: \([^()]*\))?, but ")),
    "RL401": ("section", re.compile(r"no section for (.+?), which")),
}
FAMILIES = (
    ("RL1 resume wording", lambda code, kind: code.startswith("RL1")),
    ("RL2 role signals", lambda code, kind: code.startswith("RL2")),
    ("  RL201-RL204", lambda code, kind: code.startswith("RL2") and code != "RL205"),
    ("  RL205 job gap", lambda code, kind: code == "RL205"),
    ("RL3 on answers", lambda code, kind: code.startswith("RL3") and kind == "answer"),
    ("RL3 on write-ups", lambda code, kind: code.startswith("RL3") and kind == "writeup"),
    ("RL4 write-ups", lambda code, kind: code.startswith("RL4")),
    ("all", lambda code, kind: True),
)


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def rolelint(args: list[str], cwd: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "linter", "check", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )
    try:
        return json.loads(done.stdout)
    except ValueError:
        raise SystemExit(
            f"accuracy: rolelint {' '.join(args)} gave no JSON report: {done.stderr.strip()[-300:]}"
        ) from None


# What the interview articles (the seeds beside the corpus) call a weak answer, quoted on the line after
# one of these leads, or listed as what candidates "believe interviewers want to hear".
_WEAK_LEADS = re.compile(
    r"^(?:weak answer|weak candidate|a shallow answer|a weak answer begins like this)\s*:\s*$", re.I
)
_BELIEVED = re.compile(r"believe interviewers want to hear", re.I)
_QUOTED = re.compile(r"^\s*(?:-\s*)?[\u201c\"](.+?)[\u201d\"]?\s*$")


def seed_one_liners(seeds: Path) -> list[str]:
    """The seeds' quoted one-line weak answers, read at run time (no seed text is kept in the project)."""
    found = []
    for path in sorted(seeds.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            following = lines[i + 1 : i + 2] if _WEAK_LEADS.match(line.strip()) else []
            if _BELIEVED.search(line):
                following = [x for x in lines[i + 1 : i + 5] if _QUOTED.match(x)]
            for candidate in following:
                quoted = _QUOTED.match(candidate)
                if quoted and len(quoted.group(1).split()) <= 40:
                    found.append(quoted.group(1).rstrip("\u2026. ") + ".")
    return found


def seed_check(seeds: Path, scratch: Path) -> tuple[int, int, list[str], collections.Counter]:
    """How many of the seeds' one-line weak answers get a finding, each linted alone as an answer with no
    question, in the run for each role: an answer counts when both runs report it."""
    answers = seed_one_liners(seeds)
    folder = scratch / "seeds"
    folder.mkdir()
    for n, answer in enumerate(answers):
        (folder / f"answer{n:02d}.txt").write_text(answer + "\n", encoding="utf-8")
    flagged: set[str] | None = None
    by_code: dict[str, set[str]] = {}  # the rules both runs report, per answer
    for role in ("ds", "mle"):
        report = rolelint([str(folder), "--kind", "answer", "--role", role, *BASE], cwd=scratch)
        reported = {Path(r["path"]).name for r in report["files"] if r["findings"]}
        flagged = reported if flagged is None else flagged & reported
        codes = {Path(r["path"]).name: {f["code"] for f in r["findings"]} for r in report["files"]}
        by_code = codes if role == "ds" else {name: by_code.get(name, set()) & found for name, found in codes.items()}
    missed = [a for n, a in enumerate(answers) if f"answer{n:02d}.txt" not in (flagged or set())]
    rules = collections.Counter(code for found in by_code.values() for code in found)
    return len(answers) - len(missed), len(answers), missed, rules


def question_kinds(reports: dict) -> dict[str, dict[str, int]]:
    """How rolelint classified each answer's question (or, with none, the answer), per document kind, from
    the DS runs: the question kinds found in the corpus."""
    found: dict[str, collections.Counter] = {}
    for kind in ("answer", "writeup"):
        counts = found.setdefault(kind, collections.Counter())
        for result in reports[f"{kind}-ds"]["files"]:
            counts.update(answer.get("question_kind") or "none" for answer in result.get("answers", []))
    return {kind: dict(counts.most_common()) for kind, counts in found.items()}


def model_first(labels: list[dict], misses: list[dict], findings: list["Finding"]) -> tuple[int, int]:
    """The answers a label calls model-first (a reviewer's RL301 miss, or an RL301 finding marked right),
    each counted once per file and line, and how many of them RL301 reports in some run."""
    wanted = {(m["file"], m.get("record") or m.get("line")) for m in misses if m["expected_code"] == "RL301"}
    wanted |= {(x["file"], x.get("line")) for x in labels if x["code"] == "RL301" and x["verdict"] == "TP"}
    reported = {(f.file, f.line) for f in findings if f.code == "RL301"}
    return len(wanted & reported), len(wanted)


def in_corpus(corpus: Path, path: str) -> str:
    """A report's path (relative to the corpus root rolelint ran in, or absolute) as the labels name it."""
    return os.path.relpath(os.path.join(corpus, path), corpus)


def labelling_runs(jobs: list[str]) -> dict[str, list[str]]:
    runs = {}
    for kind, folder in (("resume", "resumes"), ("answer", "answers"), ("writeup", "writeups")):
        for role in ROLES:
            runs[f"{kind}-{role}"] = [folder, *BASE, "--role", role, "--kind", kind]
    for job in jobs:
        runs[f"job:{job}"] = ["resumes", *BASE, "--kind", "resume", "--job", job, "--select", "RL205"]
    runs["kind-auto"] = ["resumes", "answers", "writeups", *BASE, "--kind", "auto", "--role", "ds"]
    runs["role-auto"] = ["resumes", *BASE, "--kind", "resume"]
    return runs


def squeeze(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower())


def same_bullet(one: str, other: str) -> bool:
    """Two excerpts of the same text: one's opening inside the other, or most long words shared."""
    a, b = squeeze(one), squeeze(other)
    if not a or not b or a[:24] in b or b[:24] in a:
        return True
    words_a, words_b = (set(re.findall(r"[a-z0-9]{4,}", s.lower())) for s in (one, other))
    return bool(words_a and words_b) and len(words_a & words_b) >= 0.6 * min(len(words_a), len(words_b))


class Finding:
    def __init__(self, run: str, kind: str, role: str, path: str, raw: dict, number: int):
        self.run, self.kind, self.role, self.file, self.number = run, kind, role, path, number
        self.code = raw["code"]
        self.line = raw.get("line") if isinstance(raw.get("line"), int) else None
        self.end_line = raw.get("end_line") if isinstance(raw.get("end_line"), int) else self.line
        self.page = raw.get("page") if isinstance(raw.get("page"), int) else None
        self.message = str(raw.get("message") or "")
        self.excerpt = str(raw.get("excerpt") or "")
        self.job = run[4:] if run.startswith("job:") else None
        key, pattern = SUBJECT.get(self.code, (None, None))
        found = pattern.search(self.message) if pattern else None
        self.subject_key, self.subject = key, (found.group(1).strip() if found else None)


def collect_findings(reports: dict[str, dict], corpus: Path) -> list[Finding]:
    findings: list[Finding] = []
    for run, report in reports.items():
        if run in ("kind-auto", "role-auto"):
            continue
        kind = "resume" if run.startswith("job:") else run.split("-")[0]
        for result in report["files"]:
            path = in_corpus(corpus, result["path"])
            role = result.get("role") if run.startswith("job:") else run.split("-")[1]
            for raw in result.get("findings") or []:
                code = raw.get("code", "")
                # RL205 is labelled in the posting runs only, every other rule in the role runs
                if code.startswith("RL9") or run.startswith("job:") != (code == "RL205"):
                    continue
                findings.append(Finding(run, kind, str(role or ""), path, raw, len(findings)))
    return findings


def label_run(label: dict) -> str:
    return f"job:{label['job']}" if label["code"] == "RL205" else f"{label['kind']}-{label['role']}"


def fits(label: dict, finding: Finding) -> bool:
    if label["code"] in DOCUMENT_LEVEL:
        want = label.get(finding.subject_key) if finding.subject_key else None
        return not want or (finding.subject or "").lower() == str(want).lower()
    if finding.line is None or not isinstance(label.get("line"), int):
        return False
    if label["kind"] == "answer":  # the line of an answer is its record: the next one is another question
        return finding.line == label["line"]
    if label.get("page") is not None and finding.page != label["page"]:
        return False
    return abs(finding.line - label["line"]) <= 1 and same_bullet(label.get("excerpt", ""), finding.excerpt)


def match_labels(labels: list[dict], findings: list[Finding]) -> dict[int, int]:
    """Finding number -> label index, one to one: the closest pairs first, then any label left without a
    finding takes one from a label that has another to go to."""
    by_key = collections.defaultdict(list)
    for finding in findings:
        by_key[(finding.run, finding.file, finding.code, finding.role)].append(finding)
    options: dict[int, list[int]] = collections.defaultdict(list)
    pairs = []
    for index, label in enumerate(labels):
        for finding in by_key.get((label_run(label), label["file"], label["code"], label["role"]), []):
            if fits(label, finding):
                distance = abs((finding.line or 0) - (label.get("line") or 0))
                pairs.append(
                    (distance, squeeze(label.get("excerpt")) != squeeze(finding.excerpt), index, finding.number)
                )
    pairs.sort()
    taken: dict[int, int] = {}
    placed: dict[int, int] = {}
    for _, _, index, number in pairs:
        options[index].append(number)
        if index not in placed and number not in taken:
            placed[index], taken[number] = number, index

    def move(index: int, seen: set[int]) -> bool:
        for number in options[index]:
            if number not in seen:
                seen.add(number)
                if number not in taken or move(taken[number], seen):
                    placed[index], taken[number] = number, index
                    return True
        return False

    for index in list(options):
        if index not in placed:
            move(index, set())
    return taken


def miss_caught(miss: dict, findings: list[Finding], bad: set[int]) -> bool:
    """A miss is caught by a finding of its code at its place (any wording finding, on a resume bullet), in a
    run of its role; a finding labelled FP catches nothing."""
    code = miss["expected_code"]
    roles = ROLES if miss.get("role", "any") == "any" else (miss["role"],)
    for finding in findings:
        if finding.number in bad or finding.file != miss["file"] or finding.role not in roles:
            continue
        if finding.run.startswith("job:") != (code == "RL205"):
            continue
        if code in DOCUMENT_LEVEL:
            section = miss.get("section")
            if finding.code == code and (not section or section.lower() in (finding.subject or "").lower()):
                return True
            continue
        wording = miss["kind"] == "resume" and finding.code.startswith(WORDING + ("RL202",))
        if finding.code != code and not wording or finding.line is None:
            continue
        if "record" in miss:
            if finding.line == miss["record"]:
                return True
            continue
        if miss.get("page") is not None and finding.page != miss["page"]:
            continue
        line = miss.get("line")
        if not isinstance(line, int):
            continue
        inside = finding.line <= line <= (finding.end_line or finding.line)
        near = min(abs(finding.line - line), abs((finding.end_line or finding.line) - line)) <= 1
        if inside or (near and same_bullet(miss.get("excerpt", ""), finding.excerpt)):
            return True
    return False


def tally(labels, findings, taken, misses, caught) -> dict:
    verdicts = collections.Counter(labels[taken[f.number]]["verdict"] for f in findings if f.number in taken)
    tp, fp = verdicts["TP"], verdicts["FP"]
    reviewer = collections.Counter(
        labels[taken[f.number]]["verdict"]
        for f in findings
        if f.number in taken and labels[taken[f.number]]["source"] == "reviewer"
    )
    return {
        "findings": len(findings),
        "tp": tp,
        "fp": fp,
        "debatable": verdicts["DEBATABLE"],
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "reviewer_tp": reviewer["TP"],
        "reviewer_fp": reviewer["FP"],
        "unlabelled": sum(1 for f in findings if f.number not in taken),
        "misses": len(misses),
        "caught": sum(1 for m in misses if caught[id(m)]),
    }


def weak_bullets(labels, findings, misses, bad) -> tuple[int, int, list[str]]:
    """The resume bullets the labels call weak, and how many of them a current wording finding sits on."""
    weak: dict[tuple, dict] = {}
    for label in labels:
        # the reviewer's labels only: a project label of a finding rolelint already gives would count itself
        if (
            label["source"] == "reviewer"
            and label["kind"] == "resume"
            and label["verdict"] == "TP"
            and label["code"].startswith(WORDING)
        ):
            weak.setdefault((label["file"], label.get("page"), label["line"]), label)
    for miss in misses:
        if miss["kind"] == "resume" and miss["expected_code"].startswith(WORDING):
            weak.setdefault((miss["file"], miss.get("page"), miss["line"]), miss)
    wording = [f for f in findings if f.code.startswith(WORDING) and f.number not in bad and f.kind == "resume"]
    flagged, missed = 0, []
    for (path, page, line), item in sorted(weak.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0, kv[0][2])):
        hit = any(
            f.file == path
            and f.page == page
            and f.line is not None
            and (f.line <= line <= (f.end_line or f.line) or abs(f.line - line) <= 1)
            and same_bullet(item.get("excerpt", ""), f.excerpt)
            for f in wording
        )
        flagged += hit
        if not hit:
            missed.append(f"{path}:{'p' + str(page) + ':' if page else ''}{line}")
    return flagged, len(weak), missed


def plain_copies(corpus: Path, resumes: list[str], folder: Path) -> dict[str, str]:
    """A plain-text copy of each resume, as pasting it into a form gives: its text with no bullet glyphs and
    no Markdown marks. Made with the PDF and DOCX libraries directly, not with rolelint's readers."""
    import docx
    import pypdfium2

    copies = {}
    for name in resumes:
        source = corpus / name
        if name.endswith(".pdf"):
            pdf = pypdfium2.PdfDocument(str(source))
            text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        elif name.endswith(".docx"):
            text = "\n".join(p.text for p in docx.Document(str(source)).paragraphs)
        else:
            text = re.sub(r"[#*_`>]+", "", source.read_text(encoding="utf-8", errors="replace"))
        text = re.sub(r"^[ \t]*[•●▪◦‣∙·○■□➢►▶✓✔➤★☆✦◆◇⋄❖\-*+]+[ \t]*", "", text, flags=re.M)
        target = folder / (name.replace("/", "__") + ".txt")
        target.write_text(text.replace("\r", "").replace("\x02", "").replace("\ufffe", ""), encoding="utf-8")
        copies[target.name] = name
    return copies


def pdf_bullets(corpus: Path, pdfs: list[str]) -> list[tuple[str, int, int]]:
    """Each PDF's bullets in an experience section, and its experience paragraphs, as rolelint reads them."""
    sys.path.insert(0, str(ROOT))
    from linter.document import BULLET, PARAGRAPH
    from linter.readers import read_path

    rows = []
    for name in pdfs:
        document = read_path(str(corpus / name))
        experience = [b for b in document.blocks if b.section == "experience"]
        rows.append((name, sum(b.type == BULLET for b in experience), sum(b.type == PARAGRAPH for b in experience)))
    return rows


def share(profile: dict | None) -> float | None:
    return profile.get("ds") if isinstance(profile, dict) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--labels", type=Path, action="append", help="more labels (default: benchmarks/labels.jsonl)")
    parser.add_argument("--unlabelled", action="store_true", help="list the findings no label covers")
    parser.add_argument("--stubs", type=Path, help="write the findings no label covers as labels to fill in")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    options = parser.parse_args()
    corpus = options.corpus.resolve()
    if not (corpus / "labels" / "findings.jsonl").is_file():
        print(f"accuracy: no labelled corpus at {corpus} (use --corpus DIR)", file=sys.stderr)
        return 2
    documents = {d["file"]: d for d in read_jsonl(corpus / "labels" / "documents.jsonl")}
    labels = [dict(label, source="reviewer") for label in read_jsonl(corpus / "labels" / "findings.jsonl")]
    reviewer_count = len(labels)
    for path in options.labels or ([OWN_LABELS] if OWN_LABELS.exists() else []):
        labels += [dict(label, source="project") for label in read_jsonl(path)]
    for label in labels:
        label.setdefault("kind", documents[label["file"]]["kind"])
        label["code"], label["verdict"] = label["code"].upper(), label["verdict"].upper()
    misses = read_jsonl(corpus / "labels" / "misses.jsonl")
    for miss in misses:
        miss.setdefault("kind", documents[miss["file"]]["kind"])
        miss.setdefault("role", "any")
    jobs = sorted(name for name, d in documents.items() if d["kind"] == "job")
    resumes = sorted(name for name, d in documents.items() if d["kind"] == "resume")
    runs = labelling_runs(jobs)

    with tempfile.TemporaryDirectory(prefix="rolelint-accuracy-") as scratch:
        copies = plain_copies(corpus, resumes, Path(scratch))
        runs_in = {name: (args, corpus) for name, args in runs.items()}
        runs_in["plain-auto"] = ([*copies, *BASE, "--kind", "auto"], Path(scratch))
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            reports = dict(zip(runs_in, pool.map(lambda item: rolelint(*item), runs_in.values())))
        seeds = corpus.parent.parent / "seeds"
        one_liners = seed_check(seeds, Path(scratch)) if seeds.is_dir() else None
    plain = reports.pop("plain-auto")

    findings = collect_findings(reports, corpus)
    taken = match_labels(labels, findings)
    bad = {number for number, index in taken.items() if labels[index]["verdict"] == "FP"}
    caught = {id(m): miss_caught(m, findings, bad) for m in misses}
    figures: dict = {"labels": {"reviewer": reviewer_count, "project": len(labels) - reviewer_count}}

    codes = sorted({f.code for f in findings} | {m["expected_code"] for m in misses})
    print(
        f"rolelint on {corpus}: {len(findings)} findings; labels: {reviewer_count} by the reviewer, "
        f"{len(labels) - reviewer_count} by the project; {len(misses)} labelled misses"
    )
    print(
        f"\n{'rule':<20} {'findings':>8} {'TP':>4} {'FP':>4} {'DEB':>4} {'precision':>9} {'unlabelled':>10}"
        f" {'misses caught':>14} {'reviewer TP/FP':>14}"
    )

    def row(name: str, t: dict) -> str:
        precision = "-" if t["precision"] is None else f"{t['precision']:.2f}"
        return (
            f"{name:<20} {t['findings']:>8} {t['tp']:>4} {t['fp']:>4} {t['debatable']:>4} {precision:>9} "
            f"{t['unlabelled']:>10} {t['caught']:>7}/{t['misses']:<6} {t['reviewer_tp']:>5}/{t['reviewer_fp']:<5}"
        )

    figures["rules"] = {}
    for code in codes:
        t = tally(
            labels,
            [f for f in findings if f.code == code],
            taken,
            [m for m in misses if m["expected_code"] == code],
            caught,
        )
        figures["rules"][code] = t
        print(row(code, t))
    print()
    figures["families"] = {}
    for name, test in FAMILIES:
        t = tally(
            labels,
            [f for f in findings if test(f.code, f.kind)],
            taken,
            [m for m in misses if test(m["expected_code"], m["kind"])],
            caught,
        )
        figures["families"][name.strip()] = t
        print(row(name, t))

    flagged, weak, unflagged = weak_bullets(labels, findings, misses, bad)
    figures["weak_bullets"] = {"flagged": flagged, "total": weak, "not_flagged": unflagged}
    print(f"\nWeak resume bullets with a wording finding: {flagged} of {weak}")

    roles = {in_corpus(corpus, r["path"]): r for r in reports["role-auto"]["files"]}
    leaning = collections.defaultdict(lambda: [0, 0])
    for name in resumes:
        truth = documents[name].get("leaning")
        if truth in ("DS", "MLE"):
            result = roles.get(name, {})
            leaning[truth][0] += str(result.get("role") or "").upper() == truth
            leaning[truth][1] += 1
            if str(result.get("role") or "").upper() != truth:
                print(f"  leaning: {name} is {truth}, read as {result.get('role')} ({result.get('role_profile')})")
    figures["leaning"] = {k: {"agree": v[0], "total": v[1]} for k, v in leaning.items()}
    print("Resume leaning (no --role): " + ", ".join(f"{k} {v[0]} of {v[1]}" for k, v in sorted(leaning.items())))

    posting = {"agree": 0, "total": 0, "called_mixed": 0}
    for job in jobs:
        notes = " ".join(reports[f"job:{job}"]["summary"].get("notes") or [])
        found = re.search(r"target role (\w+) inferred", notes)
        inferred = found.group(1).upper() if found else None
        truth = documents[job].get("leaning")
        if truth in ("DS", "MLE"):
            posting["total"] += 1
            posting["agree"] += inferred == truth
            posting["called_mixed"] += bool(re.search(r"\bmixed\b", notes, re.I))
            if inferred != truth:
                print(f"  posting: {job} is {truth}, read as {inferred}")
        else:
            print(f"  posting: {job} is {truth}, read as {inferred}" + (" (called mixed)" if "mixed" in notes else ""))
    figures["postings"] = posting
    print(
        f"Posting role (--job): {posting['agree']} of {posting['total']} DS/MLE postings agree "
        f"({posting['called_mixed']} of them called mixed)"
    )

    kinds = {in_corpus(corpus, r["path"]): r.get("kind") for r in reports["kind-auto"]["files"]}
    lintable = [n for n, d in documents.items() if d["kind"] != "job"]
    wrong = [n for n in lintable if kinds.get(n) != documents[n]["kind"]]
    figures["kinds"] = {"agree": len(lintable) - len(wrong), "total": len(lintable), "wrong": wrong}
    print(
        f"Kind (--kind auto): {len(lintable) - len(wrong)} of {len(lintable)}"
        + "".join(f"\n  kind: {n} is a {documents[n]['kind']}, read as {kinds.get(n)}" for n in wrong)
    )

    plain_kinds = {copies[os.path.basename(r["path"])]: r for r in plain["files"]}
    as_resume = [n for n, r in plain_kinds.items() if r.get("kind") == "resume"]
    drift = []
    for name, result in sorted(plain_kinds.items()):
        original, copy = share(roles.get(name, {}).get("role_profile")), share(result.get("role_profile"))
        if original is not None and copy is not None and abs(original - copy) > 0.05:
            drift.append(f"{name}: DS {original:.0%} as filed, {copy:.0%} as plain text")
    figures["plain_text"] = {"resume": len(as_resume), "total": len(plain_kinds), "profile_drift": drift}
    print(f"Plain-text copies of the resumes read as resumes by --kind auto: {len(as_resume)} of {len(plain_kinds)}")
    for name in sorted(set(plain_kinds) - set(as_resume)):
        print(f"  plain text: {name} read as {plain_kinds[name].get('kind')}")
    print(
        f"Same profile (DS share within 5 points) as plain text: {len(plain_kinds) - len(drift)} of {len(plain_kinds)}"
    )
    for line in drift:
        print(f"  profile: {line}")

    if one_liners is not None:
        hit, total, missed, seed_rules = one_liners
        figures["seed_one_liners"] = {"flagged": hit, "total": total, "rules": dict(sorted(seed_rules.items()))}
        print(f"Seed one-line weak answers with a finding (no question, both roles): {hit} of {total}")
        print("  rules that report them: " + ", ".join(f"{c} {n}" for c, n in sorted(seed_rules.items())))
        for answer in missed:
            print(f"  seed answer with no finding: {answer[:70]}")

    kinds = question_kinds(reports)
    figures["question_kinds"] = kinds
    for kind, counts in kinds.items():
        print(f"Question kinds of the {kind}s: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    hit, total = model_first(labels, misses, findings)
    figures["model_first"] = {"caught": hit, "total": total}
    print(f"Model-first answers (RL301 misses and RL301 findings labelled right) caught by RL301: {hit} of {total}")

    rows = pdf_bullets(corpus, [n for n in resumes if n.endswith(".pdf")])
    figures["pdf_experience"] = [{"file": n, "bullets": b, "paragraphs": p} for n, b, p in rows]
    print(f"PDFs whose experience section is read as bullets: {sum(1 for _, b, _ in rows if b)} of {len(rows)}")
    for name, bullets, paragraphs in rows:
        print(f"  pdf: {name}: {bullets} bullets, {paragraphs} paragraphs in experience")

    unlabelled = [f for f in findings if f.number not in taken]
    figures["unlabelled"] = len(unlabelled)
    print(f"\nFindings no label covers: {len(unlabelled)}")
    stubs = [
        {
            "file": f.file,
            "kind": f.kind,
            "role": f.role,
            "code": f.code,
            "line": f.line,
            "page": f.page,
            "excerpt": f.excerpt,
            **({"job": f.job} if f.job else {}),
            **({f.subject_key: f.subject} if f.subject_key and f.subject else {}),
            "verdict": "",
            "why": "",
            "message": f.message,
        }
        for f in unlabelled
    ]
    if options.unlabelled:
        for f in unlabelled:
            print(f"  {f.code} {f.run} {f.file}:{'p' + str(f.page) + ':' if f.page else ''}{f.line}  {f.message[:90]}")
            print(f"      | {f.excerpt[:140]}")
    if options.stubs:
        options.stubs.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in stubs), encoding="utf-8")
    if options.json:
        options.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
