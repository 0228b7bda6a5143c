"""--format sarif: SARIF 2.1.0, with every rule's help and each result's region. Regions are given for text
formats only: PDF and DOCX positions are page lines and paragraph numbers, and a notebook's are lines
within a cell, none of which a code viewer can place in the file itself, so those results point at the
file and carry the page, paragraph or cell in their properties."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from .escape import encodable_data

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    if path in ("<stdin>", "-"):
        return "stdin"
    absolute = Path(os.path.abspath(path))
    try:
        # A relative URI reference: characters such as "#", "?", "%" and spaces are percent-encoded, or
        # "my resume#1.txt" would name the file "my resume" and a fragment.
        return quote(absolute.relative_to(Path.cwd()).as_posix(), safe="/", errors="surrogateescape")
    except ValueError:
        return absolute.as_uri()


def _rule(rule) -> dict:
    help_text = (
        f"{rule.summary}\n\nWhy it matters: {' '.join(rule.rationale.split())}\n\nHow to fix: "
        f"{' '.join(rule.fix.split())}"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(rule.rationale.split())},
        "help": {
            "text": help_text,
            "markdown": f"**{rule.summary}**\n\n{' '.join(rule.rationale.split())}\n\n"
            f"**How to fix:** {' '.join(rule.fix.split())}",
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"documents": list(rule.documents), "roles": list(rule.roles)},
    }


def _result(result, finding, index: dict) -> dict:
    location = {"artifactLocation": {"uri": _uri(result.path)}}
    properties = {"name": finding.name}
    if finding.suggestion:
        properties["suggestion"] = finding.suggestion
    location_unit = result.location
    if not result.unreadable and location_unit is not None and location_unit.in_file:
        region = {
            "startLine": finding.line,
            "startColumn": finding.column,
            "endLine": finding.end_line,
            "endColumn": max(finding.end_column, finding.column),
        }
        if finding.excerpt:
            region["snippet"] = {"text": finding.excerpt}
        location["region"] = region
    elif not result.unreadable and location_unit is not None:
        properties["line"] = finding.line
        properties["column"] = finding.column
        if finding.page:
            properties[location_unit.page or "page"] = finding.page
    text = finding.message + (f". Suggestion: {finding.suggestion}" if finding.suggestion else "")
    entry = {
        "ruleId": finding.code,
        "level": _LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
        "properties": properties,
    }
    if finding.code in index:
        entry["ruleIndex"] = index[finding.code]
    return entry


def render_sarif(results, rules=()) -> str:
    rules = list(rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": "rolelint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(r) for r in rules],
            }
        },
        "results": [_result(r, f, index) for r in results for f in r.findings],
        "invocations": [
            {
                "executionSuccessful": not any(r.error for r in results),
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": f"{r.path}: {r.error}"},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}],
                    }
                    for r in results
                    if r.error
                ],
            }
        ],
    }
    return json.dumps(
        encodable_data({"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}),
        indent=2,
        ensure_ascii=False,
    )
