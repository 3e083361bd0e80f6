"""The account of ``azure-openai emulator`` in the README and docs/cli.md matches what it prints."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

import pytest
from azure_openai.testing import serve

REPO = Path(__file__).resolve().parents[2]
DOCS = [REPO / "README.md", REPO / "docs" / "cli.md"]
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def test_the_readme_counts_the_export_lines_the_emulator_prints() -> None:
    out = io.StringIO()
    stop = threading.Event()
    stop.set()  # print the lines, then return at once
    serve(out=out, stop=stop)
    exported = [
        line.split("=")[0].removeprefix("export ") for line in out.getvalue().splitlines() if line.startswith("export ")
    ]
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        claims = re.findall(r"prints (?:the )?(\w+) `?export`? lines", text)
        assert claims and all(NUMBERS[word] == len(exported) for word in claims), (doc.name, claims, exported)
    assert all(name in DOCS[1].read_text(encoding="utf-8") for name in exported)


def test_docs_say_what_record_mode_leaves_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "upstream-key")
    out = io.StringIO()
    stop = threading.Event()
    stop.set()
    serve(out=out, stop=stop, mode="record", upstream="https://up.invalid", recording=str(tmp_path / "r.json"))
    exported = [line for line in out.getvalue().splitlines() if line.startswith("export ")]
    assert not any("AZURE_OPENAI_DEPLOYMENT" in line for line in exported)  # the upstream's names stand
    claims = re.findall(r"with --mode record (\w+)", DOCS[1].read_text(encoding="utf-8"))
    assert claims and all(NUMBERS[word] == len(exported) for word in claims), (claims, exported)
