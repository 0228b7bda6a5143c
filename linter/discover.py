"""Expands the paths given on the command line into the files to lint, in a stable order."""
from __future__ import annotations

import os

from .readers import FORMATS, STDIN

SKIPPED_DIRS = {"node_modules", "venv", "site-packages", "__pycache__", "build", "dist", "vendor", "third_party"}


def expand_paths(paths) -> list[str]:
    """Files as given (even with an unknown extension: the reader will say what is wrong), and for each
    directory the supported files below it, skipping hidden and vendored folders."""
    out: list[str] = []
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            out.extend(_walk(path))
        else:
            out.append(path)
    return list(dict.fromkeys(out))


def _walk(root: str) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in FORMATS:
                found.append(os.path.join(folder, name))
    return found
