"""rolelint: a linter for the documents of data-science and ML-engineer candidates.

The public Python API, used by the command line too::

    import linter
    findings = linter.lint_text("Experience\\n- Improved model performance.", kind="resume", role="mle")
    results = linter.lint_paths(["resume.pdf"], role="ds")

Importing this package is cheap: spaCy is loaded only when something is linted.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_paths"]


def lint_text(text, **options):
    """Lint one document given as text; returns its findings (a list of :class:`linter.findings.Finding`).

    Options are those of :class:`linter.options.LintOptions` (``kind``, ``role``, ``select``, ...)."""
    from .api import lint_text as _lint_text

    return _lint_text(text, **options)


def lint_paths(paths, **options):
    """Lint files and directories; returns one :class:`linter.findings.FileResult` per file."""
    from .api import lint_paths as _lint_paths

    return _lint_paths(paths, **options)
