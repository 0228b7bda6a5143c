import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


def run_check(*args: str):
    """`python -m linter check --no-config ARGS...` in a child process, its output captured as text."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "linter", "check", "--no-config", *args], capture_output=True, text=True
    )


def zip_bytes(members: dict) -> bytes:
    """A zip archive (a DOCX or a hostile imitation of one) with the given members."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write(folder: Path, name: str, content) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return os.fspath(path)
