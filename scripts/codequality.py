#!/usr/bin/env python3
"""Turns `kb check --format json` into GitLab's code-quality report format."""
import hashlib
import json
import sys

findings = json.load(open(sys.argv[1], encoding="utf-8")) if len(sys.argv) > 1 else json.load(sys.stdin)
report = [{
    "description": f"{d['code']}: {d['message']}",
    "check_name": d["code"],
    "fingerprint": hashlib.sha1(f"{d['file']}:{d['line']}:{d['column']}:{d['code']}".encode()).hexdigest(),
    "severity": "major" if d["severity"] == "error" else "minor",
    "location": {"path": d["file"], "lines": {"begin": d["line"]}},
} for d in findings]
json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
