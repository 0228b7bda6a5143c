"""Names shared by the command line and the engine, in a module that imports nothing, so that
`rolelint --version`, `rules` and `explain` start as fast as Click allows."""

SEVERITIES = ("info", "warning", "error")  # ascending
FAIL_ON = (*reversed(SEVERITIES), "never")
ROLE_AUTO = "auto"
KIND_AUTO = "auto"
DOCUMENT_KINDS = ("resume", "answer", "writeup")
REPORT_FORMATS = ("text", "json", "sarif", "github", "html")
