"""A word's forms for the rewrites, from spaCy's lemma table and lemminflect's inflection table, and never
from lemminflect's lemma table: loading it cost a quarter of a second per `check --rewrite` process."""

import subprocess
import sys

import pytest

from linter import wordforms


@pytest.mark.parametrize(
    ("word", "upos", "base"),
    [
        ("studies", "VERB", "study"),
        ("planned", "VERB", "plan"),
        ("routed", "VERB", "route"),  # not "rout"
        ("analyses", "VERB", "analyse"),
        ("feed", "VERB", "feed"),  # not spaCy's "fee"
        ("Deployed", "VERB", "deploy"),
        ("qualifications", "NOUN", "qualifications"),  # a noun, whichever spelling is its base
        ("Kubernetes", "VERB", None),
        ("will", "VERB", None),  # a modal has no past action form
        ("Can", "VERB", None),
        ("refactoring", "VERB", None),  # no table knows it: verb_lemma guesses it below
    ],
)
def test_base_form_checks_each_candidate_against_the_inflection_table(word, upos, base):
    assert wordforms.base_form(word, upos) == base


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("refactoring", "refactor"),
        ("containerizing", "containerize"),
        ("upskilling", "upskill"),
        ("finetuning", "finetune"),
        ("migrating", "migrate"),
        ("built", "build"),
    ],
)
def test_verb_lemma_guesses_the_verbs_no_table_knows(word, lemma):
    assert wordforms.verb_lemma(word) == lemma


def test_past_gerund_and_present():
    assert wordforms.past("containerizing") == "Containerized"
    assert wordforms.gerund("Co-led") == "co-leading"
    assert wordforms.gerund("Product") is None
    assert wordforms.present_form_of("Collaborates") == "collaborate"
    assert wordforms.present_form_of("Collaborated") is None


def test_check_with_rewrite_never_loads_lemminflects_lemma_table():
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from lemminflect import Lemmatizer\n"
        "from linter.cli import main\n"
        "for path in sys.argv[1:]:\n"
        "    result = CliRunner().invoke(main, ['check', '--no-config', '--rewrite', '--role', 'mle', path])\n"
        "    assert '  + ' in result.output, (path, result.output)\n"
        "print(hasattr(Lemmatizer(), 'lemma_dict'))\n"
    )
    paths = ["samples/resumes/hybrid_resume.md", "samples/answers/mle_weak.md", "samples/resumes/ds_resume.docx"]
    done = subprocess.run([sys.executable, "-c", script, *paths], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_lazily_decoded_inflection_table_equals_lemminflects_own():
    from lemminflect import config
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    eager = InflectionLUCodec.load(config.inflection_lu_fn)
    lazy = wordforms.InflectionTable(config.inflection_lu_fn)
    assert len(eager) > 30000
    assert all(lazy.get(lemma) == forms for lemma, forms in eager.items())
    assert lazy.get("no-such-lemma-here", {}) == {}


def test_rewriting_decodes_only_the_lemmas_it_asks_for():
    from lemminflect import Inflections

    assert wordforms.past("migrating") == "Migrated"
    table = Inflections().infl_dict
    assert isinstance(table, wordforms.InflectionTable)
    assert 0 < len(table._decoded) < 1000
