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


class BoundedRun:
    """What a child process did: its exit code, output, peak resident memory (MB) and CPU time (s)."""

    def __init__(self, returncode: int, stdout: str, stderr: str, peak_mb: float, cpu_seconds: float):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr
        self.peak_mb, self.cpu_seconds = peak_mb, cpu_seconds

    def assert_within(self, peak_mb: float = 400, cpu_seconds: float = 10) -> None:
        assert "Traceback" not in self.stderr, self.stderr[-2000:]
        assert self.peak_mb < peak_mb, f"peak memory {self.peak_mb:.0f} MB"
        assert self.cpu_seconds < cpu_seconds, f"CPU time {self.cpu_seconds:.1f} s"


def run_bounded(
    args,
    cwd=None,
    env=None,
    stdin: bytes | None = None,
    address_space_mb: int = 3072,
    wall_seconds: float = 120,
    stdout=None,
    file_size_limit: int | None = None,
    during=None,
) -> BoundedRun:
    """Run `python -m linter ARGS...` in a child process and measure it as the hostile-input promises are
    stated: peak resident memory and CPU time from the kernel's own accounting of that child (wait4), not
    from a wall clock on a shared machine. An address-space cap keeps a regression from taking the test
    machine down with it, and a generous wall-clock kill keeps a hang from stalling the suite (a hang then
    fails the test, with exit code -9).

    `stdout` sends the child's standard output there instead of capturing it (a pipe whose reader has
    gone, /dev/full); `file_size_limit` (bytes, RLIMIT_FSIZE) makes every file the child writes fail
    past that size, as a full disk does. `during(pid)` is called once the child has started, to act on it
    (or on its worker processes) while it runs: it is measured all the same."""
    import resource
    import subprocess
    import sys
    import tempfile
    import threading

    def limit():
        cap = address_space_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as given:
        given.write(stdin or b"")
        given.seek(0)
        child = subprocess.Popen(
            [sys.executable, "-m", "linter", *args],
            cwd=cwd,
            env=env,
            stdin=given,
            stdout=out if stdout is None else stdout,
            stderr=err,
            preexec_fn=limit,
        )
        killer = threading.Timer(wall_seconds, child.kill)
        killer.start()
        try:
            if during is not None:
                during(child.pid)
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            killer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return BoundedRun(
            child.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss / 1024,  # kilobytes on Linux
            usage.ru_utime + usage.ru_stime,
        )
