"""The bad-input corpus (Tests/Fixtures/bad/cases.yml), one pytest case per entry; the rules are
in check_corpus.py's docstring."""
import pytest
import yaml

import check_corpus

ENTRIES = yaml.safe_load(check_corpus.CORPUS.joinpath("cases.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["case"] for e in ENTRIES])
def test_case(entry):
    expected, got, problems = check_corpus.check_case(str(check_corpus.ROOT / ".build" / "debug" / "kb"), entry, False)
    assert problems == [], f"expected {expected}\n got {got}"
