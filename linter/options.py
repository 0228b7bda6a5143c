"""Everything that shapes one run, whether it came from the command line, a config file or the Python API."""
from __future__ import annotations

from dataclasses import dataclass, field

from .readers.base import Limits

ROLE_AUTO = "auto"
KIND_AUTO = "auto"
DOCUMENT_KINDS = ("resume", "answer", "writeup")


@dataclass(frozen=True)
class LintOptions:
    role: str = ROLE_AUTO
    kind: str = KIND_AUTO
    job: str | None = None
    select: tuple[str, ...] = ()  # codes or code prefixes; empty: all rules
    ignore: tuple[str, ...] = ()
    spacy_model: str | None = None
    rule_dirs: tuple[str, ...] = ()  # extra rule folders besides the built-ins
    limits: Limits = field(default_factory=Limits)

    def wants(self, code: str) -> bool:
        """--select and --ignore, by exact code or prefix ("RL1", "RL10")."""
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)
