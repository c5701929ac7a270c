"""The shape docs/ARCHITECTURE.md promises a reader of the code: folders depend only forward
(libraries, then the stages in order), and no function outside the Dutch stemmer (a transcription
of the Snowball algorithm, step by step) is longer than about 80 lines."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True)


def test_folders_depend_only_on_libraries_and_earlier_stages():
    result = run("scripts/folder-deps.py")
    assert result.returncode == 0, result.stdout


def test_no_function_outside_the_stemmer_is_longer_than_about_80_lines():
    result = run("scripts/function-lengths.py", "85", "Sources")
    long = [line for line in result.stdout.splitlines() if "DutchStemmer.swift" not in line]
    assert long == [], "\n".join(long)


def test_the_checks_see_a_violation(tmp_path):
    """Both scripts do report what they look for (so a green run means something)."""
    long_function = "func long() {\n" + "    let x = 1\n" * 90 + "}\n"
    (tmp_path / "Long.swift").write_text(long_function, encoding="utf-8")
    result = run("scripts/function-lengths.py", "85", str(tmp_path))
    assert result.returncode == 1 and "Long.swift:1: func long (92 lines)" in result.stdout
