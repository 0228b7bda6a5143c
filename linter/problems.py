"""Problems with an input itself, as readers and the engine name them. Each is reported through the rule
of kind `input` that declares it (`problem: NAME` in its file), so codes and wording live in rules/."""

UNREADABLE = "unreadable"
WRONG_FORMAT = "wrong-format"
EMPTY = "empty"
CORRUPT = "corrupt"
NO_TEXT_LAYER = "no-text-layer"
ENCRYPTED = "encrypted"
TOO_LARGE = "too-large"
ENCODING_FALLBACK = "encoding-fallback"
MALFORMED = "malformed-data"
UNUSED_SUPPRESSION = "unused-suppression"
OUT_OF_TIME = "out-of-time"
INTERNAL_ERROR = "internal-error"
BAD_SUPPRESSION = "bad-suppression"
WORKER_DIED = "worker-died"

PROBLEMS = (
    UNREADABLE,
    WRONG_FORMAT,
    EMPTY,
    CORRUPT,
    NO_TEXT_LAYER,
    ENCRYPTED,
    TOO_LARGE,
    ENCODING_FALLBACK,
    MALFORMED,
    UNUSED_SUPPRESSION,
    OUT_OF_TIME,
    INTERNAL_ERROR,
    BAD_SUPPRESSION,
    WORKER_DIED,
)
# Problems of the run rather than of a file's content: no example file can show one, so their rules give
# passing examples only (tests/test_hostile_process.py makes one happen).
OF_THE_RUN = (WORKER_DIED,)
# A note of these means the file was not read as written (a broken line, a guessed encoding, an answer too
# long to read): the rest is linted, and the run exits 2.
PARTLY_UNREAD = (MALFORMED, ENCODING_FALLBACK, TOO_LARGE)
