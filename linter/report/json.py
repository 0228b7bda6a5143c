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
        "files": [r.to_dict() for r in results if not r.skipped],
        "summary": {**tally.summary, "notes": tally.notes},
    }
    return json.dumps(encodable_data(payload), indent=2, ensure_ascii=False)
