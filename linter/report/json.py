"""--format json: one object, the shape fixed in DESIGN.md."""

from __future__ import annotations

import json

from .. import __version__
from .escape import encodable_data
from .summary import Tally


def render_json(results) -> str:
    tally = Tally(results)
    payload = {
        "version": __version__,
        "files": [file_entry(r) for r in results if not r.skipped],
        "summary": encodable_data({**tally.summary, "notes": tally.notes}),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def file_entry(result) -> dict:
    """One file's object in the "files" list (and a batch's JSON Lines record)."""
    return encodable_data(result.to_dict())
