"""--format json: one object, the shape fixed in DESIGN.md."""
from __future__ import annotations

import json

from .. import __version__
from .summary import notes, summarise


def render_json(results) -> str:
    payload = {
        "version": __version__,
        "files": [r.to_dict() for r in results],
        "summary": {**summarise(results), "notes": notes(results)},
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)
