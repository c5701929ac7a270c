"""`kb schema` is usable by editors: Python jsonschema accepts every sample file and rejects bad ones."""
import datetime
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
KB = ROOT / ".build" / "debug" / "kb"


def front_matter(text):
    lines = text.split("\n")
    assert lines[0].strip() == "---"
    end = lines.index("---", 1)
    data = yaml.safe_load("\n".join(lines[1:end]))
    # Editors see YAML dates as text, the way kb reads them.
    return json.loads(json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, datetime.date) else str(v)))


@pytest.fixture(scope="module")
def validator():
    out = subprocess.run([str(KB), "schema", str(ROOT)], capture_output=True, text=True, check=True).stdout
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


SAMPLES = sorted((ROOT / "content" / "initiatieven").glob("*.md"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_files_validate(validator, path):
    errors = list(validator.iter_errors(front_matter(path.read_text(encoding="utf-8"))))
    assert errors == [], [e.message for e in errors]


GOOD = SAMPLES[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("change, words", [
    (lambda d: d.update(region="Midden Brabant"), "is not one of"),
    (lambda d: d.update(status="bezig"), "is not one of"),
    (lambda d: d.pop("partners"), "'partners' is a required property"),
    (lambda d: d.update(summary="x" * 301), "is too long"),
    (lambda d: d.setdefault("results", {}).update(admissions_prevented_or_delayed_pct=120), "greater than the maximum"),
])
def test_bad_files_are_rejected(validator, change, words):
    data = front_matter(GOOD)
    change(data)
    messages = [e.message for e in validator.iter_errors(data)]
    assert messages, "bad front matter must not validate"
    assert any(words in m for m in messages), messages
