"""input: problems with the file itself (RL9xx). Readers detect them; the engine turns their errors into
findings of these rules, so there is nothing to evaluate over the text."""

from ..problems import PROBLEMS
from ..schema import KindSchema, OneOf

SCHEMA = KindSchema(required={"problem": OneOf(PROBLEMS)})


def evaluate(rule, context):
    return iter(())
